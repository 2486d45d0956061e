namespace Harness.Reports.Tests;

public class RunComparisonTests
{
    private static CheckResult Check(string scenario, Verdict verdict) => verdict switch
    {
        Verdict.Pass => SampleReports.Passing(scenario: scenario),
        Verdict.Fail => SampleReports.Failing(scenario: scenario),
        _ => SampleReports.Skipped(scenario: scenario),
    };

    private static RunReport Run(params (string Scenario, Verdict Verdict)[] checks) =>
        SampleReports.Run([.. checks.Select(c => Check(c.Scenario, c.Verdict))]);

    [Test]
    public void Compare_EveryTransition_IsClassified()
    {
        var before = Run(
            ("pass-to-fail", Verdict.Pass), ("skip-to-fail", Verdict.Skip), ("fail-to-fail", Verdict.Fail),
            ("fail-to-pass", Verdict.Fail), ("pass-to-skip", Verdict.Pass), ("fail-to-skip", Verdict.Fail),
            ("skip-to-pass", Verdict.Skip), ("pass-to-pass", Verdict.Pass), ("skip-to-skip", Verdict.Skip), ("gone", Verdict.Fail));
        var after = Run(
            ("pass-to-fail", Verdict.Fail), ("skip-to-fail", Verdict.Fail), ("fail-to-fail", Verdict.Fail),
            ("fail-to-pass", Verdict.Pass), ("pass-to-skip", Verdict.Skip), ("fail-to-skip", Verdict.Skip),
            ("skip-to-pass", Verdict.Pass), ("pass-to-pass", Verdict.Pass), ("skip-to-skip", Verdict.Skip), ("new", Verdict.Pass));

        var comparison = RunComparison.Compare(before, after);

        Scenarios(comparison.NewlyFailing).Should().Equal("pass-to-fail", "skip-to-fail");
        Scenarios(comparison.StillFailing).Should().Equal("fail-to-fail");
        Scenarios(comparison.Fixed).Should().Equal("fail-to-pass");
        Scenarios(comparison.NewlySkipped).Should().Equal("fail-to-skip", "pass-to-skip");
        Scenarios(comparison.NoLongerSkipped).Should().Equal("skip-to-pass");
        Scenarios(comparison.Added).Should().Equal("new");
        Scenarios(comparison.Removed).Should().Equal("gone");
        Scenarios(comparison.Unchanged).Should().Equal("pass-to-pass", "skip-to-skip");
        comparison.Changes.Should().HaveCount(11);
        comparison.HasNewFailures.Should().BeTrue();
    }

    [Test]
    public void Compare_OnlyFixesAndStillFailing_HasNoNewFailures()
    {
        var comparison = RunComparison.Compare(
            Run(("a", Verdict.Fail), ("b", Verdict.Fail)),
            Run(("a", Verdict.Pass), ("b", Verdict.Fail)));

        comparison.HasNewFailures.Should().BeFalse();
    }

    [Test]
    public void Compare_AddedCheckThatFails_CountsAsNewFailure()
    {
        var comparison = RunComparison.Compare(Run(("a", Verdict.Pass)), Run(("a", Verdict.Pass), ("b", Verdict.Fail)));

        comparison.HasNewFailures.Should().BeTrue();
        comparison.Added.Single().After!.Verdict.Should().Be(Verdict.Fail);
    }

    [Test]
    public void Compare_Changes_AreOrderedByKindThenId()
    {
        var comparison = RunComparison.Compare(
            Run(("z", Verdict.Pass), ("y", Verdict.Fail), ("x", Verdict.Pass)),
            Run(("z", Verdict.Fail), ("y", Verdict.Pass), ("x", Verdict.Fail)));

        comparison.Changes.Select(c => (c.Kind, c.Latest.Scenario)).Should().Equal(
            (ChangeKind.NewlyFailing, "x"), (ChangeKind.NewlyFailing, "z"), (ChangeKind.Fixed, "y"));
    }

    [Test]
    public void Compare_DuplicateIds_Throws()
    {
        var duplicated = Run(("a", Verdict.Pass), ("a", Verdict.Fail));

        var compare = () => RunComparison.Compare(duplicated, Run(("a", Verdict.Pass)));

        compare.Should().Throw<ArgumentException>().WithMessage("*\"ags-refresh/a#refresh\" more than once*");
    }

    private static IEnumerable<string> Scenarios(IEnumerable<CheckChange> changes) => changes.Select(c => c.Latest.Scenario);

    [Test]
    public void Compare_PassThatNowWarns_IsNewlyWarningAndNotANewFailure()
    {
        var before = SampleReports.Run(SampleReports.Warned() with { Verdict = Verdict.Pass, Failures = [] });
        var after = SampleReports.Run(SampleReports.Warned());

        var comparison = RunComparison.Compare(before, after);

        comparison.Changes.Single().Kind.Should().Be(ChangeKind.NewlyWarning);
        comparison.HasNewFailures.Should().BeFalse();
        new ComparisonWriter().ToText(comparison).Should().Contain("newly warning").And.Contain("warning: step 2: status");
    }
}
