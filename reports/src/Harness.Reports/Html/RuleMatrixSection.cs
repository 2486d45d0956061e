using System.Globalization;

namespace Harness.Reports;

/// <summary>
/// One row per rule, one column per API, each cell coloured by the verdict of the checks that enforce that rule
/// on that API. Rules run down the page because a suite has far more rules than APIs; it stays readable at 1280px.
/// </summary>
internal static class RuleMatrixSection
{
    private const string NoRule = "(no rule)";

    public static void Write(TextWriter w, RunReport report, HtmlAnchors anchors)
    {
        var apis = report.Checks.Select(c => c.Api).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var rules = report.Checks.SelectMany(RulesOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        w.Write("<section class=\"matrix-section\" data-testid=\"matrix\">\n<h2>Rules by API</h2>\n");
        if (rules.Count == 0)
        {
            w.Write("<p class=\"empty\">No checks in this run.</p>\n</section>\n");
            return;
        }
        w.Write("<div class=\"matrix-scroll\"><table class=\"matrix\">\n<thead><tr><th>Rule</th>");
        foreach (var api in apis) w.Write($"<th scope=\"col\">{Html.Encode(api)}</th>");
        w.Write("</tr></thead>\n<tbody>\n");

        foreach (var rule in rules)
        {
            var ruleChecks = report.Checks.Where(c => RulesOf(c).Contains(rule, StringComparer.Ordinal)).ToList();
            var severity = ruleChecks.Any(c => c.Severity == CheckSeverity.Contract) ? CheckSeverity.Contract : CheckSeverity.BestPractice;
            w.Write($"<tr><th scope=\"row\">{Html.Encode(rule)}{Html.SeverityTag(severity)}</th>");
            foreach (var api in apis)
                Cell(w, api, rule, [.. ruleChecks.Where(c => c.Api == api)], anchors);
            w.Write("</tr>\n");
        }
        w.Write("</tbody></table></div>\n");
        w.Write("<p class=\"legend\">✓ pass · ✗ fail · ! warning (a finding whose level — inferred, should — this run does not gate on) · – skip. " +
                "A cell fails if any of its checks fails, else warns if any warns; " +
                "“1/2” counts failing (or passing) checks out of those enforcing the rule. Click a cell to open the check.</p>\n");
        w.Write("</section>\n");
    }

    private static IEnumerable<string> RulesOf(CheckResult check) => check.Rules.Count > 0 ? check.Rules : [NoRule];

    private static void Cell(TextWriter w, string api, string rule, IReadOnlyList<CheckResult> checks, HtmlAnchors anchors)
    {
        var data = $"data-testid=\"matrix-cell\" data-api=\"{Html.Encode(api)}\" data-rule=\"{Html.Encode(rule)}\"";
        if (checks.Count == 0)
        {
            w.Write($"<td class=\"cell none\" {data} data-verdict=\"none\" title=\"not checked\">·</td>");
            return;
        }
        var tally = VerdictTally.Of(checks);
        var verdict = tally.Overall;
        var target = checks.FirstOrDefault(c => c.Verdict == verdict) ?? checks[0];
        var count = checks.Count == 1 ? "" : verdict switch
        {
            Verdict.Fail => string.Create(CultureInfo.InvariantCulture, $" {tally.Failed}/{tally.Total}"),
            Verdict.Warning => string.Create(CultureInfo.InvariantCulture, $" {tally.Warned}/{tally.Total}"),
            Verdict.Pass => string.Create(CultureInfo.InvariantCulture, $" {tally.Passed}/{tally.Total}"),
            _ => string.Create(CultureInfo.InvariantCulture, $" {tally.Total}"),
        };
        var title = string.Join("\n", checks.Select(c => $"{WireNames.Of(c.Verdict)}: {c.Id}"));
        w.Write($"<td class=\"cell {WireNames.Of(verdict)}\" {data} data-verdict=\"{WireNames.Of(verdict)}\" title=\"{Html.Encode(title)}\">" +
                $"<a href=\"#{Html.Encode(anchors.Check(target))}\">{Html.Symbol(verdict)} {WireNames.Of(verdict)}{count}</a></td>");
    }
}
