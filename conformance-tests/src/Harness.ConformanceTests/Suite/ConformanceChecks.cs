using Harness.Conformance.Reporting;
using Harness.Conformance.Running;
using Harness.Reports;
using NUnit.Framework;

namespace Harness.ConformanceTests.Suite;

/// <summary>
/// One test per scenario of the scenario files, run against each of the session's targets (the mock on Kestrel and on
/// WireMock.Net: one fixture per host), and one per API for each rule
/// gathered from what the other checks saw on their way (<c>error-response</c>). A check with only warnings (findings
/// whose level the target does not gate on) passes, and says so on the console and in its output.
/// </summary>
[TestFixtureSource(typeof(SuiteSession), nameof(SuiteSession.Targets))]
[Parallelizable(ParallelScope.Children)]
public sealed class ConformanceChecks(string target)
{
    private TargetSession Session => SuiteSession.Of(target);

    /// <summary>
    /// The one test that reports a target that cannot be checked at all (see <see cref="Harness.Conformance.Running.Preflight"/>).
    /// It carries every category of every check, so a category filter keeps it.
    /// </summary>
    [TestCaseSource(typeof(ScenarioCatalog), nameof(ScenarioCatalog.PreflightCase))]
    public void Preflight()
    {
        if (Session.PreflightFailure is not { } failure) return;
        Session.PreflightReported = true;
        throw new TargetNotCheckable(failure);
    }

    [TestCaseSource(typeof(ScenarioCatalog), nameof(ScenarioCatalog.Cases))]
    public async Task Check(string scenarioId)
    {
        if (Session.PreflightFailure is not null) Assert.Ignore("preflight failed (see the preflight test)");
        var scenario = SuiteSession.Contracts.Scenarios.Single(s => s.QualifiedId == scenarioId);
        Report(await Session.ResultAsync(scenario));
    }

    [TestCaseSource(typeof(ScenarioCatalog), nameof(ScenarioCatalog.RollupCases))]
    public async Task SeenOnTheWay(string api, string rule)
    {
        if (Session.PreflightFailure is not null) Assert.Ignore("preflight failed (see the preflight test)");
        Report(await Session.RollupAsync(api, rule));
    }

    private static void Report(CheckResult result)
    {
        SuiteSession.CountExecuted(result);
        switch (result.Verdict)
        {
            case Verdict.Skip when SuiteSession.Strict && SkipCause.IsProfileGap(result.Reason):
                Assert.Fail(SuiteSession.Redactor.Redact($"strict mode: skipped because of a gap in the profile: {result.Reason}"));
                break;
            case Verdict.Skip:
                Assert.Ignore(SuiteSession.Redactor.Redact(result.Reason ?? "skipped"));
                break;
            case Verdict.Fail:
                Assert.Fail(FailureMessage.Format(result, SuiteSession.Redactor));
                break;
            case Verdict.Warning:
                // Passing, not Assert.Warn: the adapter would count a warning as skipped, and it did run.
                TestContext.Progress.WriteLine(SuiteSession.Redactor.Redact($"conformance: warning: {result.Id}: {result.Reason}"));
                TestContext.Out.WriteLine("WARNING (not gated against this target):");
                TestContext.Out.WriteLine(FailureMessage.Format(result, SuiteSession.Redactor));
                break;
        }
    }
}
