namespace Harness.Reports.Tests;

public class ReportCommandsTests
{
    private static string WriteJson(TempFolder folder, string name, RunReport report)
    {
        var path = folder.File(name);
        File.WriteAllText(path, SampleReports.Serialize(new JsonReportWriter(), report));
        return path;
    }

    [Test]
    public void Compare_SomethingNewlyFails_ReturnsOneAndPrintsTable()
    {
        using var folder = new TempFolder();
        var before = WriteJson(folder, "before.json", SampleReports.Run(SampleReports.Passing()));
        var after = WriteJson(folder, "after.json", SampleReports.Run(SampleReports.Passing() with { Verdict = Verdict.Fail, Reason = "500" }));
        var output = new StringWriter();

        var exitCode = ReportCommands.Compare(before, after, output);

        exitCode.Should().Be(1);
        output.ToString().Should().Contain("newly failing  ags-refresh/refresh-returns-new-token#refresh");
    }

    [Test]
    public void Compare_OnlyFixes_ReturnsZero()
    {
        using var folder = new TempFolder();
        var before = WriteJson(folder, "before.json", SampleReports.Run(SampleReports.Failing()));
        var after = WriteJson(folder, "after.json", SampleReports.Run(SampleReports.Failing() with { Verdict = Verdict.Pass, Failures = [] }));
        var output = new StringWriter();

        var exitCode = ReportCommands.Compare(before, after, output);

        exitCode.Should().Be(0);
        output.ToString().Should().Contain("fixed");
    }

    [TestCase("{ not json", "not valid JSON")]
    [TestCase("{\"schemaVersion\":7}", "unsupported schemaVersion 7")]
    [TestCase("{\"schemaVersion\":1,\"runId\":\"r\"}", "missing required properties")]
    public void Compare_InvalidAfterFile_ReturnsTwoWithPathAndProblemButNoStackTrace(string content, string problem)
    {
        using var folder = new TempFolder();
        var before = WriteJson(folder, "before.json", SampleReports.Run(SampleReports.Passing()));
        var after = folder.File("after.json");
        File.WriteAllText(after, content);
        var output = new StringWriter();

        var exitCode = ReportCommands.Compare(before, after, output);

        exitCode.Should().Be(2);
        var text = output.ToString();
        text.Should().StartWith($"error: {after}: ").And.Contain(problem);
        text.Should().NotContain("   at ").And.NotContain("Exception");
        text.Trim().Split('\n').Should().HaveCount(1);
    }

    [Test]
    public void Compare_MissingFile_ReturnsTwoNamingIt()
    {
        using var folder = new TempFolder();
        var missing = folder.File("nope.json");
        var output = new StringWriter();

        var exitCode = ReportCommands.Compare(missing, missing, output);

        exitCode.Should().Be(2);
        output.ToString().Trim().Should().Be($"error: {missing}: file not found");
    }

    [Test]
    public void Render_ValidJson_WritesJUnitAndHtml()
    {
        using var folder = new TempFolder();
        var json = WriteJson(folder, "report.json", SampleReports.Run(SampleReports.Passing(), SampleReports.Failing()));
        var outFolder = Path.Combine(folder.Path, "rendered");
        var output = new StringWriter();

        var exitCode = ReportCommands.Render(json, outFolder, output);

        exitCode.Should().Be(0);
        Directory.GetFiles(outFolder).Select(Path.GetFileName).Should().BeEquivalentTo("junit.xml", "report.html");
        File.ReadAllText(Path.Combine(outFolder, "report.html")).Should().Contain("data-testid=\"check-ags-refresh/refresh-rotates-token#refresh\"");
        output.ToString().Should().Contain("junit.xml").And.Contain("report.html");
    }

    [Test]
    public void Render_InvalidJson_ReturnsTwoAndWritesNothing()
    {
        using var folder = new TempFolder();
        var json = folder.File("report.json");
        File.WriteAllText(json, "[]");
        var outFolder = Path.Combine(folder.Path, "rendered");
        var output = new StringWriter();

        var exitCode = ReportCommands.Render(json, outFolder, output);

        exitCode.Should().Be(2);
        output.ToString().Should().StartWith($"error: {json}: expected a JSON object");
        Directory.Exists(outFolder).Should().BeFalse();
    }

    [Test]
    public void Render_OutputFolderIsAFile_ReturnsTwoWithMessage()
    {
        using var folder = new TempFolder();
        var json = WriteJson(folder, "report.json", SampleReports.Run(SampleReports.Passing()));
        var output = new StringWriter();

        var exitCode = ReportCommands.Render(json, json, output);

        exitCode.Should().Be(2);
        output.ToString().Should().StartWith($"error: {json}: cannot write the report there");
    }
}
