using Harness.Scenarios.Model;

namespace Harness.Scenarios.Loading;

/// <summary>
/// What the readers could not read (and have already reported). The cross-file checks consult it so that one
/// unreadable file, mapping or value is reported once, at its place, instead of again by every check that
/// misses what it would have said ("no API folder", "API has no contract", "not checked by any scenario" ...).
/// </summary>
internal sealed class ReadGaps
{
    /// <summary>catalog.yaml is missing or unreadable: seeds, rule families, capabilities and target values are unknown.</summary>
    public bool CatalogUnreadable { get; set; }

    /// <summary>Some contract.yaml (or its 'api' id) could not be read, so an API id no contract declares may be that one.</summary>
    public bool ContractUnreadable { get; set; }

    /// <summary>APIs with an operation entry (or an operation's role) that could not be read, so an operation they lack may be that one.</summary>
    public HashSet<string> ApisWithUnreadableOperations { get; } = new(StringComparer.Ordinal);

    /// <summary>Operations whose response (or its status) could not be read.</summary>
    public HashSet<Operation> OperationsWithUnreadableResponseStatus { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Operations with an outcome (or outcome list) that could not be read.</summary>
    public HashSet<Operation> OperationsWithUnreadableOutcomes { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>APIs whose scenarios.yaml had problems: what its scenarios check is not fully known.</summary>
    public HashSet<string> ApisWithUnreadableScenarios { get; } = new(StringComparer.Ordinal);

    /// <summary>Scenarios whose 'requires' had an item that could not be read.</summary>
    public HashSet<Scenario> ScenariosWithUnreadableRequires { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Scenarios that lost a step (or a step id) to a problem, so a reference to an undefined step may be to that one.</summary>
    public HashSet<Scenario> ScenariosWithUnreadableSteps { get; } = new(ReferenceEqualityComparer.Instance);
}
