namespace Harness.MockServer.Tests.FastPaths;

/// <summary>Every operation of every contract in scenarios/, as test cases named after it: the fast paths are compared with the model over all of them.</summary>
public static class FastPathCases
{
    public static IEnumerable<TestCaseData> Operations() =>
        Contracts.Set.Operations.Select(o => new TestCaseData(o).SetArgDisplayNames(o.QualifiedId));

    public static IEnumerable<TestCaseData> Realms() =>
        Contracts.Set.Apis.Select(a => a.Realm).Distinct(StringComparer.Ordinal).Select(r => new TestCaseData(r).SetArgDisplayNames(r));
}
