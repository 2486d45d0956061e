using Harness.Scenarios.Loading;

namespace Harness.Scenarios.Model;

/// <summary>
/// Where a rule comes from: a seed page or RFC section it cites, or the one-line reason why it had to be
/// inferred because the pages are silent or inconsistent; and how binding the rule is (<see cref="Level"/>).
/// </summary>
public sealed record Provenance(string? Source, string? InferredReason, Location Where)
{
    public bool IsInferred => InferredReason is not null;

    /// <summary>A <c>level:</c> written beside the source, where the one derived from it would be wrong.</summary>
    public ObligationLevel? ExplicitLevel { get; init; }

    /// <summary>
    /// How binding the rule is: the written <c>level:</c>, else derived from the source: none (only a reason) is
    /// this project's inference, a seed page is the vendor's word, an RFC section is an RFC MUST. A rule that cites
    /// a source and also says what it had to infer keeps the source's level; where the inferred part is what a
    /// check tests (a status the page never gives, say), the file says <c>level: inferred</c>.
    /// </summary>
    public ObligationLevel Level => ExplicitLevel ?? Source switch
    {
        null => ObligationLevel.Inferred,
        var s when s.StartsWith("seed-", StringComparison.Ordinal) => ObligationLevel.Vendor,
        _ => ObligationLevel.Must,
    };

    public override string ToString() => Source is { } s
        ? (InferredReason is { } r ? $"{s} (inferred: {r})" : s)
        : $"inferred: {InferredReason}";
}
