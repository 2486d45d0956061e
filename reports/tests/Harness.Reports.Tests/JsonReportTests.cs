using System.Text;
using System.Text.Json.Nodes;
using Harness.Scenarios.Redaction;
using NJsonSchema;

namespace Harness.Reports.Tests;

public class JsonReportTests
{
    private static RunReport FullReport() => SampleReports.Run(
        SampleReports.Passing(),
        SampleReports.Failing(),
        SampleReports.Skipped(api: "ags-session"),
        SampleReports.Failing(api: "ags-session") with
        {
            Transcript = [SampleReports.RefreshExchange(null, null) with { Response = new ExchangeResponse { Error = "connection reset by peer" } }],
        });

    [Test]
    public void Write_ThenRead_RoundTripsEveryField()
    {
        var report = FullReport();

        var json = SampleReports.Serialize(new JsonReportWriter(), report);
        var read = JsonReportReader.Read(Encoding.UTF8.GetBytes(json));

        // Writers redact, so what comes back is the redacted report (access tokens in the sample bodies are masked).
        read.Should().BeEquivalentTo(new ReportRedaction(new Redactor()).Apply(report), o => o.WithStrictOrdering());
        read.Checks[1].Transcript[0].Response.Body.Should().Contain(Redactor.Mask("second-access-value")).And.NotContain("second-access-value");
    }

    [Test]
    public void Write_Always_UsesCamelCaseAndEnumWireNames()
    {
        var json = SampleReports.Serialize(new JsonReportWriter(), FullReport());
        var root = JsonNode.Parse(json)!;

        root["schemaVersion"]!.GetValue<int>().Should().Be(1);
        root["target"]!["baseUrl"]!.GetValue<string>().Should().Be("http://127.0.0.1:5080");
        var checks = root["checks"]!.AsArray();
        checks.Select(c => c!["verdict"]!.GetValue<string>()).Should().Equal("pass", "fail", "skip", "fail");
        checks[2]!["severity"]!.GetValue<string>().Should().Be("best-practice");
        checks[1]!["failures"]![0]!["expectation"]!.GetValue<string>().Should().Be("reusing a rotated refresh token is rejected");
        checks[1]!["transcript"]![0]!["request"]!["headers"]!["Content-Type"]!.GetValue<string>().Should().Be("application/x-www-form-urlencoded");
        checks[1]!["durationMs"]!.GetValue<double>().Should().Be(1234.5);
    }

    [Test]
    public async Task Write_Always_ValidatesAgainstCommittedSchema()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "Schemas", "run-report.schema.json"));

        var errors = schema.Validate(SampleReports.Serialize(new JsonReportWriter(), FullReport()));

        errors.Should().BeEmpty(string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Test]
    public async Task Schema_ReportWithUnknownVerdict_IsRejected()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "Schemas", "run-report.schema.json"));
        var json = SampleReports.Serialize(new JsonReportWriter(), FullReport()).Replace("\"verdict\": \"pass\"", "\"verdict\": \"passed\"");

        schema.Validate(json).Should().NotBeEmpty();
    }

    [Test]
    public void Write_NonFiniteDuration_WritesZero()
    {
        var report = SampleReports.Run(SampleReports.Passing() with { DurationMs = double.PositiveInfinity });

        var read = JsonReportReader.Read(Encoding.UTF8.GetBytes(SampleReports.Serialize(new JsonReportWriter(), report)));

        read.Checks.Single().DurationMs.Should().Be(0);
    }

    [Test]
    public void Read_OmittedOptionalFields_GetEmptyDefaults()
    {
        const string json = """
            {"schemaVersion":1,"runId":"r","startedAt":"2025-01-01T00:00:00Z","finishedAt":"2025-01-01T00:00:01Z",
             "target":{"name":"t","baseUrl":"http://x","kind":"mock"},
             "checks":[{"id":"a/b#c","api":"a","operation":"c","scenario":"b","title":"t","severity":"contract","verdict":"skip"}]}
            """;

        var report = JsonReportReader.Read(Encoding.UTF8.GetBytes(json));

        var check = report.Checks.Single();
        check.Rules.Should().BeEmpty();
        check.Failures.Should().BeEmpty();
        check.Transcript.Should().BeEmpty();
        check.Reason.Should().BeNull();
    }

    [TestCase("", "not valid JSON")]
    [TestCase("{\"schemaVersion\":1,", "not valid JSON")]
    [TestCase("[1,2]", "expected a JSON object")]
    [TestCase("{\"runId\":\"r\"}", "missing \"schemaVersion\"")]
    [TestCase("{\"schemaVersion\":2}", "unsupported schemaVersion 2")]
    [TestCase("{\"schemaVersion\":\"1\"}", "\"schemaVersion\" must be an integer")]
    [TestCase("{\"schemaVersion\":1,\"runId\":\"r\"}", "missing required properties")]
    public void Read_InvalidDocument_ThrowsReportFormatExceptionNamingTheSource(string json, string problem)
    {
        var read = () => JsonReportReader.Read(Encoding.UTF8.GetBytes(json), "before.json");

        read.Should().Throw<ReportFormatException>()
            .Where(e => e.Message.StartsWith("before.json: ", StringComparison.Ordinal))
            .Where(e => e.Message.Contains(problem, StringComparison.Ordinal));
    }

    [Test]
    public void Read_UnknownVerdict_NamesThePathAndLine()
    {
        var json = SampleReports.Serialize(new JsonReportWriter(), FullReport()).Replace("\"verdict\": \"skip\"", "\"verdict\": \"skipped\"");

        var read = () => JsonReportReader.Read(Encoding.UTF8.GetBytes(json), "after.json");

        read.Should().Throw<ReportFormatException>()
            .Where(e => e.Message.Contains("$.checks[2].verdict", StringComparison.Ordinal) && e.Message.Contains("line ", StringComparison.Ordinal));
    }

    [Test]
    public void Read_NullTitle_IsRejected()
    {
        var json = SampleReports.Serialize(new JsonReportWriter(), FullReport())
            .Replace("\"title\": \"An expired refresh token is rejected\"", "\"title\": null");

        var read = () => JsonReportReader.Read(Encoding.UTF8.GetBytes(json));

        read.Should().Throw<ReportFormatException>().Where(e => e.Message.Contains("title", StringComparison.Ordinal));
    }

    [Test]
    public void Read_DuplicateCheckIds_IsRejected()
    {
        var report = SampleReports.Run(SampleReports.Passing(), SampleReports.Passing());
        var json = SampleReports.Serialize(new JsonReportWriter(), report);

        var read = () => JsonReportReader.Read(Encoding.UTF8.GetBytes(json));

        read.Should().Throw<ReportFormatException>().WithMessage("*duplicate check id \"ags-refresh/refresh-returns-new-token#refresh\"*");
    }

    [Test]
    public void Read_NullCheck_IsRejected()
    {
        const string json = """
            {"schemaVersion":1,"runId":"r","startedAt":"2025-01-01T00:00:00Z","finishedAt":"2025-01-01T00:00:01Z",
             "target":{"name":"t","baseUrl":"http://x","kind":"mock"},"checks":[null]}
            """;

        var read = () => JsonReportReader.Read(Encoding.UTF8.GetBytes(json));

        read.Should().Throw<ReportFormatException>().WithMessage("*checks[0] is null*");
    }

    [Test]
    public void ReadFile_MissingFile_SaysFileNotFound()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "no-such-report.json");

        var read = () => JsonReportReader.ReadFile(path);

        read.Should().Throw<ReportFormatException>().Which.Message.Should().Be($"{path}: file not found");
    }

    [Test]
    public async Task Write_WarningCheck_ValidatesAgainstTheSchemaAndRoundTripsItsLevels()
    {
        var report = SampleReports.Run(SampleReports.Passing(), SampleReports.Warned());
        var json = SampleReports.Serialize(new JsonReportWriter(), report);
        var schema = await JsonSchema.FromFileAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "Schemas", "run-report.schema.json"));

        schema.Validate(json).Should().BeEmpty();
        var check = JsonNode.Parse(json)!["checks"]![1]!;
        check["verdict"]!.GetValue<string>().Should().Be("warning");
        check["level"]!.GetValue<string>().Should().Be("vendor");
        check["failures"]![0]!["level"]!.GetValue<string>().Should().Be("inferred");
        check["failures"]![0]!["warning"]!.GetValue<bool>().Should().BeTrue();
        var read = JsonReportReader.Read(Encoding.UTF8.GetBytes(json));
        read.Checks[1].Verdict.Should().Be(Verdict.Warning);
        read.Checks[1].Failures[0].Level.Should().Be(CheckLevel.Inferred);
    }
}
