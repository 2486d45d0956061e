using System.Text.Json;
using Harness.Scenarios.Redaction;

namespace Harness.Reports;

/// <summary>Writes report.json, the machine-readable form every other format can be re-rendered from.</summary>
public sealed class JsonReportWriter(Redactor? redactor = null) : IReportWriter
{
    private readonly ReportRedaction _redaction = new(redactor ?? new Redactor());

    public string FileName => "report.json";

    public void Write(RunReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var redacted = _redaction.Apply(report);
        JsonSerializer.Serialize(output, redacted with { Checks = [.. redacted.Checks.Select(WithWritableDuration)] }, RunReportJson.RunReport);
    }

    // JSON has no NaN or infinity, and one bad timer reading must not cost the whole report.
    private static CheckResult WithWritableDuration(CheckResult check) =>
        double.IsFinite(check.DurationMs) && check.DurationMs >= 0 ? check : check with { DurationMs = 0 };
}
