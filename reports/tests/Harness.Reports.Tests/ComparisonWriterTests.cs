using Harness.Scenarios.Redaction;

namespace Harness.Reports.Tests;

public class ComparisonWriterTests
{
    private static RunComparison Sample()
    {
        var before = SampleReports.Run(SampleReports.Passing(scenario: "regressed"), SampleReports.Failing(scenario: "repaired"), SampleReports.Passing(scenario: "steady"));
        var after = SampleReports.Run(SampleReports.Failing(scenario: "regressed"), SampleReports.Passing(scenario: "repaired"), SampleReports.Passing(scenario: "steady"),
            SampleReports.Skipped(scenario: "brand-new"));
        return RunComparison.Compare(before, after);
    }

    [Test]
    public void WriteText_Changes_PrintsAlignedTableWithoutUnchangedRows()
    {
        var text = new ComparisonWriter(new Redactor()).ToText(Sample());

        text.Should().Be(
            """
            Comparing run run-0001 (2025-03-14 09:26:53 +00:00) with run run-0001 (2025-03-14 09:26:53 +00:00)
            1 newly failing, 0 still failing, 0 newly skipped, 0 newly warning, 0 still warning, 1 fixed, 0 no longer skipped, 1 added, 0 removed, 1 unchanged

            Change         Check                          Before  After  Detail
            -------------  -----------------------------  ------  -----  ------
            newly failing  ags-refresh/regressed#refresh  pass    fail   reusing a rotated refresh token is rejected: expected HTTP 400 with error=invalid_grant, got HTTP 200
            fixed          ags-refresh/repaired#refresh   fail    pass   A valid refresh token yields a new access token
            added          ags-refresh/brand-new#refresh  -       skip   target does not let the harness shorten token lifetime

            """.ReplaceLineEndings("\n"));
    }

    [Test]
    public void WriteText_NoChanges_SaysSo()
    {
        var run = SampleReports.Run(SampleReports.Passing());

        var text = new ComparisonWriter(new Redactor()).ToText(RunComparison.Compare(run, run));

        text.Should().EndWith("No verdict changed.\n");
    }

    [Test]
    public void WriteMarkdown_Changes_PrintsPipeTableWithEscapedCells()
    {
        var before = SampleReports.Run(SampleReports.Passing());
        var after = SampleReports.Run(SampleReports.Passing() with { Verdict = Verdict.Fail, Failures = [], Reason = "status | was *500*" });

        var markdown = new ComparisonWriter(new Redactor()).ToMarkdown(RunComparison.Compare(before, after));

        markdown.Should().Contain("| Change | Check | Before | After | Detail |\n|---|---|---|---|---|\n")
            .And.Contain("| newly failing | `ags-refresh/refresh-returns-new-token#refresh` | pass | fail | status \\| was \\*500\\* |");
    }

    [Test]
    public void WriteText_SecretInReason_IsRedacted()
    {
        var redactor = new Redactor();
        redactor.AddKnownSecret("hunter2-password");
        var before = SampleReports.Run(SampleReports.Passing());
        var after = SampleReports.Run(SampleReports.Passing() with { Verdict = Verdict.Fail, Failures = [], Reason = "login with hunter2-password failed" });

        var text = new ComparisonWriter(redactor).ToText(RunComparison.Compare(before, after));

        text.Should().NotContain("hunter2-password").And.Contain(Redactor.Mask("hunter2-password"));
    }
}
