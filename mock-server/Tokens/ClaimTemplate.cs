using System.Text.Json.Nodes;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Tokens;

/// <summary>
/// Fills the token policy's claim templates (<c>${identity.tenant}</c>, <c>${token.exp}</c> ...) for one
/// token. Realms whose contract lists no claims get the registered minimum (jti, iat, exp, sid, azp, scope).
/// </summary>
internal static class ClaimTemplate
{
    public static Dictionary<string, object?> Fill(IReadOnlyDictionary<string, JsonNode?> template, TokenFamily family, TokenKind kind, string jti, long iat, long exp)
    {
        if (template.Count == 0)
        {
            return new Dictionary<string, object?>
            {
                ["jti"] = jti, ["iat"] = iat, ["exp"] = exp, ["sid"] = family.Id, ["azp"] = family.ClientId,
                ["sub"] = family.Account.Identity.UserId, ["typ"] = kind == TokenKind.Access ? "Bearer" : "Refresh", ["scope"] = family.Scope,
            };
        }
        var claims = new Dictionary<string, object?>(template.Count);
        foreach (var (name, value) in template) claims[name] = Value(value, family, jti, iat, exp);
        return claims;
    }

    private static object? Value(JsonNode? node, TokenFamily family, string jti, long iat, long exp)
    {
        switch (node)
        {
            case null: return null;
            case JsonObject obj: return obj.ToDictionary(kv => kv.Key, kv => Value(kv.Value, family, jti, iat, exp));
            case JsonArray arr: return arr.Select(v => Value(v, family, jti, iat, exp)).ToList();
        }
        var value = (JsonValue)node;
        if (value.TryGetValue<bool>(out var b)) return b;
        if (value.TryGetValue<long>(out var l)) return l;
        if (value.TryGetValue<decimal>(out var d)) return d;
        var text = value.GetValue<string>();
        if (!text.StartsWith("${", StringComparison.Ordinal)) return text;
        var identity = family.Account.Identity;
        return text[2..^1] switch
        {
            "identity.tenant" => family.Tenant,
            "identity.account" => identity.AccountId,
            "identity.user" => identity.UserId,
            "identity.device" => family.ClientId,
            "identity.account-profile-id" => identity.AccountProfileId,
            "identity.country" => identity.BillingCountryCode,
            "identity.username" => identity.Username,
            "token.jti" => jti,
            "token.iat" => iat,
            "token.exp" => exp,
            "session.id" => family.Id,
            "session.fixed-exp" => family.FixedExpiresAt ?? exp,
            "session.client-id" => family.ClientId,
            "session.scope" => family.Scope,
            var unknown => throw new InvalidOperationException($"unknown claim template ${{{unknown}}}"),
        };
    }

    /// <summary>The templates the mock understands; anything else is a contract error caught at start-up.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "identity.tenant", "identity.account", "identity.user", "identity.device", "identity.account-profile-id",
        "identity.country", "identity.username", "token.jti", "token.iat", "token.exp", "session.id",
        "session.fixed-exp", "session.client-id", "session.scope",
    };
}
