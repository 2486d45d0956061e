using System.Text.Json.Nodes;

namespace Harness.Scenarios.Model;

/// <summary>The JSON type a claim template is filled with: what the suite checks a token's claim against.</summary>
public enum ClaimType
{
    String,
    Number,
}

/// <summary>One <c>${...}</c> a token policy's (or an OIDC surface's) claims may use, what it holds, and its type.</summary>
public sealed record ClaimTemplateName(string Name, ClaimType Type, string Meaning)
{
    public override string ToString() => "${" + Name + "}";
}

/// <summary>
/// The claim templates a contract may write (<c>tenantId: "${identity.tenant}"</c>): the one list. The loader
/// refuses any other (so <c>lint</c> refuses what the mock would), the mock keeps a filler for each name and a test
/// proves it has one for every entry, and the suite reads each template's type from here. A new template is a new
/// row here, its filler in the mock (<c>Tokens/ClaimTemplate.cs</c>), and the contracts that use it.
/// </summary>
public static class ClaimTemplates
{
    public static IReadOnlyList<ClaimTemplateName> All { get; } =
    [
        new("identity.tenant", ClaimType.String, "the tenant of the session's account"),
        new("identity.account", ClaimType.String, "the account id"),
        new("identity.user", ClaimType.String, "the user id (OIDC sub)"),
        new("identity.device", ClaimType.String, "the device: the client id the session was started with"),
        new("identity.account-profile-id", ClaimType.String, "the account's profile id (AGS)"),
        new("identity.country", ClaimType.String, "the account's billing country code"),
        new("identity.username", ClaimType.String, "the user's login name"),
        new("token.jti", ClaimType.String, "this token's unique id (RFC 7519 §4.1.7)"),
        new("token.iat", ClaimType.Number, "the instant this token was issued, Unix seconds (RFC 7519 §4.1.6)"),
        new("token.exp", ClaimType.Number, "the instant this token expires, Unix seconds (RFC 7519 §4.1.4)"),
        new("token.nbf", ClaimType.Number, "the instant before which this token must not be accepted, Unix seconds (RFC 7519 §4.1.5): its issue instant"),
        new("session.id", ClaimType.String, "the session's (token family's) id (OIDC sid)"),
        new("session.fixed-exp", ClaimType.Number, "the session's hard end, Unix seconds; the token's exp where the realm has none"),
        new("session.client-id", ClaimType.String, "the client the session was started by (OIDC azp)"),
        new("session.scope", ClaimType.String, "the scope this token was granted"),
        new("realm.issuer", ClaimType.String, "the URL of the OIDC realm the session was started through (OIDC iss); only a contract with an oidc: section has one"),
    ];

    private static readonly Dictionary<string, ClaimTemplateName> ByName = All.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static ClaimTemplateName? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The template a claim value refers to (<c>"${token.exp}"</c> → <c>token.exp</c>), or null for a literal.</summary>
    /// <remarks>Only a string that starts with <c>${</c> refers; numbers and booleans are literals.</remarks>
    public static string? ReferenceIn(JsonNode? value)
    {
        if (value is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.String) return null;
        var text = v.GetValue<string>();
        if (!text.StartsWith("${", StringComparison.Ordinal)) return null;
        return text.EndsWith('}') ? text[2..^1] : text[2..];
    }

    /// <summary>The list as a reader of an error message wants it.</summary>
    public static string Listed => string.Join(", ", All.Select(t => t.ToString()));
}
