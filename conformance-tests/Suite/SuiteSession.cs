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

    // Each scenario runs once per session, whichever test asks first: its own, or a rule gathered from every check.
    private static readonly ConcurrentDictionary<string, Lazy<Task<CheckResult>>> Results = new(StringComparer.Ordinal);
    private static ITargetSource? _targets;
    private static DateTimeOffset _startedAt;

    public static ContractSet Contracts => ScenarioCatalog.Contracts;
    public static Redactor Redactor { get; } = new();
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

    /// <summary>The scenario's verdict, run now unless a test of this session already ran it.</summary>
    public static Task<CheckResult> ResultAsync(Scenario scenario) =>
        Results.GetOrAdd(scenario.QualifiedId, _ => new Lazy<Task<CheckResult>>(() => Runner.RunAsync(scenario))).Value;

    /// <summary>The check of a gathered rule on one API: every scenario of the API runs (once) and what they saw of the rule is gathered.</summary>
    public static async Task<CheckResult> RollupAsync(string api, string rule)
    {
        var results = await Task.WhenAll(Contracts.Scenarios.Where(s => s.ApiId == api).Select(ResultAsync));
        return RuleRollup.Of(Contracts, results).SingleOrDefault(c => c.Id == RuleRollup.CheckId(api, rule))
               ?? new CheckResult
               {
                   Id = RuleRollup.CheckId(api, rule), Api = api, Operation = "*", Scenario = rule, Title = rule, Rules = [rule],
                   Severity = CheckSeverity.Contract, Verdict = Verdict.Skip, Reason = $"no check of {api} ran on this target",
               };
    }

    private static IReadOnlyList<CheckResult> Finished() =>
        [.. Results.Values.Where(r => r.IsValueCreated && r.Value.IsCompletedSuccessfully).Select(r => r.Value.Result)];

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
            Checks = [.. Finished().Concat(RuleRollup.Of(Contracts, Finished())).OrderBy(r => r.Id, StringComparer.Ordinal)],
        };
        var folder = Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } chosen
            ? FromRepository(chosen)
            : Path.Combine(ScenarioCatalog.RepositoryRoot, "reports", "out", "latest");
        var warned = report.Checks.Count(c => c.Verdict == Verdict.Warning);
        if (warned > 0)
            TestContext.Progress.WriteLine($"conformance: {warned} check(s) passed with warnings, findings of levels {_targets.Shared.Name} is not gated on " +
                                           $"(it gates on: {string.Join(", ", _targets.Shared.Gates.Order().Select(l => KebabName.Of(l)))}); see report.html or junit.xml system-out");
        var written = ReportSet.WriteAll(report, folder, Redactor);
        TestContext.Progress.WriteLine($"conformance: reports written: {string.Join(", ", written)}");
        await _targets.DisposeAsync();
    }
}
