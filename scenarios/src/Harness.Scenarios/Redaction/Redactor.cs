using System.Text.RegularExpressions;

namespace Harness.Scenarios.Redaction;

/// <summary>
/// Masks tokens, passwords and client secrets wherever text leaves the process (journal, logs, reports,
/// failure messages). A masked value keeps a short prefix and its length, so two transcripts can still be
/// told apart without either exposing the secret. The mask has no spaces and is recognised, so redacting
/// already redacted text changes nothing.
/// </summary>
public sealed partial class Redactor
{
    public const int VisiblePrefix = 6;

    /// <summary>Values at least this long are taken for tokens and keep <see cref="VisiblePrefix"/> characters.</summary>
    public const int TokenLength = 40;

    /// <summary>Field and header names whose values are secrets whatever they look like.</summary>
    public static readonly IReadOnlySet<string> SecretNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "access_token", "refresh_token", "id_token", "token", "refreshToken", "client_secret",
        "password", "sessionToken", "code", "code_verifier", "assertion", "client_assertion", "cookie", "set-cookie",
    };

    private readonly HashSet<string> _knownSecrets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public static Redactor Default { get; } = new();

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

    /// <summary>Masks a header value: keeps the auth scheme ("Bearer", "Basic") readable, masks the credentials.</summary>
    public static string MaskHeader(string name, string value)
    {
        if (!SecretNames.Contains(name) || MaskedHeaderValue().IsMatch(value)) return value;
        var space = value.IndexOf(' ');
        return space > 0 && space < 12 ? value[..(space + 1)] + Mask(value[(space + 1)..]) : Mask(value);
    }

    /// <summary>Masks every secret in free text: JWTs, secret-named JSON/form fields, and registered secrets.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var result = JwtPattern().Replace(text, m => Mask(m.Value));
        // The field and header patterns skip a value that already is a mask (so redacting twice changes nothing), but
        // only when the mask starts the value: a value that merely contains a mask somewhere (a header line with a
        // JWT masked further on) is still masked, or the secret in front of the mask would go out as it is.
        result = JsonSecretField().Replace(result, m => m.Groups["pre"].Value + Mask(m.Groups["val"].Value) + "\"");
        result = FormSecretField().Replace(result, m => m.Groups["pre"].Value + Mask(Uri.UnescapeDataString(m.Groups["val"].Value)));
        result = HeaderSecret().Replace(result, m => m.Groups["pre"].Value + Mask(m.Groups["val"].Value));
        string[] secrets;
        lock (_gate) secrets = [.. _knownSecrets.OrderByDescending(s => s.Length)];
        foreach (var secret in secrets)
            result = result.Replace(secret, Mask(secret), StringComparison.Ordinal);
        return result;
    }

    private const string MaskMarker = "…[redacted:len=";

    /// <summary>A mask as <see cref="Mask"/> writes it: a prefix of 2 or 6 characters (fewer for a tiny value), the marker and the length.</summary>
    private const string MaskShape = @"(?:[^\r\n]{2}|[^\r\n]{6}|[^\r\n]?)…\[redacted:len=\d+\]";

    /// <summary>The same, inside a JSON string: the prefix cannot cross the closing quote.</summary>
    private const string JsonMaskShape = @"(?:[^""\r\n]{2}|[^""\r\n]{6}|[^""\r\n]?)…\[redacted:len=\d+\]";

    /// <summary>A header value that is exactly a mask, optionally after an auth scheme, as <see cref="MaskHeader"/> writes it.</summary>
    [GeneratedRegex(@"^(?:\S{1,11} )?" + MaskShape + "$")]
    private static partial Regex MaskedHeaderValue();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")]
    private static partial Regex JwtPattern();

    [GeneratedRegex("(?<pre>\"(?:access_token|refresh_token|id_token|token|refreshToken|client_secret|password|sessionToken|code)\"\\s*:\\s*\")(?!" + JsonMaskShape + "\")(?<val>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex JsonSecretField();

    [GeneratedRegex(@"(?<pre>(?:^|[?&\s'""])(?:access_token|refresh_token|id_token|token|client_secret|password|code)=)(?!" + MaskShape + @"(?:[&\s'""]|$))(?<val>[^&\s'""]+)", RegexOptions.IgnoreCase)]
    private static partial Regex FormSecretField();

    // The atomic group keeps the scheme in "pre": backtracking past it would take "Bearer xy…[redacted:len=N]" for an unmasked value and mask it again.
    [GeneratedRegex(@"(?<pre>(?>(?:authorization|cookie)\s*:\s*(?:(?:Bearer|Basic)\s+)?))(?!" + MaskShape + @"(?![A-Za-z0-9_\-.~+/=%]))(?<val>[^\r\n]+)", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex HeaderSecret();
}
