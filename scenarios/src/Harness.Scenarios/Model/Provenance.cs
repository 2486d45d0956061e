using Harness.Scenarios.Loading;

namespace Harness.Scenarios.Model;

/// <summary>
/// Where a rule comes from: a seed page or RFC section it cites, or the one-line reason why it had to be
/// inferred because the pages are silent or inconsistent.
/// </summary>
public sealed record Provenance(string? Source, string? InferredReason, Location Where)
{
    public bool IsInferred => InferredReason is not null;

    public override string ToString() => Source is { } s
        ? (InferredReason is { } r ? $"{s} (inferred: {r})" : s)
        : $"inferred: {InferredReason}";
}
