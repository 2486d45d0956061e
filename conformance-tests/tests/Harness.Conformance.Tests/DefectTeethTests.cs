using System.Collections.Concurrent;
using System.Text;
using FluentAssertions;
using Harness.Conformance.Running;
using Harness.Conformance.Targets;
using Harness.MockServer.Defects;
using Harness.MockServer.WireMock;
using Harness.Reports;
using Harness.Scenarios.Redaction;
using NUnit.Framework;

namespace Harness.Conformance.Tests;

/// <summary>
/// Proof that the suite has teeth: for every defect the mock can inject, the whole suite runs in-process against
/// the broken mock and must fail exactly the checks <see cref="DefectVerdicts.MustFail"/> names for it: no fewer (a
/// check that stopped noticing) and no more (a check blaming the wrong rule). Every failing check covers the defect's
/// rule, or is the check of a rule gathered once per run (<c>error-response</c>). The table of defect → checks that
/// caught it is written to reports/out/teeth/teeth.md. Each defect runs on both hosts of the mock, against the one table.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class DefectTeethTests
{
    private static readonly ConcurrentDictionary<string, (string Rule, IReadOnlyList<string> Caught)> Table = new();

    /// <summary>Every defect on every host: the same table holds on Kestrel and on WireMock.Net (one pipeline, two hosts).</summary>
    public static IEnumerable<TestCaseData> Defects() =>
        from d in DefectCatalog.All
        from host in MockHosts.All
        select new TestCaseData(d.Defect, host).SetName($"Suite_WithDefect_FailsExactlyItsChecks({d.Name} → {d.Rule}, {host.Name()})").SetCategory("host:" + host.Name());

    [TestCaseSource(nameof(Defects))]
    public async Task Suite_WithDefect_FailsExactlyTheChecksItsTableNames(Defect defect, MockHost host)
    {
        var info = DefectCatalog.Info(defect);
        var contracts = Repository.Contracts;
        await using var targets = await MockTargetSource.StartAsync(contracts, seed: 7, new HashSet<Defect> { defect }, host: host);
        var report = await ConformanceRun.RunAsync(contracts, targets, contracts.Scenarios, new Redactor(), parallelism: 2);

        var failed = report.Checks.Where(c => c.Verdict == Verdict.Fail).ToList();
        var caught = failed.Select(c => c.Id).Order(StringComparer.Ordinal).ToList();
        if (host == MockHost.Kestrel) Table[info.Name] = (info.Rule, caught);

        DefectVerdicts.MustFail.Should().ContainKey(defect, $"the defect '{info.Name}' needs its exact set of failing checks in {nameof(DefectVerdicts)}");
        caught.Should().BeEquivalentTo(DefectVerdicts.MustFail[defect],
            $"the defect '{info.Name}' breaks '{info.Rule}': exactly these checks must fail (actual: {string.Join(", ", caught.Select(c => $"\"{c}\""))})");
        var unrelated = failed.Where(c => !c.Rules.Contains(info.Rule) && !RuleRollup.Rules.ContainsKey(c.Scenario))
            .Select(c => $"{c.Id} [{string.Join(", ", c.Rules)}]: {c.Reason}").ToList();
        unrelated.Should().BeEmpty($"the defect '{info.Name}' breaks only '{info.Rule}'; these checks cover other rules");
    }

    [Test]
    public void EveryCheck_IsFailedByADefectOrARunnerTest()
    {
        var contracts = Repository.Contracts;
        var checks = contracts.Scenarios.Select(s => s.QualifiedId)
            .Concat(RuleRollup.Rules.Keys.SelectMany(rule => RuleRollup.ApisOf(contracts, rule).Select(api => RuleRollup.CheckId(api.Id, rule))))
            .ToHashSet(StringComparer.Ordinal);
        var failedSomewhere = DefectVerdicts.MustFail.Values.SelectMany(ids => ids).Concat(Running.ScenarioRunnerTests.Failed).ToHashSet(StringComparer.Ordinal);

        var uncovered = checks.Where(id => !failedSomewhere.Contains(id)).Order(StringComparer.Ordinal).ToList();

        uncovered.Should().BeEquivalentTo(DefectVerdicts.NotYetFailed.Keys,
            "every check must be failed by some defect or runner test; the few that are not yet are listed, with why, in DefectVerdicts.NotYetFailed " +
            "(cover one and remove it from that list)");
        DefectVerdicts.MustFail.Values.SelectMany(ids => ids).Where(id => !checks.Contains(id)).Should().BeEmpty("the table names only checks that exist");
    }

    [OneTimeTearDown]
    public void WriteTable()
    {
        if (Table.IsEmpty) return;
        var text = new StringBuilder("| defect | rule it breaks | checks that caught it |\n|---|---|---|\n");
        foreach (var (name, (rule, caught)) in Table.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            text.Append($"| {name} | {rule} | {(caught.Count == 0 ? "**none**" : string.Join("<br>", caught))} |\n");
        File.WriteAllText(Path.Combine(Repository.ReportFolder("teeth"), "teeth.md"), text.ToString());
        TestContext.Progress.WriteLine(text.ToString());
    }
}
