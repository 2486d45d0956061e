using System.Collections.Concurrent;
using Harness.Conformance.Running;
using Harness.Conformance.Targets;
using Harness.Reports;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;
using Harness.Scenarios.Redaction;
using NUnit.Framework;
using Harness.Scenarios.Profiles;

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
    public const string StrictVariable = "HARNESS_STRICT";

    // Each scenario runs once per session, whichever test asks first: its own, or a rule gathered from every check.
    private static readonly ConcurrentDictionary<string, Lazy<Task<CheckResult>>> Results = new(StringComparer.Ordinal);
    private static ITargetSource? _targets;
    private static DateTimeOffset _startedAt;

    public static ContractSet Contracts => ScenarioCatalog.Contracts;
    public static Redactor Redactor { get; } = Redactor.ForContracts(ScenarioCatalog.Contracts);
    public static ScenarioRunner Runner { get; private set; } = null!;

    /// <summary>Why the target cannot be checked at all (a bad profile, a missing secret, no connection, no first session); null when it can.</summary>
    public static string? PreflightFailure { get; private set; }

    /// <summary><c>HARNESS_STRICT=1</c> or the profile's <c>strict: true</c>: skips caused by profile gaps, and a run without any executed check, fail.</summary>
    public static bool Strict { get; private set; }

    /// <summary>Whether the preflight test ran and showed <see cref="PreflightFailure"/> (then the tear-down does not repeat it).</summary>
    public static bool PreflightReported { get; set; }

    /// <summary>How many checks passed or failed (were executed, not skipped).</summary>
    private static int _executed;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _startedAt = TimeProvider.System.GetUtcNow();
        Strict = Environment.GetEnvironmentVariable(StrictVariable) is "1" or "true";
        var profile = Environment.GetEnvironmentVariable(ProfileVariable);
        try
        {
            if (string.IsNullOrWhiteSpace(profile)) _targets = await MockTargetSource.StartAsync(Contracts);
            else
            {
                var loaded = TargetProfile.Load(FromRepository(profile), Contracts);
                Strict |= loaded.Strict;
                _targets = await ProfileTargetSource.StartAsync(loaded, Redactor);
            }
        }
        catch (Harness.Scenarios.Loading.ScenarioLoadException bad)
        {
            // Printed once, here and by the preflight test, instead of once per check with a stack trace.
            PreflightFailure = $"the target profile {profile} has {bad.Diagnostics.Count} problem(s):{Environment.NewLine}" +
                               string.Join(Environment.NewLine, bad.Diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column).Select(d => "  " + d));
            TestContext.Progress.WriteLine($"conformance: preflight failed: {PreflightFailure}");
            return;
        }
        Runner = new ScenarioRunner(Contracts, _targets, Redactor);
        TestContext.Progress.WriteLine($"conformance: {Contracts.Scenarios.Count} scenarios against {_targets.Shared.Name} at {_targets.Shared.BaseAddress}{(Strict ? " (strict)" : "")}");
        PreflightFailure = await Preflight.CheckAsync(Contracts, _targets.Shared, Redactor);
        if (PreflightFailure is not null) TestContext.Progress.WriteLine($"conformance: preflight failed: {PreflightFailure}");
    }

    /// <summary>The test host runs in its output folder, so a relative path is taken from the repository root.</summary>
    private static string FromRepository(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(ScenarioCatalog.RepositoryRoot, path));

    /// <summary>The scenario's verdict, run now unless a test of this session already ran it.</summary>
    public static Task<CheckResult> ResultAsync(Scenario scenario) =>
        Results.GetOrAdd(scenario.QualifiedId, _ => new Lazy<Task<CheckResult>>(() => Runner.RunAsync(scenario))).Value;

    /// <summary>Counts a check that was executed (passed, failed or warned), for strict mode's "no check ran" rule.</summary>
    public static void CountExecuted(CheckResult result)
    {
        if (result.Verdict != Verdict.Skip) Interlocked.Increment(ref _executed);
    }

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
        try
        {
            await WriteReportsAsync();
        }
        finally
        {
            if (_targets is not null) await _targets.DisposeAsync();
        }
        // The gate: NUnit reports a failed one-time tear-down as an error of the run, so the exit code is non-zero even
        // when a filter left out the preflight test, or every selected check was skipped.
        if (PreflightFailure is not null)
            throw new TargetNotCheckable(PreflightReported ? "conformance: the target could not be checked (see the failed preflight test)"
                : $"conformance: the target could not be checked (preflight failed): {PreflightFailure}");
        if (Strict && Volatile.Read(ref _executed) == 0)
            throw new TargetNotCheckable($"conformance: strict mode ({StrictVariable}=1 or the profile's strict: true) and no check was executed: every selected check was skipped.");
    }

    private static Task WriteReportsAsync()
    {
        if (_targets is null) return Task.CompletedTask;
        var report = ConformanceRun.Report(_targets.Shared, _startedAt, TimeProvider.System.GetUtcNow(),
            [.. Finished().Concat(RuleRollup.Of(Contracts, Finished())).OrderBy(r => r.Id, StringComparer.Ordinal)]);
        var folder = Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } chosen
            ? FromRepository(chosen)
            : Path.Combine(ScenarioCatalog.RepositoryRoot, "reports", "out", "latest");
        var warned = report.Checks.Count(c => c.Verdict == Verdict.Warning);
        if (warned > 0)
            TestContext.Progress.WriteLine($"conformance: {warned} check(s) passed with warnings, findings of levels {_targets.Shared.Name} is not gated on " +
                                           $"(it gates on: {string.Join(", ", _targets.Shared.Gates.Order().Select(l => KebabName.Of(l)))}); see report.html or junit.xml system-out");
        var written = ReportSet.WriteAll(report, folder, Redactor);
        TestContext.Progress.WriteLine($"conformance: reports written: {string.Join(", ", written)}");
        return Task.CompletedTask;
    }
}
