using System.Text.RegularExpressions;
using Harness.Reports;
using Harness.Scenarios.Model;

namespace Harness.Conformance.Running;

/// <summary>
/// One rule per failure: deviations a check saw on its way but that belong to another rule (an empty error body
/// while checking rotation) are gathered here, once per run, into one check of that rule per API
/// (<c>softwareag-refresh/error-response</c>). Each distinct deviation is one finding that lists the checks that met
/// it, so a target whose error bodies are empty fails <c>error-response</c> once, and <c>family-revocation</c> not at all.
/// </summary>
public static partial class RuleRollup
{
    /// <summary>The rules gathered this way, each with what it is about.</summary>
    public static IReadOnlyDictionary<string, string> Rules { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ExpectationEvaluator.ErrorResponseRule] = "a refusal carries the error code (and the empty envelope members) of the API's error shape",
    };

    /// <summary>The APIs that get a check of <paramref name="rule"/>: those whose answers can break it.</summary>
    public static IEnumerable<ApiContract> ApisOf(ContractSet contracts, string rule) =>
        rule == ExpectationEvaluator.ErrorResponseRule ? contracts.Apis.Where(a => ErrorBody.CodePath(a.ErrorShape) is not null) : [];

    /// <summary>The id of the check of <paramref name="rule"/> on <paramref name="api"/>.</summary>
    public static string CheckId(string api, string rule) => $"{api}/{rule}";

    /// <summary>
    /// One check per API and gathered rule, for every API that ran at least one check of its own: failing when a
    /// gating deviation was seen, a warning when only non-gating ones were, passing when none was.
    /// </summary>
    public static IReadOnlyList<CheckResult> Of(ContractSet contracts, IEnumerable<CheckResult> checks)
    {
        var list = checks.ToList();
        var result = new List<CheckResult>();
        foreach (var (rule, about) in Rules)
        foreach (var api in ApisOf(contracts, rule))
        {
            var ran = list.Where(c => c.Api == api.Id && c.Verdict != Verdict.Skip).ToList();
            if (ran.Count == 0) continue;
            result.Add(Check(api.Id, rule, about, ran));
        }
        return result;
    }

    private static CheckResult Check(string api, string rule, string about, IReadOnlyList<CheckResult> ran)
    {
        var findings = ran
            .SelectMany(c => c.SeenOnTheWay.Where(f => f.Rule == rule).Select(f => (Check: c, Finding: f)))
            .GroupBy(x => (What: StepPrefix().Replace(x.Finding.Expectation, ""), x.Finding.Expected, x.Finding.Actual, x.Finding.Warning))
            .OrderBy(g => g.Key.Warning)
            .ThenBy(g => g.Key.What, StringComparer.Ordinal)
            .Select(g =>
            {
                var first = g.First().Finding;
                var where = g.Select(x => x.Check.Scenario).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                return first with
                {
                    Expectation = $"{g.Key.What} — seen in {where.Count} check{(where.Count == 1 ? "" : "s")}: {string.Join(", ", where)}",
                    Rule = null,
                };
            })
            .ToList();
        var verdict = findings.Any(f => !f.Warning) ? Verdict.Fail : findings.Count > 0 ? Verdict.Warning : Verdict.Pass;
        return new CheckResult
        {
            Id = CheckId(api, rule),
            Api = api,
            Operation = "*",
            Scenario = rule,
            Title = $"{about} — gathered from what every other {api} check saw on its way",
            Rules = [rule],
            Severity = CheckSeverity.Contract,
            // Gating findings come first: the check is as binding as the first of them.
            Level = findings.FirstOrDefault()?.Level ?? CheckLevel.Must,
            Sources = [.. findings.Select(f => f.Source).Distinct(StringComparer.Ordinal)],
            Verdict = verdict,
            Reason = findings.Count > 0 ? $"{(findings[0].Warning ? "warning: " : "")}{findings[0].Expectation}: expected {findings[0].Expected}, got {findings[0].Actual}" : null,
            Failures = findings,
            DurationMs = 0,
        };
    }

    [GeneratedRegex(@"^step \d+ \(.*?\): ")]
    private static partial Regex StepPrefix();
}
