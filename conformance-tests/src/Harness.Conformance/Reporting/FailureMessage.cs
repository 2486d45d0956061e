using System.Text;
using Harness.Reports;
using Harness.Scenarios.Redaction;

namespace Harness.Conformance.Reporting;

/// <summary>
/// What a tester reads when a check fails or warns: each broken expectation (✗ failure, ! warning) with expected and
/// actual, the rule, its level and where it comes from, then every exchange with its curl line, all already redacted.
/// </summary>
/// <remarks>
/// The check is redacted here even though the runner records redacted text: an expectation's actual value or an
/// error message can quote a server's answer (a bootstrap failure once quoted a JWE), and this text goes to the
/// console and the test log. Bodies are redacted before they are cut, since a cut token no longer looks like one.
/// </remarks>
public static class FailureMessage
{
    private const int BodyChars = 600;

    public static string Format(CheckResult check, Redactor redactor)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(redactor);
        var safe = new ReportRedaction(redactor).Apply(check);
        var text = new StringBuilder();
        text.AppendLine($"{safe.Id} — {safe.Title}");
        text.AppendLine($"  rule: {string.Join(", ", safe.Rules)} ({(safe.Severity == CheckSeverity.Contract ? "contract" : "best practice")}, level {WireNames.Of(safe.Level)}); source: {string.Join("; ", safe.Sources)}");
        foreach (var failure in safe.Failures)
        {
            var level = failure.Level is { } l ? $" [{WireNames.Of(l)}{(failure.Warning ? ", not gated: warning" : "")}]" : "";
            text.AppendLine($"  {(failure.Warning ? "!" : "✗")} {failure.Expectation}{level}");
            text.AppendLine($"      expected: {failure.Expected}");
            text.AppendLine($"      actual:   {failure.Actual}");
            text.AppendLine($"      source:   {failure.Source}");
        }
        text.AppendLine("  transcript:");
        foreach (var exchange in safe.Transcript)
        {
            text.AppendLine($"    {exchange.Step}: {exchange.Request.Method} {exchange.Request.Url} → {exchange.Response.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? exchange.Response.Error}");
            if (exchange.Response.Body is { Length: > 0 } body) text.AppendLine($"      body: {(body.Length > BodyChars ? body[..BodyChars] + "…" : body)}");
            text.AppendLine($"      {exchange.Curl}");
        }
        return text.ToString();
    }
}
