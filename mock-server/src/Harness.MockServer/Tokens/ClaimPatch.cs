using System.Text.Json.Nodes;

namespace Harness.MockServer.Tokens;

/// <summary>
/// Claims a run-time override puts into one access token (added, or replacing the template's value), and the
/// journal's word for it. The patch is applied before signing, so the token's signature covers it and the store
/// knows the token by exactly these bytes.
/// </summary>
internal sealed record ClaimPatch(JsonObject Claims, string Note);

/// <summary>Where the token store asks for claim overrides: one patch per minted access token, counted by whoever keeps them.</summary>
internal interface IClaimOverrides
{
    /// <summary>The patch for the next access token of <paramref name="family"/>, taking one of its count; null when none applies.</summary>
    ClaimPatch? TakeFor(TokenFamily family);
}
