namespace Harness.Conformance.Running;

/// <summary>Raised while running a scenario the target cannot take part in (a missing capability or value); the check is skipped with this reason, never failed.</summary>
public sealed class ScenarioSkipped(string reason) : Exception(reason);
