using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Schema;
using FluentAssertions;
using Harness.Conformance.Running;
using Harness.Conformance.Targets;
using Harness.Reports;
using Harness.Scenarios.Redaction;
using NUnit.Framework;

namespace Harness.Conformance.Tests;

/// <summary>
/// A real run of the whole suite against the mock, written as reports: the JUnit file validates against the
/// Jenkins JUnit XSD, and no report file contains a full token or any of the run's secrets.
/// </summary>
[TestFixture]
public sealed partial class SuiteReportTests
{
    private string _folder = "";
    private RunReport _report = null!;
    private IReadOnlyList<string> _secrets = [];

    [OneTimeSetUp]
    public async Task RunSuiteAndWriteReports()
    {
        var contracts = Repository.Contracts;
        await using var targets = await MockTargetSource.StartAsync(contracts, seed: 11);
        var values = targets.Shared.Value;
        _secrets = new[] { "client-secret", "second-client-secret", "restricted-client-secret", "password", "session-token", "forbidden-session-token" }
            .Select(name => values(name)!).ToList();
        var redactor = new Redactor();
        foreach (var secret in _secrets) redactor.AddKnownSecret(secret);
        _report = await ConformanceRun.RunAsync(contracts, targets, contracts.Scenarios, redactor, parallelism: 2);
        _folder = Repository.ReportFolder("suite-report-test");
        ReportSet.WriteAll(_report, _folder, redactor);
    }

    [Test]
    public void SuiteRun_AgainstMock_PassesOrSkipsEveryCheck() =>
        _report.Checks.Where(c => c.Verdict == Verdict.Fail).Select(c => c.Id).Should().BeEmpty();

    /// <summary>One run id for a run, whichever way it was driven (ConformanceRun.Report): the target's name and the start, fit for a file name.</summary>
    [Test]
    public void RunId_AgainstMock_IsTheTargetsNameAndTheStart() =>
        _report.RunId.Should().MatchRegex("^mock-[0-9]{8}-[0-9]{6}$").And.EndWith(_report.StartedAt.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));

    [Test]
    public void JUnitFile_FromRealRun_ValidatesAgainstJUnitXsd()
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(Repository.Root, "reports", "tests", "Harness.Reports.Tests", "Schemas", "junit-10.xsd"));
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Exception.LineNumber}:{e.Exception.LinePosition} {e.Message}");
        using (var reader = XmlReader.Create(Path.Combine(_folder, "junit.xml"), settings)) while (reader.Read()) { }
        problems.Should().BeEmpty();

        var document = new XmlDocument();
        document.Load(Path.Combine(_folder, "junit.xml"));
        document.SelectNodes("//testcase")!.Count.Should().Be(_report.Checks.Count, "one testcase per check");
        document.SelectNodes("//testcase/skipped")!.Count.Should().Be(_report.Checks.Count(c => c.Verdict == Verdict.Skip));
    }

    [Test]
    public void ReportFiles_FromRealRun_ContainNoFullTokenOrSecret()
    {
        var files = Directory.GetFiles(_folder);
        files.Should().Contain(f => f.EndsWith("report.html", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            FullJwt().Matches(text).Select(m => m.Value[..20] + "…").Should().BeEmpty($"{Path.GetFileName(file)} must not hold a full JWT");
            foreach (var secret in _secrets) text.Should().NotContain(secret, $"{Path.GetFileName(file)} must not hold a secret");
        }
    }

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}")]
    private static partial Regex FullJwt();
}
