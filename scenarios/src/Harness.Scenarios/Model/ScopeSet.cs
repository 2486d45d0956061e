namespace Harness.Scenarios.Model;

/// <summary>RFC 6749 §3.3: a scope is a space-separated set of tokens; a refresh may narrow it but never add to it (§6).</summary>
public static class ScopeSet
{
    public static bool IsSubset(string requested, string granted)
    {
        var allowed = granted.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return requested.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(allowed.Contains);
    }
}
