using System.Globalization;
using System.Text;

namespace Harness.Reports;

/// <summary>
/// Renders a check's exchanges as plain text in the familiar curl -v style ("&gt;" request, "&lt;" response),
/// for formats that can only carry text (JUnit failure bodies). Callers pass already-redacted exchanges.
/// </summary>
internal static class TranscriptText
{
    public static void Append(StringBuilder text, IReadOnlyList<Exchange> transcript)
    {
        for (var i = 0; i < transcript.Count; i++)
        {
            var exchange = transcript[i];
            text.Append(CultureInfo.InvariantCulture, $"--- {i + 1}. {exchange.Step} ---\n");
            var request = exchange.Request;
            text.Append("> ").Append(request.Method).Append(' ').Append(request.Url).Append('\n');
            foreach (var (name, value) in request.Headers)
                text.Append("> ").Append(name).Append(": ").Append(value).Append('\n');
            if (!string.IsNullOrEmpty(request.Body))
                text.Append(">\n").Append(request.Body).Append('\n');

            var response = exchange.Response;
            if (response.Status is { } status)
                text.Append(CultureInfo.InvariantCulture, $"< {status}\n");
            foreach (var (name, value) in response.Headers)
                text.Append("< ").Append(name).Append(": ").Append(value).Append('\n');
            if (!string.IsNullOrEmpty(response.Body))
                text.Append("<\n").Append(response.Body).Append('\n');
            if (!string.IsNullOrEmpty(response.Error))
                text.Append("! ").Append(response.Error).Append('\n');
            if (!string.IsNullOrEmpty(exchange.Curl))
                text.Append("$ ").Append(exchange.Curl).Append('\n');
        }
    }
}
