using System.Collections.Concurrent;
using Harness.Conformance.Running;
using Harness.Conformance.Targets;
using Harness.Reports;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;
using Harness.Scenarios.Redaction;
using NUnit.Framework;

namespace Harness.ConformanceTests.Suite;

/// <summary>
/// One run of the suite: the contracts, the target (the in-process mock, or the profile named by
/// HARNESS_PROFILE), and the reports written when the run ends (to HARNESS_REPORT_DIR, default reports/out/latest).
/// </summary>
[SetUpFixture]
public sealed class SuiteSession
{
    public const string ProfileVariable = "HARNESS_PROFILE";
    public const string ReportVariable = "HARNESS_REPORT_DIR";

    private static readonly ConcurrentDictionary<string, CheckResult> Results = new(StringComparer.Ordinal);
    private static ITargetSource? _targets;
    private static DateTimeOffset _startedAt;

    public static ContractSet Contracts => ScenarioCatalog.Contracts;
    public static Redactor Redactor { get; } = Redactor.ForContracts(ScenarioCatalog.Contracts);
    public static ScenarioRunner Runner { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _startedAt = TimeProvider.System.GetUtcNow();
        var profile = Environment.GetEnvironmentVariable(ProfileVariable);
        _targets = string.IsNullOrWhiteSpace(profile)
            ? await MockTargetSource.StartAsync(Contracts)
            : await ProfileTargetSource.StartAsync(TargetProfile.Load(FromRepository(profile), Contracts), Redactor);
        Runner = new ScenarioRunner(Contracts, _targets, Redactor);
        TestContext.Progress.WriteLine($"conformance: {Contracts.Scenarios.Count} scenarios against {_targets.Shared.Name} at {_targets.Shared.BaseAddress}");
    }

    /// <summary>The test host runs in its output folder, so a relative path is taken from the repository root.</summary>
    private static string FromRepository(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(ScenarioCatalog.RepositoryRoot, path));

    public static void Record(CheckResult result) => Results[result.Id] = result;

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_targets is null) return;
        var report = new RunReport
        {
            RunId = $"{_targets.Shared.Kind}-{_startedAt:yyyyMMdd-HHmmss}",
            StartedAt = _startedAt,
            FinishedAt = TimeProvider.System.GetUtcNow(),
            Target = new TargetInfo { Name = _targets.Shared.Name, BaseUrl = _targets.Shared.BaseAddress.ToString(), Kind = _targets.Shared.Kind },
            Checks = [.. Results.Values.OrderBy(r => r.Id, StringComparer.Ordinal)],
        };
        var folder = Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } chosen
            ? FromRepository(chosen)
            : Path.Combine(ScenarioCatalog.RepositoryRoot, "reports", "out", "latest");
        var written = ReportSet.WriteAll(report, folder, Redactor);
        TestContext.Progress.WriteLine($"conformance: reports written: {string.Join(", ", written)}");
        await _targets.DisposeAsync();
    }
}
