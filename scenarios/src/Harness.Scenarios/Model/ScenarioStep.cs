using Harness.Scenarios.Loading;

namespace Harness.Scenarios.Model;

/// <summary>One step of a scenario. A step with an <see cref="Id"/> can be referred to by later steps.</summary>
public abstract record ScenarioStep(string? Id, Location Where)
{
    private readonly Location? _idWhere;

    /// <summary>Where the id's value is written (the step's own location when not known).</summary>
    public Location IdWhere { get => _idWhere ?? Where; init => _idWhere = value; }

    public abstract string Describe();
}

/// <summary>
/// Obtains a fresh session: against the mock, the realm's issue operation; against a real target, the
/// bootstrap its profile describes. Its slots (access-token, refresh-token, scope ...) are then in scope.
/// </summary>
public sealed record SessionStep(string Name, string Realm, IReadOnlyDictionary<Slot, ValueExpression> With, Location At) : ScenarioStep(Name, At)
{
    /// <summary>Where each slot of <see cref="With"/> is named (its key), when known.</summary>
    public IReadOnlyDictionary<Slot, Location> WithWhere { get; init; } = new Dictionary<Slot, Location>();

    public override string Describe() => $"start session '{Name}'";
}

/// <summary>Moves the target's clock forward; needs the clock-control capability.</summary>
public sealed record AdvanceClockStep(ValueExpression Seconds, Location At) : ScenarioStep(null, At)
{
    public override string Describe() => $"advance the clock by {Seconds.Text} s";
}

/// <summary>Calls an operation, perhaps with a deliberately bent request, and checks the answer.</summary>
public sealed record CallStep(
    string? StepId,
    string ApiId,
    string OperationId,
    IReadOnlyDictionary<Slot, ValueExpression> With,
    Mutation Mutate,
    OutcomeExpectation? Outcome,
    IReadOnlyList<Expectation> Checks,
    Location At) : ScenarioStep(StepId, At)
{
    public override string Describe() => $"{ApiId}.{OperationId}" + (StepId is null ? "" : $" as '{StepId}'");

    /// <summary>Where each slot of <see cref="With"/> is named (its key), when known.</summary>
    public IReadOnlyDictionary<Slot, Location> WithWhere { get; init; } = new Dictionary<Slot, Location>();

    /// <summary>A step without an outcome is set-up: it only has to succeed (any 2xx) for the scenario to go on.</summary>
    public bool IsSetUp => Outcome is null && Checks.Count == 0;

    /// <summary>The field an expected missing-header/missing-field outcome is about: stated, or else the first one omitted.</summary>
    public string? OutcomeField => Outcome?.Field
        ?? (Outcome?.Condition is Condition.MissingHeader or Condition.MissingField ? Mutate.Omit.FirstOrDefault() : null);

    /// <summary>The contract outcome this step expects, or null for a set-up step.</summary>
    public Outcome? ExpectedOutcome(Operation operation) =>
        Outcome is null ? null : operation.OutcomeFor(Outcome.Condition, OutcomeField);
}
