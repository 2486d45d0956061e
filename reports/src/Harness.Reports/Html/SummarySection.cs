using System.Globalization;

namespace Harness.Reports;

/// <summary>Totals, then pass/fail/warning/skip per API and per severity.</summary>
internal static class SummarySection
{
    public static void Write(TextWriter w, RunReport report, HtmlAnchors anchors)
    {
        var total = VerdictTally.Of(report.Checks);
        w.Write("<section class=\"summary\" data-testid=\"summary\">\n<h2>Summary</h2>\n");
        w.Write(string.Create(CultureInfo.InvariantCulture,
            $"<p class=\"totals\" data-testid=\"summary-totals\"><strong>{total.Total}</strong> checks: " +
            $"<span class=\"count pass\">{total.Passed} passed</span>, " +
            $"<span class=\"count fail\">{total.Failed} failed</span>, " +
            $"<span class=\"count warning\">{total.Warned} with warnings</span>, " +
            $"<span class=\"count skip\">{total.Skipped} skipped</span></p>\n"));

        w.Write("<div class=\"summary-tables\">\n");
        w.Write("<table class=\"tally\" data-testid=\"summary-by-api\"><caption>By API</caption>\n");
        Header(w, "API");
        foreach (var api in report.Checks.Select(c => c.Api).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var tally = VerdictTally.Of(report.Checks.Where(c => c.Api == api));
            w.Write($"<tr data-testid=\"summary-api-{Html.Encode(api)}\" data-verdict=\"{WireNames.Of(tally.Overall)}\">");
            w.Write($"<th scope=\"row\"><a href=\"#{Html.Encode(anchors.Api(api))}\">{Html.Encode(api)}</a></th>");
            Counts(w, tally);
        }
        w.Write("</tbody></table>\n");

        w.Write("<table class=\"tally\" data-testid=\"summary-by-severity\"><caption>By severity</caption>\n");
        Header(w, "Severity");
        foreach (var severity in Enum.GetValues<CheckSeverity>())
        {
            var tally = VerdictTally.Of(report.Checks.Where(c => c.Severity == severity));
            w.Write($"<tr data-testid=\"summary-severity-{WireNames.Of(severity)}\" data-verdict=\"{WireNames.Of(tally.Overall)}\">");
            w.Write($"<th scope=\"row\">{WireNames.Of(severity)}</th>");
            Counts(w, tally);
        }
        w.Write("</tbody></table>\n</div>\n</section>\n");
    }

    private static void Header(TextWriter w, string first) =>
        w.Write($"<thead><tr><th>{first}</th><th>Passed</th><th>Failed</th><th>Warnings</th><th>Skipped</th><th>Total</th></tr></thead><tbody>\n");

    private static void Counts(TextWriter w, VerdictTally tally)
    {
        w.Write(Html.Count(tally.Passed, Verdict.Pass));
        w.Write(Html.Count(tally.Failed, Verdict.Fail));
        w.Write(Html.Count(tally.Warned, Verdict.Warning));
        w.Write(Html.Count(tally.Skipped, Verdict.Skip));
        w.Write(string.Create(CultureInfo.InvariantCulture, $"<td class=\"n\">{tally.Total}</td></tr>\n"));
    }
}
