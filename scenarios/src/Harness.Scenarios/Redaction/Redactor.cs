using System.Text.RegularExpressions;
using Harness.Scenarios.Model;

namespace Harness.Scenarios.Redaction;

/// <summary>
/// Masks tokens, passwords and client secrets wherever text leaves the process (journal, logs, reports,
/// failure messages). A masked value keeps a short prefix and its length, so two transcripts can still be
/// told apart without either exposing the secret. The mask has no spaces and is recognised, so redacting
/// already redacted text changes nothing.
/// </summary>
/// <remarks>
/// What is secret: every JWS or JWE (by shape, wherever it is), the value of every field, parameter or header
/// whose name is secret — the names the contract declares (<c>secret: true</c>) plus <see cref="SecretName"/>'s
/// generic ones, one rule for JSON fields, AGS name-value parameters, form fields, query strings and header lines —
/// and every value registered with <see cref="AddKnownSecret"/>. One instance per run or per mock, never shared
/// between them: what one registers, the other does not see.
/// </remarks>
public sealed partial class Redactor
{
    public const int VisiblePrefix = 6;

    /// <summary>Values at least this long are taken for tokens and keep <see cref="VisiblePrefix"/> characters.</summary>
    public const int TokenLength = 40;

    private readonly HashSet<string> _declared;
    private readonly HashSet<string> _knownSecrets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>A redactor that knows the generic secret names only.</summary>
    public Redactor() : this([])
    {
    }

    /// <param name="declaredSecretNames">Field names the contract marks secret, on top of the generic ones.</param>
    public Redactor(IEnumerable<string> declaredSecretNames)
    {
        ArgumentNullException.ThrowIfNull(declaredSecretNames);
        _declared = new HashSet<string>(declaredSecretNames.Select(SecretName.Normalize), StringComparer.Ordinal);
    }

    /// <summary>A redactor that also knows every request field the contracts mark <c>secret: true</c>, AGS parameters included.</summary>
    public static Redactor ForContracts(ContractSet contracts) => new(DeclaredSecrets.Names(contracts));

    /// <summary>Whether the value of a field, parameter or header with this name is masked.</summary>
    public bool IsSecretName(string name) => _declared.Contains(SecretName.Normalize(name)) || SecretName.IsGeneric(name);

    /// <summary>Registers a value (a password from the environment, a client secret) that must never be printed.</summary>
    public void AddKnownSecret(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < 4) return;
        lock (_gate) _knownSecrets.Add(secret);
    }

    public static string Mask(string? value)
    {
        if (string.IsNullOrEmpty(value)) return value ?? "";
        // Six characters tell two tokens apart; a password or a client secret (shorter) keeps only two.
        var prefix = value[..(value.Length >= TokenLength ? VisiblePrefix : Math.Min(2, value.Length))];
        return $"{prefix}…[redacted:len={value.Length}]";
    }

    /// <summary>Whether a value already went through <see cref="Mask"/> (masking it again would report the mask's length).</summary>
    public static bool IsMasked(string value) => value.Contains(MaskMarker, StringComparison.Ordinal);

    /// <summary>Masks a header value if its name is secret: keeps the auth scheme ("Bearer", "Basic") readable, masks the credentials.</summary>
    public string MaskHeader(string name, string value) => IsSecretName(name) ? MaskCredentials(value) : value;

    /// <summary>Masks every secret in free text: JWS/JWE, secret-named fields, parameters and header lines, and registered secrets.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var result = JoseToken().Replace(text, m => Mask(m.Value));
        result = JsonField().Replace(result, m => IsSecretName(m.Groups["name"].Value) ? Swap(m, MaskJsonString) : m.Value);
        result = NameValueParameter().Replace(result, m => IsSecretName(m.Groups["name"].Value) ? Swap(m, MaskJsonString) : m.Value);
        result = FormField().Replace(result, m => IsSecretName(Unescape(m.Groups["name"].Value)) ? Swap(m, v => IsExactlyMasked(v) ? v : Mask(Unescape(v))) : m.Value);
        result = HeaderLine().Replace(result, m => IsSecretHeaderLine(m) ? Swap(m, v => MaskCredentials(v.TrimEnd()) + v[v.TrimEnd().Length..]) : m.Value);
        string[] secrets;
        lock (_gate) secrets = [.. _knownSecrets.OrderByDescending(s => s.Length)];
        foreach (var secret in secrets)
            result = result.Replace(secret, Mask(secret), StringComparison.Ordinal);
        return result;
    }

    /// <summary>The match with its "val" group replaced, everything around it kept as it was.</summary>
    private static string Swap(Match m, Func<string, string> mask)
    {
        var value = m.Groups["val"];
        var from = value.Index - m.Index;
        return m.Value[..from] + mask(value.Value) + m.Value[(from + value.Length)..];
    }

    /// <summary>
    /// A "Name: value" line is a header at the start of a line or inside shell quotes (a curl -H); further into a
    /// line, "the refresh token: differs…" is prose, so only the credential headers are taken there.
    /// </summary>
    private bool IsSecretHeaderLine(Match m)
    {
        var name = m.Groups["name"].Value;
        if (!IsSecretName(name)) return false;
        return m.Groups["indent"].Success || m.Groups["lead"].Value == "'" || SecretName.IsCredentialHeader(name);
    }

    /// <summary>Masks a credential, keeping a known auth scheme readable; a value that already is a mask is left as it is.</summary>
    private static string MaskCredentials(string value)
    {
        if (value.Length == 0 || IsExactlyMasked(value)) return value;
        var scheme = AuthScheme().Match(value);
        return scheme.Success ? value[..scheme.Length] + Mask(value[scheme.Length..]) : Mask(value);
    }

    /// <summary>As <see cref="MaskCredentials"/> inside a JSON string: a prefix cut inside an escape ("\u00") would leave invalid JSON, so its backslashes become '?'.</summary>
    private static string MaskJsonString(string value)
    {
        var masked = MaskCredentials(value);
        var marker = masked.IndexOf(MaskMarker, StringComparison.Ordinal);
        return marker > 0 && masked.AsSpan(0, marker).Contains('\\') ? masked[..marker].Replace('\\', '?') + masked[marker..] : masked;
    }

    private static bool IsExactlyMasked(string value) => MaskedValue().IsMatch(value);

    private static string Unescape(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            return value;
        }
    }

    private const string MaskMarker = "…[redacted:len=";

    /// <summary>A mask as <see cref="Mask"/> writes it: a prefix of 2 or 6 characters (fewer for a tiny value), the marker and the length.</summary>
    private const string MaskShape = @"(?:[^\r\n]{2}|[^\r\n]{6}|[^\r\n]?)…\[redacted:len=\d+\]";

    /// <summary>A value that is exactly a mask, optionally after an auth scheme, as <see cref="MaskCredentials"/> writes it.</summary>
    [GeneratedRegex(@"^(?:\S{1,11} )?" + MaskShape + "$")]
    private static partial Regex MaskedValue();

    /// <summary>The schemes of RFC 9110 §11 credentials kept readable; "Bearer Bearer x" keeps one.</summary>
    [GeneratedRegex(@"^(?:Bearer|Basic|Digest|DPoP|Negotiate|NTLM|Token)[ ]+", RegexOptions.IgnoreCase)]
    private static partial Regex AuthScheme();

    /// <summary>
    /// JOSE compact serialisations: a JWS (header.payload.signature; an unsecured JWT has an empty signature) and a
    /// JWE (header.key.iv.ciphertext.tag; "dir" encryption has an empty key). The whole token is one match: masking
    /// only its first three parts would leave a JWE's ciphertext and tag in clear.
    /// </summary>
    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+){0,2}")]
    private static partial Regex JoseToken();

    /// <summary>A JSON member with a string value; the name decides.</summary>
    [GeneratedRegex(@"(?<pre>""(?<name>[A-Za-z0-9_.\-$@]{1,64})""\s*:\s*"")(?<val>(?:[^""\\\r\n]|\\.)*)""")]
    private static partial Regex JsonField();

    /// <summary>A member of a name-value array (the AGS <c>parameters</c>), in either order: the "name" decides whether "value" is masked.</summary>
    [GeneratedRegex(@"""name""\s*:\s*""(?<name>[^""\\\r\n]{1,64})""\s*,\s*""value""\s*:\s*""(?<val>(?:[^""\\\r\n]|\\.)*)""|""value""\s*:\s*""(?<val>(?:[^""\\\r\n]|\\.)*)""\s*,\s*""name""\s*:\s*""(?<name>[^""\\\r\n]{1,64})""", RegexOptions.IgnoreCase)]
    private static partial Regex NameValueParameter();

    /// <summary>A form field or query parameter, name=value, at the start of the text or after ?, &amp;, a space or a quote.</summary>
    [GeneratedRegex(@"(?<pre>(?:^|(?<=[?&\s'""]))(?<name>[A-Za-z0-9_.\-%\[\]]{1,64})=)(?<val>[^&\s'""#]+)")]
    private static partial Regex FormField();

    /// <summary>"Name: value" to the end of the line (or the closing shell quote of a curl -H).</summary>
    [GeneratedRegex(@"(?<lead>(?<indent>^[ \t]*)|'|(?<=[ \t]))(?<pre>(?<name>[A-Za-z][A-Za-z0-9-]{0,63})[ \t]*:[ \t]*)(?<val>[^\r\n']+)", RegexOptions.Multiline)]
    private static partial Regex HeaderLine();
}
