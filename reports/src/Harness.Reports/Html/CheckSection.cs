using System.Globalization;

namespace Harness.Reports;

/// <summary>
/// Every check, grouped by API, as a collapsible block: why it matters (rules, sources), what broke
/// (expected against actual) and the evidence (request/response transcript and a curl line to replay it).
/// </summary>
internal static class CheckSection
{
    public static void Write(TextWriter w, RunReport report, HtmlAnchors anchors)
    {
        w.Write("<section class=\"checks\" data-testid=\"checks\">\n<h2>Checks</h2>\n");
        w.Write("<div class=\"filters\" role=\"group\" aria-label=\"Show checks\">" +
                "<button type=\"button\" data-filter=\"all\" data-testid=\"filter-all\" aria-pressed=\"true\">All</button>" +
                "<button type=\"button\" data-filter=\"failed\" data-testid=\"filter-failed\" aria-pressed=\"false\">Failed</button>" +
                "<button type=\"button\" data-filter=\"warnings\" data-testid=\"filter-warnings\" aria-pressed=\"false\">Warnings</button>" +
                "<button type=\"button\" data-filter=\"skipped\" data-testid=\"filter-skipped\" aria-pressed=\"false\">Skipped</button>" +
                "<button type=\"button\" data-filter=\"passed\" data-testid=\"filter-passed\" aria-pressed=\"false\">Passed</button>" +
                "</div>\n");
        if (report.Checks.Count == 0) w.Write("<p class=\"empty\">No checks in this run.</p>\n");

        var exchangeNumber = 0;
        foreach (var group in report.Checks.GroupBy(c => c.Api, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var tally = VerdictTally.Of(group);
            w.Write($"<section class=\"api-group\" id=\"{Html.Encode(anchors.Api(group.Key))}\" data-testid=\"api-{Html.Encode(group.Key)}\">\n");
            w.Write(string.Create(CultureInfo.InvariantCulture,
                $"<h3>{Html.Encode(group.Key)} <span class=\"sev\">{tally.Passed} passed · {tally.Failed} failed · {tally.Warned} with warnings · {tally.Skipped} skipped</span></h3>\n"));
            foreach (var check in group) WriteCheck(w, check, anchors, ref exchangeNumber);
            w.Write("</section>\n");
        }
        w.Write("</section>\n");
    }

    private static void WriteCheck(TextWriter w, CheckResult check, HtmlAnchors anchors, ref int exchangeNumber)
    {
        var verdict = WireNames.Of(check.Verdict);
        w.Write($"<details class=\"check\" id=\"{Html.Encode(anchors.Check(check))}\" data-testid=\"check-{Html.Encode(check.Id)}\" data-verdict=\"{verdict}\">\n");
        w.Write($"<summary>{Html.Badge(check.Verdict)}<span class=\"title\">{Html.Encode(check.Title)}</span>" +
                $"{Html.SeverityTag(check.Severity)}{Html.LevelTag(check.Level)}<code class=\"check-id\">{Html.Encode(check.Id)}</code>");
        var why = OneLineWhy(check);
        if (why is not null) w.Write($"<span class=\"why\">{Html.Encode(why)}</span>");
        w.Write("</summary>\n<div class=\"check-body\" data-testid=\"check-details\">\n");

        WriteFacts(w, check);
        if (check.Failures.Count > 0) WriteFailures(w, check);
        if (check.Transcript.Count > 0)
        {
            w.Write("<h4>Transcript</h4>\n");
            for (var i = 0; i < check.Transcript.Count; i++)
                WriteExchange(w, check.Transcript[i], i + 1, ++exchangeNumber);
        }
        w.Write("</div>\n</details>\n");
    }

    private static string? OneLineWhy(CheckResult check)
    {
        var why = check.Verdict switch
        {
            Verdict.Fail or Verdict.Warning when check.Failures.Count > 0 => $"{check.Failures[0].Expectation}: expected {check.Failures[0].Expected}, got {check.Failures[0].Actual}",
            Verdict.Fail or Verdict.Skip => check.Reason,
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(why)) return null;
        why = why.ReplaceLineEndings(" ");
        return why.Length <= 200 ? why : why[..199] + "…";
    }

    private static void WriteFacts(TextWriter w, CheckResult check)
    {
        w.Write("<dl class=\"facts\">\n");
        Fact(w, "API", Html.Encode(check.Api));
        Fact(w, "Operation", Html.Encode(check.Operation));
        Fact(w, "Scenario", Html.Encode(check.Scenario));
        Fact(w, "Severity", Html.Encode(WireNames.Of(check.Severity)));
        Fact(w, "Level", $"<span data-testid=\"check-level\">{Html.Encode(WireNames.Of(check.Level))}</span>");
        Fact(w, "Rules", check.Rules.Count == 0 ? "<span class=\"empty\">none</span>" : string.Join(", ", check.Rules.Select(r => $"<code>{Html.Encode(r)}</code>")));
        Fact(w, "Sources", check.Sources.Count == 0 ? "<span class=\"empty\">none</span>" : "<ul>" + string.Concat(check.Sources.Select(s => $"<li>{Html.Encode(s)}</li>")) + "</ul>");
        Fact(w, "Duration", Html.Encode(Html.Duration(check.DurationMs)));
        if (!string.IsNullOrEmpty(check.Reason)) Fact(w, "Reason", $"<span data-testid=\"check-reason\">{Html.Encode(check.Reason)}</span>");
        w.Write("</dl>\n");
    }

    private static void Fact(TextWriter w, string name, string html) => w.Write($"<dt>{name}</dt><dd>{html}</dd>\n");

    private static void WriteFailures(TextWriter w, CheckResult check)
    {
        var rules = Html.Encode(string.Join(", ", check.Rules));
        w.Write(check.Failures.All(f => f.Warning) ? "<h4>Warnings</h4>" : "<h4>Failures</h4>");
        w.Write("\n<table class=\"failures\"><thead><tr><th style=\"width:24%\">Expectation</th><th>Expected</th><th>Actual</th>" +
                "<th style=\"width:14%\">Rule</th><th style=\"width:14%\">Source</th></tr></thead><tbody>\n");
        foreach (var failure in check.Failures)
        {
            var level = failure.Level is { } l ? Html.LevelTag(l) : "";
            var kind = failure.Warning ? " class=\"finding-warning\" data-finding=\"warning\"" : " data-finding=\"failure\"";
            w.Write($"<tr data-testid=\"failure\"{kind}><td>{(failure.Warning ? "warning: " : "")}{Html.Encode(failure.Expectation)}</td>" +
                    $"<td class=\"expected\" data-testid=\"failure-expected\">{Html.Encode(failure.Expected)}</td>" +
                    $"<td class=\"actual\" data-testid=\"failure-actual\">{Html.Encode(failure.Actual)}</td>" +
                    $"<td>{(failure.Rule is { } rule ? Html.Encode(rule) : rules)}</td><td>{Html.Encode(failure.Source)}{level}</td></tr>\n");
        }
        w.Write("</tbody></table>\n");
    }

    private static void WriteExchange(TextWriter w, Exchange exchange, int step, int number)
    {
        w.Write(string.Create(CultureInfo.InvariantCulture,
            $"<article class=\"exchange\" data-testid=\"exchange\"><header>{step}. {Html.Encode(exchange.Step)}</header>\n<div class=\"halves\">\n"));

        var request = exchange.Request;
        w.Write("<div class=\"half request\"><div class=\"label\">Request</div><pre data-testid=\"exchange-request\">");
        w.Write($"{Html.Encode(request.Method)} {Html.Encode(request.Url)}\n");
        foreach (var (name, value) in request.Headers) w.Write($"{Html.Encode(name)}: {Html.Encode(value)}\n");
        if (!string.IsNullOrEmpty(request.Body)) w.Write($"\n{Html.Encode(request.Body)}");
        w.Write("</pre></div>\n");

        var response = exchange.Response;
        w.Write("<div class=\"half response\"><div class=\"label\">Response</div>");
        if (!string.IsNullOrEmpty(response.Error))
            w.Write($"<p class=\"error\" data-testid=\"exchange-error\">{Html.Encode(response.Error)}</p>");
        if (response.Status is not null || response.Headers.Count > 0 || !string.IsNullOrEmpty(response.Body))
        {
            w.Write("<pre data-testid=\"exchange-response\">");
            if (response.Status is { } status) w.Write(string.Create(CultureInfo.InvariantCulture, $"{status}\n"));
            foreach (var (name, value) in response.Headers) w.Write($"{Html.Encode(name)}: {Html.Encode(value)}\n");
            if (!string.IsNullOrEmpty(response.Body)) w.Write($"\n{Html.Encode(response.Body)}");
            w.Write("</pre>");
        }
        else if (string.IsNullOrEmpty(response.Error))
        {
            w.Write("<p class=\"empty\">no response recorded</p>");
        }
        w.Write("</div>\n</div>\n");

        if (!string.IsNullOrEmpty(exchange.Curl))
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"curl-{number}");
            w.Write($"<div class=\"curl\"><pre id=\"{id}\" data-testid=\"exchange-curl\">{Html.Encode(exchange.Curl)}</pre>" +
                    $"<button type=\"button\" data-copy=\"{id}\">Copy</button></div>\n");
        }
        w.Write("</article>\n");
    }
}
