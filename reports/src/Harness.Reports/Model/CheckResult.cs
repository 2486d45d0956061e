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

    /// <summary>Why the rule exists: a seed id, an RFC section, or "inferred: reason".</summary>
    public IReadOnlyList<string> Sources { get; init => field = value ?? []; } = [];

    public required Verdict Verdict { get; init; }

    /// <summary>Why the check was skipped, or a one-line account of what failed.</summary>
    public string? Reason { get; init; }

    public IReadOnlyList<CheckFailure> Failures { get; init => field = value ?? []; } = [];

    public IReadOnlyList<Exchange> Transcript { get; init => field = value ?? []; } = [];

    public double DurationMs { get; init; }
}
