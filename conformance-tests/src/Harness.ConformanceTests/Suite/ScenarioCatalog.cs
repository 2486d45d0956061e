using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;
using NUnit.Framework;

namespace Harness.ConformanceTests.Suite;

/// <summary>
/// Turns every scenario into an NUnit test case with a name that reads in a test explorer and a CI log
/// (<c>ags-refresh.refresh: reused-refresh-token-is-401 → 401</c>) and categories per API, operation,
/// severity and rule family, so <c>--filter TestCategory=ags-refresh</c> or <c>TestCategory=contract</c> selects.
/// </summary>
public static class ScenarioCatalog
{
    public static string RepositoryRoot { get; } = Harness.Conformance.RepositoryLayout.Root;

    private static readonly Lazy<ContractSet> Loaded = new(() => ScenarioLoader.Load(Path.Combine(RepositoryRoot, "scenarios")));

    public static ContractSet Contracts => Loaded.Value;

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var scenario in Contracts.Scenarios.OrderBy(s => s.QualifiedId, StringComparer.Ordinal))
        {
            var data = new TestCaseData(scenario.QualifiedId)
                .SetName($"{scenario.ApiId}.{scenario.FocusOperation}: {scenario.Id} → {ExpectedStatus(scenario)}")
                .SetDescription(scenario.Title)
                .SetCategory(scenario.ApiId)
                .SetCategory($"{scenario.ApiId}.{scenario.FocusOperation}")
                .SetCategory(KebabName.Of(scenario.Severity));
            foreach (var rule in scenario.Covers) data.SetCategory("rule:" + rule);
            data.SetCategory("level:" + KebabName.Of(scenario.Level));
            data.SetProperty("Source", scenario.Provenance.ToString());
            data.SetProperty("Level", KebabName.Of(scenario.Level));
            yield return data;
        }
    }

    /// <summary>The preflight test, with the union of every check's categories so that any category filter selects it.</summary>
    public static IEnumerable<TestCaseData> PreflightCase()
    {
        var data = new TestCaseData().SetName("preflight: the target is reached and a first session starts")
            .SetDescription("DNS, connection, TLS, the profile's secrets and a first session, once before any check");
        foreach (var category in Cases().SelectMany(c => c.Properties["Category"].Cast<string>()).Distinct(StringComparer.Ordinal)) data.SetCategory(category);
        yield return data;
    }

    /// <summary>One case per API and rule gathered from what the other checks saw on their way (see <c>RuleRollup</c>).</summary>
    public static IEnumerable<TestCaseData> RollupCases()
    {
        foreach (var (rule, about) in Harness.Conformance.Running.RuleRollup.Rules)
        foreach (var api in Harness.Conformance.Running.RuleRollup.ApisOf(Contracts, rule).OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            yield return new TestCaseData(api.Id, rule)
                .SetName($"{api.Id}: {rule} → seen on the way by every other check")
                .SetDescription(about)
                .SetCategory(api.Id)
                .SetCategory(KebabName.Of(Severity.Contract))
                .SetCategory("rule:" + rule);
        }
    }

    /// <summary>The status of the scenario's last checked step, as the contract gives it.</summary>
    private static string ExpectedStatus(Scenario scenario)
    {
        var call = scenario.Steps.OfType<CallStep>().LastOrDefault(c => c.Outcome is not null);
        var operation = call is null ? null : Contracts.Operation(call.ApiId, call.OperationId);
        return operation is null ? "checks" : call!.ExpectedOutcome(operation)?.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "checks";
    }

}
