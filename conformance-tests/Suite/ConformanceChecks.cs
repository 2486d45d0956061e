using Harness.Conformance.Reporting;
using Harness.Reports;
using NUnit.Framework;

namespace Harness.ConformanceTests.Suite;

/// <summary>One test per scenario of the scenario files, run against the session's target.</summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class ConformanceChecks
{
    [TestCaseSource(typeof(ScenarioCatalog), nameof(ScenarioCatalog.Cases))]
    public async Task Check(string scenarioId)
    {
        var scenario = SuiteSession.Contracts.Scenarios.Single(s => s.QualifiedId == scenarioId);
        var result = await SuiteSession.Runner.RunAsync(scenario);
        SuiteSession.Record(result);
        switch (result.Verdict)
        {
            case Verdict.Skip:
                Assert.Ignore(SuiteSession.Redactor.Redact(result.Reason ?? "skipped"));
                break;
            case Verdict.Fail:
                Assert.Fail(FailureMessage.Format(result, SuiteSession.Redactor));
                break;
        }
    }
}
