namespace Harness.MockServer.Tests.FastPaths;

/// <summary>Every operation of every contract in scenarios/, as test cases named after it: the fast paths are compared with the model over all of them.</summary>
public static class FastPathCases
{
    public static IEnumerable<TestCaseData> Operations() =>
        Contracts.Set.Operations.Select(o => new TestCaseData(o).SetArgDisplayNames(o.QualifiedId));

    /// <summary>How many seeded random inputs each case draws.</summary>
    public const int Draws = 200;

    /// <summary>
    /// A generator seeded from the operation's name and the test's own number: each case draws its own inputs, the same
    /// on every run (string.GetHashCode differs between runs, so the name is hashed here).
    /// </summary>
    public static Random Seeded(Operation operation, int test)
    {
        var seed = test;
        foreach (var c in operation.QualifiedId) seed = unchecked(seed * 31 + c);
        return new Random(seed);
    }

    public static IEnumerable<TestCaseData> Realms() =>
        Contracts.Set.Apis.Select(a => a.Realm).Distinct(StringComparer.Ordinal).Select(r => new TestCaseData(r).SetArgDisplayNames(r));
}
