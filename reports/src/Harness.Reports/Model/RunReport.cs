namespace Harness.Reports;

/// <summary>
/// Everything one conformance run produced. This is the contract between the suite, the writers and anyone
/// comparing runs later: property names and enum spellings are fixed by reports/schema/run-report.schema.json.
/// </summary>
public sealed record RunReport
{
    /// <summary>The only version this build writes and reads; bump it (and the schema) on any breaking change.</summary>
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string RunId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public required TargetInfo Target { get; init; }

    public IReadOnlyList<CheckResult> Checks { get; init => field = value ?? []; } = [];
}
