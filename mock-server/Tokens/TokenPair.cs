namespace Harness.MockServer.Tokens;

/// <summary>A freshly issued access and refresh token with the instants they expire at (Unix seconds).</summary>
public sealed record TokenPair(string AccessToken, string RefreshToken, long IssuedAt, long AccessExpiresAt, long RefreshExpiresAt, TokenFamily Family);
