namespace Harness.MockServer.Tokens;

/// <summary>A freshly issued access and refresh token with the instants they expire at (Unix seconds).</summary>
internal sealed record TokenPair(TokenText Access, TokenText Refresh, long IssuedAt, long AccessExpiresAt, long RefreshExpiresAt, TokenFamily Family)
{
    public string AccessToken => Access.Text;
    public string RefreshToken => Refresh.Text;

    /// <summary>The run-time claims override the access token carries, if one applied (the journal names it; the ID token gets it too).</summary>
    public ClaimPatch? Overridden { get; init; }
}
