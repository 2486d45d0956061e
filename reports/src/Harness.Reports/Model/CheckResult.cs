using System.Text.Json.Serialization;

namespace Harness.Reports;

/// <summary>The outcome of one check: one scenario exercised against one operation of one API.</summary>
public sealed record CheckResult
{
    /// <summary>Stable across runs (e.g. <c>ags-refresh/refresh-rotates-token#refresh</c>), so two runs can be compared.</summary>
    public required string Id { get; init; }

    public required string Api { get; init; }

    public required string Operation { get; init; }

    public required string Scenario { get; init; }

    public required string Title { get; init; }

    /// <summary>Ids of the rules this check enforces.</summary>
    public IReadOnlyList<string> Rules { get; init => field = value ?? []; } = [];

    public required CheckSeverity Severity { get; init; }

    /// <summary>How binding the check's rule is; with the run's gate it decides whether a finding fails or warns.</summary>
    public CheckLevel Level { get; init; } = CheckLevel.Must;

    /// <summary>Why the rule exists: a seed id, an RFC section, or "inferred: reason".</summary>
    public IReadOnlyList<string> Sources { get; init => field = value ?? []; } = [];

    public required Verdict Verdict { get; init; }

    /// <summary>Why the check was skipped, or a one-line account of what failed.</summary>
    public string? Reason { get; init; }

    /// <summary>What the check found broken of its own rules: failures, and (with <see cref="CheckFailure.Warning"/>) warnings.</summary>
    public IReadOnlyList<CheckFailure> Failures { get; init => field = value ?? []; } = [];

    /// <summary>
    /// Deviations of another rule seen on the way (an empty error body while checking rotation): not this check's
    /// verdict, but gathered once per run under their own rule (<see cref="CheckFailure.Rule"/>) into a check of that rule.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<CheckFailure> SeenOnTheWay { get; init => field = value ?? []; } = [];

    public IReadOnlyList<Exchange> Transcript { get; init => field = value ?? []; } = [];

    public double DurationMs { get; init; }
}
