using System.Text;
using Harness.Scenarios.Redaction;

namespace Harness.Reports;

/// <summary>
/// Writes report.html: one self-contained page (inline CSS and script, no fonts, images or scripts fetched from
/// anywhere) that opens straight from a CI artifact or an email attachment. A Content-Security-Policy of
/// default-src 'none' makes the browser itself refuse any network request, so a stray URL can never leak.
/// </summary>
/// <remarks>
/// Stable hooks for browser tests: data-testid "summary", "summary-totals", "summary-api-&lt;api&gt;",
/// "summary-severity-&lt;severity&gt;", "matrix", "matrix-cell" (with data-api, data-rule, data-verdict),
/// "checks", "filter-all|failed|skipped|passed", "api-&lt;api&gt;", "check-&lt;check id&gt;" (a &lt;details&gt;
/// with data-verdict), and inside it "check-details", "failure", "failure-expected", "failure-actual", "exchange",
/// "exchange-request", "exchange-response", "exchange-error", "exchange-curl".
/// </remarks>
public sealed class HtmlReportWriter(Redactor? redactor = null) : IReportWriter
{
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    private readonly ReportRedaction _redaction = new(redactor ?? new Redactor());

    public string FileName => "report.html";

    public void Write(RunReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        report = _redaction.Apply(report);
        using var w = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true)
        {
            NewLine = "\n",
        };
        var anchors = new HtmlAnchors(report);

        w.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.Write($"<meta http-equiv=\"Content-Security-Policy\" content=\"{ContentSecurityPolicy}\">\n");
        w.Write("<meta name=\"referrer\" content=\"no-referrer\">\n");
        w.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.Write($"<title>Refresh Harness: {Html.Encode(report.Target.Name)} · {Html.Encode(report.RunId)}</title>\n");
        w.Write("<style>\n");
        w.Write(HtmlAssets.Css);
        w.Write("</style>\n</head>\n<body data-filter=\"all\">\n<div class=\"page\">\n");

        WriteHeader(w, report);
        w.Write("<main>\n");
        SummarySection.Write(w, report, anchors);
        RuleMatrixSection.Write(w, report, anchors);
        CheckSection.Write(w, report, anchors);
        w.Write("</main>\n");
        w.Write($"<footer>report schema version {report.SchemaVersion} · secrets are masked as “prefix…[redacted:len=N]”</footer>\n");
        w.Write("</div>\n<script>\n");
        w.Write(HtmlAssets.Script);
        w.Write("</script>\n</body>\n</html>\n");
    }

    private static void WriteHeader(TextWriter w, RunReport report)
    {
        w.Write("<header class=\"page-header\">\n<h1>Refresh Harness conformance report</h1>\n<dl class=\"run-meta\" data-testid=\"run-meta\">\n");
        // Base URL is printed as text, never as a link: the page must not invite a click through to the target.
        w.Write($"<dt>Target</dt><dd>{Html.Encode(report.Target.Name)} ({Html.Encode(report.Target.Kind)})</dd>");
        w.Write($"<dt>Base URL</dt><dd><code>{Html.Encode(report.Target.BaseUrl)}</code></dd>\n");
        w.Write($"<dt>Run</dt><dd><code>{Html.Encode(report.RunId)}</code></dd>");
        w.Write($"<dt>Duration</dt><dd>{Html.Encode(Html.Duration((report.FinishedAt - report.StartedAt).TotalMilliseconds))}</dd>\n");
        w.Write($"<dt>Started</dt><dd>{Html.Encode(Html.Time(report.StartedAt))}</dd>");
        w.Write($"<dt>Finished</dt><dd>{Html.Encode(Html.Time(report.FinishedAt))}</dd>\n");
        w.Write("</dl>\n</header>\n");
    }
}
