namespace Harness.Scenarios.Model;

/// <summary>A token lifetime in seconds, with where the figure comes from.</summary>
public sealed record Lifetime(int Seconds, Provenance Provenance);
