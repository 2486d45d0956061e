namespace Harness.Scenarios.Redaction;

/// <summary>
/// Names (of JSON fields, form fields, query parameters, headers, AGS parameters) whose values are secrets
/// whatever the contract says: anything naming a secret, a password or a token, API keys, and the credential
/// headers. The contract adds its own names with <c>secret: true</c>; these cover what no contract declares
/// (a target's extra fields, a frontend's headers).
/// </summary>
/// <remarks>
/// Names are compared without case, '-', '_' or '.', so <c>apiKey</c>, <c>api_key</c> and <c>X-Api-Key</c> are one rule.
/// </remarks>
public static class SecretName
{
    /// <summary>A name containing any of these is secret.</summary>
    private static readonly string[] Fragments = ["secret", "password", "passwd", "token"];

    /// <summary>Secret names the fragments miss: API keys, the credential headers, and the OAuth grant's other credentials.</summary>
    private static readonly HashSet<string> Exact = new(StringComparer.Ordinal)
    {
        "apikey", "xapikey", "authorization", "proxyauthorization", "cookie", "setcookie",
        "code", "codeverifier", "assertion", "clientassertion",
    };

    /// <summary>Names that contain "token" but describe one (RFC 6749 §5.1 token_type, RFC 7009 token_type_hint): masking them hides nothing and blurs every report.</summary>
    private static readonly HashSet<string> Descriptive = new(StringComparer.Ordinal)
    {
        "tokentype", "tokentypehint", "tokenendpoint", "tokenendpointauthmethod", "issuedtokentype", "requestedtokentype",
    };

    public static bool IsGeneric(string name)
    {
        var key = Normalize(name);
        if (key.Length == 0 || Descriptive.Contains(key)) return false;
        return Exact.Contains(key) || Fragments.Any(f => key.Contains(f, StringComparison.Ordinal));
    }

    /// <summary>Whether a secret name is also a header that may appear mid-line in free text ("… Authorization: Bearer x").</summary>
    internal static bool IsCredentialHeader(string name) => Normalize(name) is "authorization" or "proxyauthorization" or "cookie" or "setcookie" or "xapikey";

    internal static string Normalize(string name)
    {
        Span<char> buffer = name.Length <= 128 ? stackalloc char[name.Length] : new char[name.Length];
        var length = 0;
        foreach (var c in name)
            if (c is not ('-' or '_' or '.')) buffer[length++] = char.ToLowerInvariant(c);
        return new string(buffer[..length]);
    }
}
