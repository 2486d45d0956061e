using System.Text.Json.Nodes;
using Harness.MockServer.Tokens;

namespace Harness.MockServer.Control;

/// <summary>
/// Extra or changed claims in the access tokens the mock issues next (and the ID token issued with them), for any
/// user or for one: what mock-oauth2-server's users set per request. The claims go in before the token is signed.
/// </summary>
internal sealed class ClaimsOverride(JsonObject claims, string? user, string? realm, int? count) : RuntimeOverride(count)
{
    public JsonObject Claims { get; } = claims;

    /// <summary>The user whose tokens get the claims: username, user id (<c>sub</c>) or account id; null for anyone's.</summary>
    public string? User { get; } = user;

    /// <summary>The realm whose tokens get the claims; null for every realm's.</summary>
    public string? Realm { get; } = realm;

    public override OverrideKind Kind => OverrideKind.Claims;

    public override string Describe() =>
        $"claims {Claims.ToJsonString()} in the access tokens of {(User is null ? "any user" : "user " + User)}{(Realm is null ? "" : " in realm " + Realm)}";

    /// <summary>The journal names the claims, not their values (a claim may carry what a log must not).</summary>
    internal string Note => $"override #{Id}: claims {string.Join(", ", Claims.Select(c => c.Key))}";

    internal bool Matches(TokenFamily family)
    {
        if (Realm is not null && !string.Equals(Realm, family.Realm, StringComparison.Ordinal)) return false;
        if (User is null) return true;
        var identity = family.Account.Identity;
        return User == identity.Username || User == identity.UserId || User == identity.AccountId;
    }
}
