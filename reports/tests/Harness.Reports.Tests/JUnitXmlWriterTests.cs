using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Harness.Reports.Tests;

public class JUnitXmlWriterTests
{
    private static RunReport TwoApis() => SampleReports.Run(
        SampleReports.Passing(),
        SampleReports.Failing(),
        SampleReports.Skipped(),
        SampleReports.Passing(api: "ags-session", operation: "login"),
        SampleReports.Skipped(api: "ags-session", operation: "login"));

    private static XDocument Write(RunReport report) => XDocument.Parse(SampleReports.Serialize(new JUnitXmlWriter(), report));

    [Test]
    public void Write_TwoApis_OneSuitePerApiWithCorrectCounts()
    {
        var xml = Write(TwoApis());

        var root = xml.Root!;
        root.Name.LocalName.Should().Be("testsuites");
        root.Attribute("tests")!.Value.Should().Be("5");
        root.Attribute("failures")!.Value.Should().Be("1");
        root.Attribute("errors")!.Value.Should().Be("0");

        var suites = root.Elements("testsuite").ToList();
        suites.Select(s => s.Attribute("name")!.Value).Should().Equal("ags-refresh", "ags-session");
        var refresh = suites[0];
        refresh.Attribute("tests")!.Value.Should().Be("3");
        refresh.Attribute("failures")!.Value.Should().Be("1");
        refresh.Attribute("skipped")!.Value.Should().Be("1");
        refresh.Attribute("errors")!.Value.Should().Be("0");
        refresh.Attribute("time")!.Value.Should().Be("1.277"); // 42.5 + 1234.5 + 0.3 ms
        refresh.Attribute("timestamp")!.Value.Should().Be("2025-03-14T09:26:53");
        refresh.Elements("testcase").Should().HaveCount(3);
        suites[1].Attribute("failures")!.Value.Should().Be("0");
        suites[1].Attribute("skipped")!.Value.Should().Be("1");
    }

    [Test]
    public void Write_Suites_CountsMatchTheirTestcases()
    {
        var xml = Write(TwoApis());

        foreach (var suite in xml.Root!.Elements("testsuite"))
        {
            var cases = suite.Elements("testcase").ToList();
            int.Parse(suite.Attribute("tests")!.Value, CultureInfo.InvariantCulture).Should().Be(cases.Count);
            int.Parse(suite.Attribute("failures")!.Value, CultureInfo.InvariantCulture).Should().Be(cases.Count(c => c.Element("failure") is not null));
            int.Parse(suite.Attribute("skipped")!.Value, CultureInfo.InvariantCulture).Should().Be(cases.Count(c => c.Element("skipped") is not null));
            var caseTime = cases.Sum(c => double.Parse(c.Attribute("time")!.Value, CultureInfo.InvariantCulture));
            double.Parse(suite.Attribute("time")!.Value, CultureInfo.InvariantCulture).Should().BeApproximately(caseTime, 0.002);
        }
    }

    [Test]
    public void Write_Testcase_ClassnameIsApiDotOperationAndNameIsScenario()
    {
        var testcase = Write(TwoApis()).Descendants("testcase").First();

        testcase.Attribute("classname")!.Value.Should().Be("ags-refresh.refresh");
        testcase.Attribute("name")!.Value.Should().Be("refresh-returns-new-token");
        testcase.Attribute("time")!.Value.Should().Be("0.043");
    }

    [Test]
    public void Write_SkippedCheck_HasSkippedElementWithReason()
    {
        var testcase = Write(TwoApis()).Descendants("testcase").Single(t => t.Attribute("name")!.Value == "refresh-with-expired-token" && t.Attribute("classname")!.Value == "ags-refresh.refresh");

        testcase.Element("skipped")!.Attribute("message")!.Value.Should().Be("target does not let the harness shorten token lifetime");
        testcase.Element("failure").Should().BeNull();
    }

    [Test]
    public void Write_FailedCheck_FailureCarriesExpectedActualRuleSourceAndTranscript()
    {
        var failure = Write(TwoApis()).Descendants("failure").Single();

        failure.Attribute("message")!.Value.Should().Be("reusing a rotated refresh token is rejected: expected HTTP 400 with error=invalid_grant, got HTTP 200");
        failure.Attribute("type")!.Value.Should().Be("contract");
        failure.Value.Should().Contain("Expected: HTTP 400 with error=invalid_grant")
            .And.Contain("Actual: HTTP 200")
            .And.Contain("Rule: refresh.rotation, refresh.reuse-rejected")
            .And.Contain("Source: RFC 6749 §10.4")
            .And.Contain("Sources: seed-003; RFC 6749 §10.4")
            .And.Contain("--- 1. reuse old token ---")
            .And.Contain("> POST http://127.0.0.1:5080/oauth/token")
            .And.Contain("< 200")
            .And.Contain("$ curl -i -X POST 'http://127.0.0.1:5080/oauth/token'");
    }

    [Test]
    public void Write_FailedCheckWithoutFailures_UsesReasonAsMessage()
    {
        var check = SampleReports.Failing() with { Failures = [], Reason = "connection reset by peer" };

        var failure = Write(SampleReports.Run(check)).Descendants("failure").Single();

        failure.Attribute("message")!.Value.Should().Be("connection reset by peer");
    }

    [Test]
    public void Write_Output_IsValidAgainstJenkinsJUnitSchema()
    {
        var errors = Validate(SampleReports.Serialize(new JUnitXmlWriter(), TwoApis()));

        errors.Should().BeEmpty();
    }

    [Test]
    public void Write_EmptyRun_IsStillValid()
    {
        var xml = SampleReports.Serialize(new JUnitXmlWriter(), SampleReports.Run());

        Validate(xml).Should().BeEmpty();
        XDocument.Parse(xml).Root!.Attribute("tests")!.Value.Should().Be("0");
    }

    [Test]
    public void Write_BodyWithCharactersXmlCannotHold_StaysWellFormedAndShowsThem()
    {
        var check = SampleReports.Failing() with
        {
            Transcript = [SampleReports.RefreshExchange(500, "bad\u0000byte\u0007 and a lone \ud800 surrogate, ok emoji 🙂 ]]> <tag>")],
        };

        var xml = SampleReports.Serialize(new JUnitXmlWriter(), SampleReports.Run(check));

        Validate(xml).Should().BeEmpty();
        var text = XDocument.Parse(xml).Descendants("failure").Single().Value;
        text.Should().Contain("bad\\u0000byte\\u0007 and a lone \\uD800 surrogate, ok emoji 🙂 ]]> <tag>");
    }

    [Test]
    public void Write_NegativeOrNaNDuration_WritesZeroTime()
    {
        var check = SampleReports.Passing() with { DurationMs = double.NaN };

        var xml = SampleReports.Serialize(new JUnitXmlWriter(), SampleReports.Run(check));

        Validate(xml).Should().BeEmpty();
        XDocument.Parse(xml).Descendants("testcase").Single().Attribute("time")!.Value.Should().Be("0.000");
    }

    private static List<string> Validate(string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(TestContext.CurrentContext.TestDirectory, "Schemas", "junit-10.xsd"));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read()) { }
        return errors;
    }

    [Test]
    public void Write_WarningCheck_IsAPassingTestcaseWhoseSystemOutNamesTheWarningAndItsLevel()
    {
        var xml = SampleReports.Serialize(new JUnitXmlWriter(), SampleReports.Run(SampleReports.Passing(), SampleReports.Warned()));

        Validate(xml).Should().BeEmpty();
        var doc = XDocument.Parse(xml);
        doc.Root!.Attribute("failures")!.Value.Should().Be("0");
        var testcase = doc.Descendants("testcase").Single(t => t.Attribute("name")!.Value == "get-instead-of-post-is-refused");
        testcase.Elements("failure").Should().BeEmpty();
        testcase.Element("system-out")!.Value.Should().Contain("WARNING: step 2: status").And.Contain("Level: inferred (not gated in this run)").And.Contain("Verdict: warning");
        doc.Descendants("property").Should().Contain(p => p.Attribute("name")!.Value == "warnings" && p.Attribute("value")!.Value == "1");
    }
}
