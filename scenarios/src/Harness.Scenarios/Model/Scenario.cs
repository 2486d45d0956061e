using Harness.Scenarios.Loading;

namespace Harness.Scenarios.Model;

/// <summary>
/// One rule of an API, checked by a flow of steps. A scenario is one check in the suite's output; its
/// <see cref="Covers"/> names the rule families it tests, which is how a broken rule is traced to the checks
/// that must catch it.
/// </summary>
public sealed record Scenario(
    string Id,
    string ApiId,
    string Title,
    Severity Severity,
    IReadOnlyList<string> Covers,
    IReadOnlyList<string> Requires,
    IReadOnlyList<ScenarioStep> Steps,
    Provenance Provenance,
    Location Where)
{
    private readonly Location? _idWhere;

    public string QualifiedId => $"{ApiId}/{Id}";

    /// <summary>Where the id's value is written (the scenario's own location when not known).</summary>
    public Location IdWhere { get => _idWhere ?? Where; init => _idWhere = value; }

    /// <summary>Where each item of <see cref="Covers"/> is written, in the same order (empty when not known).</summary>
    public IReadOnlyList<Location> CoversWhere { get; init; } = [];

    /// <summary>Where each item of <see cref="Requires"/> is written, in the same order (empty when not known).</summary>
    public IReadOnlyList<Location> RequiresWhere { get; init; } = [];

    /// <summary>Where the <paramref name="index"/>th rule family of <see cref="Covers"/> is written.</summary>
    public Location CoverWhere(int index) => index < CoversWhere.Count ? CoversWhere[index] : Where;

    /// <summary>Where the <paramref name="index"/>th capability of <see cref="Requires"/> is written.</summary>
    public Location RequireWhere(int index) => index < RequiresWhere.Count ? RequiresWhere[index] : Where;

    /// <summary>The operation the scenario is about: the one its last checked step calls.</summary>
    public string FocusOperation =>
        Steps.OfType<CallStep>().LastOrDefault(s => !s.IsSetUp)?.OperationId
        ?? Steps.OfType<CallStep>().LastOrDefault()?.OperationId
        ?? "session";

    /// <summary>
    /// How binding the scenario's rule is: its <c>level:</c>, else this project's inference when it cites no source,
    /// a SHOULD when its severity is best-practice, else its source's level (a seed page: vendor; an RFC: must).
    /// </summary>
    public ObligationLevel Level => Provenance.ExplicitLevel ?? (Provenance.Source is null ? ObligationLevel.Inferred
        : Severity == Severity.BestPractice ? ObligationLevel.Should
        : Provenance.Level);

    /// <summary>Whether any step advances the clock: such scenarios need clock-control whether or not they say so.</summary>
    public bool NeedsClock => Steps.OfType<AdvanceClockStep>().Any();
}
