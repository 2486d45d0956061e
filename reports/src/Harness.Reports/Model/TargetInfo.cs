namespace Harness.Reports;

/// <summary>The server a run was aimed at.</summary>
public sealed record TargetInfo
{
    public required string Name { get; init; }

    public required string BaseUrl { get; init; }

    /// <summary>Where the target came from, e.g. "mock" or "profile".</summary>
    public required string Kind { get; init; }
}
