using System.Collections.Concurrent;
using Harness.Conformance.Running;
using Harness.Conformance.Targets;
using Harness.Reports;
using Harness.Scenarios.Loading;
using NUnit.Framework;

namespace Harness.ConformanceTests.Suite;

/// <summary>
/// The suite's run against one target (the mock on one host, or a profile's server): its runner, the preflight's
/// verdict, and each scenario's result, run once whichever test asks first.
/// </summary>
public sealed class TargetSession(string name) : IAsyncDisposable
{
    // Each scenario runs once per target, whichever test asks first: its own, or a rule gathered from every check.
    private readonly ConcurrentDictionary<string, Lazy<Task<CheckResult>>> _results = new(StringComparer.Ordinal);
    private ITargetSource? _targets;

    /// <summary>The fixture argument: <c>kestrel</c>, <c>wiremock-net</c> or <c>profile</c>.</summary>
    public string Name { get; } = name;

    public ScenarioRunner Runner { get; private set; } = null!;

    /// <summary>Why the target cannot be checked at all (a bad profile, a missing secret, no connection, no first session); null when it can.</summary>
    public string? PreflightFailure { get; private set; }

    /// <summary>Whether the preflight test ran and showed <see cref="PreflightFailure"/> (then the tear-down does not repeat it).</summary>
    public bool PreflightReported { get; set; }

    public async Task StartAsync(ITargetSource targets)
    {
        _targets = targets;
        Runner = new ScenarioRunner(SuiteSession.Contracts, targets, SuiteSession.Redactor);
        TestContext.Progress.WriteLine($"conformance: {SuiteSession.Contracts.Scenarios.Count} scenarios against {targets.Shared.Name} at {targets.Shared.BaseAddress}{(SuiteSession.Strict ? " (strict)" : "")}");
        PreflightFailure = await Preflight.CheckAsync(SuiteSession.Contracts, targets.Shared, SuiteSession.Redactor);
        if (PreflightFailure is not null) TestContext.Progress.WriteLine($"conformance: preflight failed: {PreflightFailure}");
    }

    /// <summary>The target could not even be set up (a bad profile).</summary>
    public void Fail(string reason)
    {
        PreflightFailure = reason;
        TestContext.Progress.WriteLine($"conformance: preflight failed: {reason}");
    }

    /// <summary>The scenario's verdict, run now unless a test of this target already ran it.</summary>
    public Task<CheckResult> ResultAsync(Harness.Scenarios.Model.Scenario scenario) =>
        _results.GetOrAdd(scenario.QualifiedId, _ => new Lazy<Task<CheckResult>>(() => Runner.RunAsync(scenario))).Value;

    /// <summary>The check of a gathered rule on one API: every scenario of the API runs (once) and what they saw of the rule is gathered.</summary>
    public async Task<CheckResult> RollupAsync(string api, string rule)
    {
        var contracts = SuiteSession.Contracts;
        var results = await Task.WhenAll(contracts.Scenarios.Where(s => s.ApiId == api).Select(ResultAsync));
        return RuleRollup.Of(contracts, results).SingleOrDefault(c => c.Id == RuleRollup.CheckId(api, rule))
               ?? new CheckResult
               {
                   Id = RuleRollup.CheckId(api, rule), Api = api, Operation = "*", Scenario = rule, Title = rule, Rules = [rule],
                   Severity = CheckSeverity.Contract, Verdict = Verdict.Skip, Reason = $"no check of {api} ran on this target",
               };
    }

    private IReadOnlyList<CheckResult> Finished() =>
        [.. _results.Values.Where(r => r.IsValueCreated && r.Value.IsCompletedSuccessfully).Select(r => r.Value.Result)];

    public void WriteReports(string folder, DateTimeOffset startedAt)
    {
        if (_targets is null) return;
        var contracts = SuiteSession.Contracts;
        var report = new RunReport
        {
            RunId = $"{_targets.Shared.Kind}-{startedAt:yyyyMMdd-HHmmss}",
            StartedAt = startedAt,
            FinishedAt = TimeProvider.System.GetUtcNow(),
            Target = new TargetInfo { Name = _targets.Shared.Name, BaseUrl = _targets.Shared.BaseAddress.ToString(), Kind = _targets.Shared.Kind },
            Checks = [.. Finished().Concat(RuleRollup.Of(contracts, Finished())).OrderBy(r => r.Id, StringComparer.Ordinal)],
        };
        var warned = report.Checks.Count(c => c.Verdict == Verdict.Warning);
        if (warned > 0)
            TestContext.Progress.WriteLine($"conformance: {warned} check(s) passed with warnings, findings of levels {_targets.Shared.Name} is not gated on " +
                                           $"(it gates on: {string.Join(", ", _targets.Shared.Gates.Order().Select(l => KebabName.Of(l)))}); see report.html or junit.xml system-out");
        var written = ReportSet.WriteAll(report, folder, SuiteSession.Redactor);
        TestContext.Progress.WriteLine($"conformance: reports written: {string.Join(", ", written)}");
    }

    public ValueTask DisposeAsync() => _targets?.DisposeAsync() ?? ValueTask.CompletedTask;
}
