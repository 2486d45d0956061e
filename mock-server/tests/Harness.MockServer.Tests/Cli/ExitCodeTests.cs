using Harness.MockServer.Tests.Published;
using Harness.Reports;

namespace Harness.MockServer.Tests.Cli;

/// <summary>
/// The exit codes of docs/ci/README.md, per command: 0 pass, 1 contract failure or regression, 2 usage or
/// configuration error. A pipeline tells a broken contract from a broken pipeline by them alone.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class ExitCodeTests
{
    private const int Pass = 0, ContractFailure = 1, UsageError = 2;

    private static string _scratch = "";

    [OneTimeSetUp]
    public static void MakeScratch() => _scratch = Directory.CreateTempSubdirectory("harness-exit-codes-").FullName;

    [OneTimeTearDown]
    public static void RemoveScratch() => Directory.Delete(_scratch, recursive: true);

    private static string Scenarios => Path.Combine(PublishedMock.RepositoryRoot, "scenarios");

    private static string Scratch(string name) => Path.Combine(_scratch, name + "-" + Guid.NewGuid().ToString("N")[..6]);

    /// <summary>The repository's scenarios with one unknown key added: lint's kind of problem.</summary>
    private static string BrokenScenarios()
    {
        var folder = Scratch("broken");
        foreach (var file in Directory.EnumerateFiles(Scenarios, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(Scenarios, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        File.AppendAllText(Path.Combine(folder, "ags-refresh", "contract.yaml"), "\nnot-a-key: 1\n");
        return folder;
    }

    [Test]
    public async Task Lint_valid_scenarios_exits_0() =>
        (await CommandLine.RunAsync("lint", Scenarios)).ExitCode.Should().Be(Pass);

    [Test]
    public async Task Lint_problems_exit_1()
    {
        var lint = await CommandLine.RunAsync("lint", BrokenScenarios());

        lint.ExitCode.Should().Be(ContractFailure, lint.Output);
        lint.Stderr.Should().Contain("not-a-key");
    }

    [Test]
    public async Task Lint_of_a_missing_folder_exits_2()
    {
        var lint = await CommandLine.RunAsync("lint", Path.Combine(_scratch, "no-such-folder"));

        lint.ExitCode.Should().Be(UsageError, lint.Output);
        lint.Stderr.Should().Contain("does not exist");
    }

    [Test]
    public async Task Report_compare_without_change_exits_0()
    {
        var before = WriteReport(Verdict.Pass);

        (await CommandLine.RunAsync("report", "compare", before, before)).ExitCode.Should().Be(Pass);
    }

    [Test]
    public async Task Report_compare_with_a_regression_exits_1()
    {
        var compare = await CommandLine.RunAsync("report", "compare", WriteReport(Verdict.Pass), WriteReport(Verdict.Fail));

        compare.ExitCode.Should().Be(ContractFailure, compare.Output);
    }

    [Test]
    public async Task Report_compare_of_a_missing_report_exits_2()
    {
        var compare = await CommandLine.RunAsync("report", "compare", Path.Combine(_scratch, "none.json"), WriteReport(Verdict.Pass));

        compare.ExitCode.Should().Be(UsageError, compare.Output);
    }

    [TestCase("export-wiremock")]
    [TestCase("export-openapi")]
    public async Task Export_writes_and_exits_0(string command)
    {
        var export = await CommandLine.RunAsync(command, "--out", Scratch(command));

        export.ExitCode.Should().Be(Pass, export.Output);
    }

    [TestCase("export-wiremock")]
    [TestCase("export-openapi")]
    public async Task Export_without_out_exits_2(string command)
    {
        var export = await CommandLine.RunAsync(command);

        export.ExitCode.Should().Be(UsageError, export.Output);
        export.Stderr.Should().Contain("--out").And.NotContain("Usage:", "a usage error is one sentence, not the whole help");
    }

    [TestCase("export-wiremock")]
    [TestCase("export-openapi")]
    public async Task Export_of_scenarios_that_do_not_load_exits_2(string command)
    {
        var export = await CommandLine.RunAsync(command, "--out", Scratch(command), "--scenarios", BrokenScenarios());

        export.ExitCode.Should().Be(UsageError, export.Output);
        export.Stderr.Should().Contain("not-a-key");
    }

    [TestCase("export-wiremock")]
    [TestCase("export-openapi")]
    public async Task Export_to_a_place_it_cannot_write_exits_2(string command)
    {
        var file = Scratch("a-file");
        File.WriteAllText(file, "not a folder");

        var export = await CommandLine.RunAsync(command, "--out", file);

        export.ExitCode.Should().Be(UsageError, export.Output);
    }

    [TestCase(new[] { "--port", "abc" }, "--port expects a whole number between 0 and 65535, got 'abc'")]
    [TestCase(new[] { "--port", "70000" }, "--port expects a whole number between 0 and 65535, got '70000'")]
    [TestCase(new[] { "--seed", "one" }, "--seed expects a whole number, got 'one'")]
    [TestCase(new[] { "--defect", "no-such-defect" }, "unknown defect 'no-such-defect'")]
    [TestCase(new[] { "--no-such-option" }, "Unrecognized command or argument '--no-such-option'")]
    [TestCase(new[] { "--scenarios", "/no/such/folder" }, "/no/such/folder")]
    [TestCase(new[] { "--mappings", "/no/such/mappings" }, "mappings folder '/no/such/mappings' does not exist")]
    [TestCase(new[] { "--proxy", "ftp://backend" }, "proxy 'ftp://backend' is not an absolute http:// or https:// URL")]
    [TestCase(new[] { "--proxy", "backend:8080/api" }, "proxy 'backend:8080/api' is not an absolute http:// or https:// URL")]
    public async Task Serve_with_a_bad_option_exits_2_naming_it(string[] args, string message)
    {
        // A free port, unless the port is what is wrong: should the bad option be accepted, nothing else is in the way.
        var serve = await CommandLine.RunAsync(args.Contains("--port") ? args : ["--port", "0", .. args]);

        serve.ExitCode.Should().Be(UsageError, serve.Output);
        serve.Stderr.Should().Contain(message).And.NotContain("Usage:").And.NotContain("System.");
        serve.Stdout.Should().NotContain("listening on", "a bad option must stop the mock before it starts");
    }

    [Test]
    public async Task Serve_with_a_bad_port_variable_exits_2()
    {
        var serve = await CommandLine.RunAsync([], new Dictionary<string, string?> { [MockServerOptions.PortVariable] = "eighty" });

        serve.ExitCode.Should().Be(UsageError, serve.Output);
        serve.Stderr.Should().Contain("HARNESS_MOCK_PORT='eighty'");
    }

    [Test]
    public async Task Usage_names_the_program_as_the_user_typed_it()
    {
        var help = await CommandLine.RunAsync("--help");

        help.ExitCode.Should().Be(Pass);
        help.Stdout.Should().Contain("refresh-harness [command] [options]");
    }

    [Test]
    public async Task A_usage_error_points_at_the_help_of_its_command()
    {
        var export = await CommandLine.RunAsync("export-wiremock", "--out");

        export.Stderr.Should().Contain("Run 'refresh-harness export-wiremock --help'");
    }

    private static string WriteReport(Verdict verdict)
    {
        var path = Scratch("report") + ".json";
        var check = new CheckResult
        {
            Id = "ags-refresh/refresh-rotates#refresh", Api = "ags-refresh", Operation = "refresh", Scenario = "refresh-rotates", Title = "refresh rotates",
            Rules = ["rotation"], Severity = CheckSeverity.Contract, Sources = ["seed-000"], Verdict = verdict,
            Failures = verdict == Verdict.Fail ? [new CheckFailure { Expectation = "status", Expected = "200", Actual = "401", Source = "seed-000" }] : [],
            DurationMs = 1,
        };
        var report = new RunReport
        {
            RunId = "exit-code-test",
            StartedAt = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero),
            FinishedAt = new DateTimeOffset(2026, 12, 1, 8, 0, 1, TimeSpan.Zero),
            Target = new TargetInfo { Name = "mock", BaseUrl = "http://127.0.0.1:5080", Kind = "mock" },
            Checks = [check],
        };
        using var file = File.Create(path);
        new JsonReportWriter().Write(report, file);
        return path;
    }
}
