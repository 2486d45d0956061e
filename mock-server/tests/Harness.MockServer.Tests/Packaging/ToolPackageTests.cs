using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Harness.MockServer.OpenApi;
using Harness.MockServer.Tests.Published;
using Harness.MockServer.WireMock;
using Harness.Reports;

namespace Harness.MockServer.Tests.Packaging;

/// <summary>
/// The refresh-harness .NET tool, packed and installed from a local folder (<see cref="ToolPackage"/>), serves, lints,
/// exports and compares as the in-process code does; the library packages carry their docs, README and licence.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class ToolPackageTests
{
    private static readonly ContractSet Contracts = Support.Contracts.Set;
    private Installed _installed = null!;
    private string _scratch = "";

    [OneTimeSetUp]
    public async Task InstallAsync()
    {
        _installed = await ToolPackage.InstalledAsync();
        _scratch = Directory.CreateTempSubdirectory("harness-tool-").FullName;
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        Directory.Delete(_scratch, recursive: true);
        Directory.Delete(_installed.Root, recursive: true);
    }

    [Test]
    public async Task Usage_calls_the_program_refresh_harness()
    {
        var help = await _installed.RunAsync("--help");

        help.ExitCode.Should().Be(0, help.Output);
        help.Stdout.Should().Contain("refresh-harness [command] [options]");
    }

    [Test]
    public async Task Serve_starts_answers_health_and_the_openapi_documents_and_stops()
    {
        var info = new ProcessStartInfo(_installed.Tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = PublishedMock.RepositoryRoot };
        foreach (var arg in new[] { "--port", "0", "--seed", "3" }) info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output) output.AppendLine(e.Data);
            if (e.Data is { } line && Listening().Match(line) is { Success: true } match) listening.TrySetResult(new Uri(match.Groups["url"].Value + "/"));
        };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using var http = TestMock.NewClient(address);
            using var health = await http.GetAsync("__harness/health");
            using var openApi = await http.GetAsync("__harness/openapi/ags-refresh.json");

            health.StatusCode.Should().Be(HttpStatusCode.OK, output.ToString());
            openApi.StatusCode.Should().Be(HttpStatusCode.OK);
            (await openApi.Content.ReadAsStringAsync()).Should().Be(new OpenApiDocuments(Contracts).Json("ags-refresh"));
        }
        finally
        {
            await ChildProcess.StopAsync(process);
        }
    }

    [Test]
    public async Task Lint_reports_the_scenarios_valid()
    {
        var lint = await _installed.RunAsync("lint", "scenarios");

        lint.ExitCode.Should().Be(0, lint.Output);
        lint.Stdout.Should().Contain($"is valid: {Contracts.Apis.Count} APIs");
    }

    [Test]
    public async Task Export_wiremock_writes_what_the_in_process_exporter_writes()
    {
        var fromTool = Path.Combine(_scratch, "wiremock-tool");
        var fromProcess = Path.Combine(_scratch, "wiremock-process");

        var export = await _installed.RunAsync("export-wiremock", "--out", fromTool);
        WireMockExporter.Export(Contracts, fromProcess);

        export.ExitCode.Should().Be(0, export.Output);
        SameFiles(fromTool, fromProcess);
    }

    [Test]
    public async Task Export_openapi_writes_what_the_in_process_exporter_writes()
    {
        var fromTool = Path.Combine(_scratch, "openapi-tool");
        var fromProcess = Path.Combine(_scratch, "openapi-process");

        var export = await _installed.RunAsync("export-openapi", "--out", fromTool);
        OpenApiExporter.Export(Contracts, fromProcess);

        export.ExitCode.Should().Be(0, export.Output);
        SameFiles(fromTool, fromProcess);
    }

    [Test]
    public async Task Outside_a_checkout_the_tool_uses_the_contracts_it_ships_with()
    {
        var outside = Directory.CreateDirectory(Path.Combine(_scratch, "elsewhere")).FullName;

        var export = await _installed.RunInAsync(outside, "export-openapi", "--out", "openapi");

        export.ExitCode.Should().Be(0, export.Output);
        Directory.EnumerateFiles(Path.Combine(outside, "openapi"), "*.json").Should().HaveCount(Contracts.Apis.Count + 1);
    }

    [Test]
    public async Task Report_compare_exits_0_without_change_and_1_on_a_regression()
    {
        var passing = WriteReport("pass.json", Verdict.Pass);
        var failing = WriteReport("fail.json", Verdict.Fail);

        var same = await _installed.RunAsync("report", "compare", passing, passing);
        var regression = await _installed.RunAsync("report", "compare", passing, failing);

        same.ExitCode.Should().Be(0, same.Output);
        regression.ExitCode.Should().Be(1, regression.Output);
    }

    [TestCase("Harness.MockServer", "lib/net10.0/Harness.MockServer.dll", "lib/net10.0/Harness.MockServer.xml", "README.md")]
    [TestCase("Harness.Scenarios", "lib/net10.0/Harness.Scenarios.dll", "lib/net10.0/Harness.Scenarios.xml")]
    [TestCase("Harness.Reports", "lib/net10.0/Harness.Reports.dll", "lib/net10.0/Harness.Reports.xml")]
    [TestCase("refresh-harness", "tools/net10.0/any/refresh-harness.dll", "tools/net10.0/any/DotnetToolSettings.xml", "tools/net10.0/any/scenarios/catalog.yaml", "README.md")]
    public void Package_carries_its_assembly_docs_and_metadata(string id, params string[] entries)
    {
        var file = Directory.EnumerateFiles(_installed.Feed, $"{id}.*.nupkg").Single(f => Regex.IsMatch(Path.GetFileName(f), $@"^{Regex.Escape(id)}\.\d"));
        using var package = ZipFile.OpenRead(file);
        package.Entries.Select(e => e.FullName).Should().Contain(entries);
        using var nuspecStream = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var nuspec = XDocument.Load(nuspecStream).Root!;
        var ns = nuspec.Name.Namespace;   // NuGet writes a tool's nuspec in an older schema namespace than a library's
        var metadata = nuspec.Element(ns + "metadata")!;

        metadata.Element(ns + "license")!.Value.Should().Be("MIT");
        metadata.Element(ns + "version")!.Value.Should().Be(OpenApiDocuments.ProductVersion, "one version, from Directory.Build.props");
        metadata.Element(ns + "repository")!.Attribute("commit").Should().NotBeNull("Source Link records the commit the package was built from");
        metadata.Element(ns + "description")!.Value.Should().NotBeNullOrWhiteSpace();
    }

    private string WriteReport(string name, Verdict verdict)
    {
        var path = Path.Combine(_scratch, name);
        var check = new CheckResult
        {
            Id = "ags-refresh/refresh-rotates#refresh", Api = "ags-refresh", Operation = "refresh", Scenario = "refresh-rotates", Title = "refresh rotates",
            Rules = ["rotation"], Severity = CheckSeverity.Contract, Sources = ["seed-000"], Verdict = verdict,
            Failures = verdict == Verdict.Fail ? [new CheckFailure { Expectation = "status", Expected = "200", Actual = "401", Source = "seed-000" }] : [],
            DurationMs = 1,
        };
        using var file = File.Create(path);
        new JsonReportWriter().Write(new RunReport
        {
            RunId = "tool-test", StartedAt = DateTimeOffset.UnixEpoch, FinishedAt = DateTimeOffset.UnixEpoch.AddSeconds(1),
            Target = new TargetInfo { Name = "mock", BaseUrl = "http://127.0.0.1:5080", Kind = "mock" }, Checks = [check],
        }, file);
        return path;
    }

    private static void SameFiles(string actual, string expected)
    {
        var names = Directory.EnumerateFiles(expected, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(expected, f)).Order().ToList();
        Directory.EnumerateFiles(actual, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(actual, f)).Order().Should().Equal(names);
        foreach (var name in names)
            File.ReadAllText(Path.Combine(actual, name)).Should().Be(File.ReadAllText(Path.Combine(expected, name)), name);
    }

    [GeneratedRegex(@"listening on (?<url>http://\S+?)/? ")]
    private static partial Regex Listening();
}
