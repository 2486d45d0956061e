using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Harness.Reports;

/// <summary>Encoding and formatting shared by the HTML sections. Every report value goes through <see cref="Encode"/>.</summary>
internal static class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>
    /// Encodes text for element content and quoted attribute values alike. Letters of every script are kept as they
    /// are (the page is UTF-8, and "§" should stay "§" for anyone reading the source); markup characters are escaped.
    /// </summary>
    public static string Encode(string? text) => string.IsNullOrEmpty(text) ? "" : Encoder.Encode(text);

    public static string Duration(double milliseconds)
    {
        if (!double.IsFinite(milliseconds) || milliseconds < 0) return "–";
        return milliseconds < 1000
            ? milliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms"
            : (milliseconds / 1000).ToString("0.0#", CultureInfo.InvariantCulture) + " s";
    }

    public static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    public static string Symbol(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "✓",
        Verdict.Fail => "✗",
        Verdict.Warning => "!",
        _ => "–",
    };

    public static string Badge(Verdict verdict) =>
        $"<span class=\"badge {WireNames.Of(verdict)}\">{WireNames.Of(verdict)}</span>";

    public static string SeverityTag(CheckSeverity severity) =>
        $"<span class=\"sev {WireNames.Of(severity)}\">{WireNames.Of(severity)}</span>";

    public static string LevelTag(CheckLevel level) =>
        $"<span class=\"level {WireNames.Of(level)}\" title=\"level of obligation\">{WireNames.Of(level)}</span>";

    public static string Count(int count, Verdict verdict) =>
        $"<td class=\"n {WireNames.Of(verdict)}{(count == 0 ? " zero" : "")}\">{count.ToString(CultureInfo.InvariantCulture)}</td>";
}
