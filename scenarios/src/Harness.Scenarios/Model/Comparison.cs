namespace Harness.Scenarios.Model;

/// <summary>How a comparison expectation relates its two values.</summary>
public enum Comparison
{
    Differs,
    EqualTo,
    AtMost,

    /// <summary>Every space-separated scope token of the value is in the other (RFC 6749 §6).</summary>
    ScopeSubset,
}
