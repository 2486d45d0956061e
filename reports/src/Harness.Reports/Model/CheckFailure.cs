namespace Harness.Reports;

/// <summary>One expectation a check found broken.</summary>
public sealed record CheckFailure
{
    /// <summary>What was expected, in words (e.g. "the old refresh token is rejected after rotation").</summary>
    public required string Expectation { get; init; }

    public required string Expected { get; init; }

    public required string Actual { get; init; }

    /// <summary>Where the expectation comes from (seed id, RFC section, "inferred: ...").</summary>
    public required string Source { get; init; }
}
