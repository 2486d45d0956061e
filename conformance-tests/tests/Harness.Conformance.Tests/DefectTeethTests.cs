using System.Collections.Concurrent;
using System.Text;
using FluentAssertions;
using Harness.Conformance.Running;
using Harness.Conformance.Targets;
using Harness.MockServer.Defects;
using Harness.Reports;
using Harness.Scenarios.Redaction;
using NUnit.Framework;

namespace Harness.Conformance.Tests;

/// <summary>
/// Proof that the suite has teeth: for every defect the mock can inject, the whole suite runs in-process
/// against the broken mock and must fail at least one check, and only checks that cover the broken rule.
/// The table of defect → checks that caught it is written to reports/out/teeth/teeth.md.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class DefectTeethTests
{
    private static readonly ConcurrentDictionary<string, (string Rule, IReadOnlyList<string> Caught)> Table = new();

    public static IEnumerable<TestCaseData> Defects() =>
        DefectCatalog.All.Select(d => new TestCaseData(d.Defect).SetName($"Suite_WithDefect_FailsOnlyChecksCovering({d.Name} → {d.Rule})"));

    [TestCaseSource(nameof(Defects))]
    public async Task Suite_WithDefect_FailsOnlyChecksCoveringItsRule(Defect defect)
    {
        var info = DefectCatalog.Info(defect);
        var contracts = Repository.Contracts;
        await using var targets = await MockTargetSource.StartAsync(contracts, seed: 7, new HashSet<Defect> { defect });
        var report = await ConformanceRun.RunAsync(contracts, targets, contracts.Scenarios, new Redactor(), parallelism: 2);

        var failed = report.Checks.Where(c => c.Verdict == Verdict.Fail).ToList();
        Table[info.Name] = (info.Rule, failed.Select(c => c.Id).Order(StringComparer.Ordinal).ToList());

        failed.Should().NotBeEmpty($"the defect '{info.Name}' breaks '{info.Rule}' and some check covering it must notice");
        var unrelated = failed.Where(c => !c.Rules.Contains(info.Rule)).Select(c => $"{c.Id} [{string.Join(", ", c.Rules)}]: {c.Reason}").ToList();
        unrelated.Should().BeEmpty($"the defect '{info.Name}' breaks only '{info.Rule}'; these checks cover other rules");
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
