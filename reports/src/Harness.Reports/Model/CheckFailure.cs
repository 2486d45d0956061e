namespace Harness.Reports;

/// <summary>One expectation a check found broken: a failure where its level gates the run, else a warning.</summary>
public sealed record CheckFailure
{
    /// <summary>What was expected, in words (e.g. "the old refresh token is rejected after rotation").</summary>
    public required string Expectation { get; init; }

    public required string Expected { get; init; }

    public required string Actual { get; init; }

    /// <summary>Where the expectation comes from (seed id, RFC section, "inferred: ...").</summary>
    public required string Source { get; init; }

    /// <summary>How binding the broken rule is (null in reports written before levels existed).</summary>
    public CheckLevel? Level { get; init; }

    /// <summary>
    /// The rule family the finding belongs to when it is not the check's own (an error body seen while checking
    /// rotation belongs to <c>error-response</c>); null when it is one of <see cref="CheckResult.Rules"/>.
    /// </summary>
    public string? Rule { get; init; }

    /// <summary>True when the finding's level does not gate this run: it is reported, and fails nothing.</summary>
    public bool Warning { get; init; }
}
