using Harness.Conformance.Reporting;
using Harness.Conformance.Running;
using Harness.Reports;
using NUnit.Framework;

namespace Harness.ConformanceTests.Suite;

/// <summary>One test per scenario of the scenario files, run against the session's target.</summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class ConformanceChecks
{
    /// <summary>
    /// The one test that reports a target that cannot be checked at all (see <see cref="Harness.Conformance.Running.Preflight"/>).
    /// It carries every category of every check, so a category filter keeps it.
    /// </summary>
    [TestCaseSource(typeof(ScenarioCatalog), nameof(ScenarioCatalog.PreflightCase))]
    public void Preflight()
    {
        if (SuiteSession.PreflightFailure is not { } failure) return;
        SuiteSession.PreflightReported = true;
        throw new TargetNotCheckable(failure);
    }

    [TestCaseSource(typeof(ScenarioCatalog), nameof(ScenarioCatalog.Cases))]
    public async Task Check(string scenarioId)
    {
        if (SuiteSession.PreflightFailure is not null) Assert.Ignore("preflight failed (see the preflight test)");
        var scenario = SuiteSession.Contracts.Scenarios.Single(s => s.QualifiedId == scenarioId);
        var result = await SuiteSession.Runner.RunAsync(scenario);
        SuiteSession.Record(result);
        switch (result.Verdict)
        {
            case Verdict.Skip when SuiteSession.Strict && SkipCause.IsProfileGap(result.Reason):
                Assert.Fail($"strict mode: skipped because of a gap in the profile: {result.Reason}");
                break;
            case Verdict.Skip:
                Assert.Ignore(result.Reason ?? "skipped");
                break;
            case Verdict.Fail:
                Assert.Fail(FailureMessage.Format(result));
                break;
        }
    }
}
