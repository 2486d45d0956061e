using Harness.Scenarios.Loading;

namespace Harness.Scenarios.Model;

/// <summary>
/// One <c>${...}</c> reference inside a value expression. <see cref="Root"/> is a step id, <c>target</c>
/// (a value of the target profile) or <c>lifetime</c>; <see cref="Path"/> is the rest, split on dots
/// (<c>refresh-token</c>, <c>body.content[0].token</c>, <c>claims.refresh-token.fixed_exp</c>, <c>time</c>).
/// </summary>
public sealed record ValueReference(string Root, IReadOnlyList<string> Path, Location Where)
{
    public const string TargetRoot = "target";
    public const string LifetimeRoot = "lifetime";

    public bool IsStep => Root is not (TargetRoot or LifetimeRoot);

    public override string ToString() => "${" + Root + (Path.Count > 0 ? "." + string.Join('.', Path) : "") + "}";
}
