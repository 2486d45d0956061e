using System.Text;
using Harness.Reports;

namespace Harness.Conformance.Reporting;

/// <summary>
/// What a tester reads when a check fails or warns: each broken expectation (✗ failure, ! warning) with expected and
/// actual, the rule, its level and where it comes from, then every exchange with its curl line, all already redacted.
/// </summary>
public static class FailureMessage
{
    public static string Format(CheckResult check)
    {
        var text = new StringBuilder();
        text.AppendLine($"{check.Id} — {check.Title}");
        text.AppendLine($"  rule: {string.Join(", ", check.Rules)} ({(check.Severity == CheckSeverity.Contract ? "contract" : "best practice")}, level {WireNames.Of(check.Level)}); source: {string.Join("; ", check.Sources)}");
        foreach (var failure in check.Failures)
        {
            var level = failure.Level is { } l ? $" [{WireNames.Of(l)}{(failure.Warning ? ", not gated: warning" : "")}]" : "";
            text.AppendLine($"  {(failure.Warning ? "!" : "✗")} {failure.Expectation}{level}");
            text.AppendLine($"      expected: {failure.Expected}");
            text.AppendLine($"      actual:   {failure.Actual}");
            text.AppendLine($"      source:   {failure.Source}");
        }
        text.AppendLine("  transcript:");
        foreach (var exchange in check.Transcript)
        {
            text.AppendLine($"    {exchange.Step}: {exchange.Request.Method} {exchange.Request.Url} → {exchange.Response.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? exchange.Response.Error}");
            if (exchange.Response.Body is { Length: > 0 } body) text.AppendLine($"      body: {(body.Length > 600 ? body[..600] + "…" : body)}");
            text.AppendLine($"      {exchange.Curl}");
        }
        return text.ToString();
    }
}
