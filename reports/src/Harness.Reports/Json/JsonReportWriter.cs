using System.Text.Json;
using Harness.Scenarios.Redaction;

namespace Harness.Reports;

/// <summary>Writes report.json, the machine-readable form every other format can be re-rendered from.</summary>
public sealed class JsonReportWriter(Redactor? redactor = null) : IReportWriter
{
    private readonly ReportRedaction _redaction = new(redactor ?? Redactor.Default);

    public string FileName => "report.json";

    public void Write(RunReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        JsonSerializer.Serialize(output, _redaction.Apply(report), RunReportJson.Options);
    }
}
