namespace Harness.Scenarios.Loading;

/// <summary>Thrown when a scenario folder has problems; carries every one of them, not just the first.</summary>
public sealed class ScenarioLoadException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception($"{diagnostics.Count} problem(s) in the scenario files:{Environment.NewLine}" + string.Join(Environment.NewLine, diagnostics))
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}
