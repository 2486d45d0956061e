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
        return new RunReport
        {
            RunId = $"{targets.Shared.Name}-{startedAt:yyyyMMdd-HHmmss}",
            StartedAt = startedAt,
            FinishedAt = time.GetUtcNow(),
            Target = new TargetInfo { Name = targets.Shared.Name, BaseUrl = targets.Shared.BaseAddress.ToString(), Kind = targets.Shared.Kind },
            Checks = [.. results, .. RuleRollup.Of(contracts, results)],
        };
    }
}
