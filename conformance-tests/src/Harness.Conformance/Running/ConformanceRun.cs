using Harness.Conformance.Targets;
using Harness.Reports;
using Harness.Scenarios.Model;
using Harness.Scenarios.Redaction;

namespace Harness.Conformance.Running;

/// <summary>Runs many scenarios against one target source, independent ones side by side, and gathers a <see cref="RunReport"/>.</summary>
public static class ConformanceRun
{
    public static async Task<RunReport> RunAsync(ContractSet contracts, ITargetSource targets, IEnumerable<Scenario> scenarios, Redactor redactor,
        int parallelism = 4, TimeProvider? time = null, CancellationToken cancel = default)
    {
        time ??= TimeProvider.System;
        var startedAt = time.GetUtcNow();
        var runner = new ScenarioRunner(contracts, targets, redactor);
        var list = scenarios.ToList();
        var results = new CheckResult[list.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, list.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancel },
            async (i, token) => results[i] = await runner.RunAsync(list[i], token));
        return Report(targets.Shared, startedAt, time.GetUtcNow(), [.. results, .. RuleRollup.Of(contracts, results)]);
    }

    /// <summary>
    /// The report of one run against a target, however it was driven (this runner, or the NUnit suite's session): one
    /// run id for one run, <c>mock-20261204-235800</c> or <c>staging-…</c>, from the target's name and the start.
    /// </summary>
    public static RunReport Report(ITarget target, DateTimeOffset startedAt, DateTimeOffset finishedAt, IReadOnlyList<CheckResult> checks) => new()
    {
        RunId = $"{Slug(target.Name)}-{startedAt:yyyyMMdd-HHmmss}",
        StartedAt = startedAt,
        FinishedAt = finishedAt,
        Target = new TargetInfo { Name = target.Name, BaseUrl = target.BaseAddress.ToString(), Kind = target.Kind },
        Checks = checks,
    };

    /// <summary>"mock with skip-rotation" → "mock-with-skip-rotation": a run id is used in file names and URLs.</summary>
    private static string Slug(string name)
    {
        var words = new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ')]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 ? string.Join('-', words) : "target";
    }
}
