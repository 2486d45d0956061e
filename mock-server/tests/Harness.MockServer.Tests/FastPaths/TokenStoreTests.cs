using Harness.MockServer.Time;
using Harness.MockServer.Tokens;
using Harness.MockServer.World;
using Harness.Scenarios.Fakes;

namespace Harness.MockServer.Tests.FastPaths;

/// <summary>The token store compiles each realm's policy once; the policy it holds is the one <see cref="ContractSet.Policy"/> picks, for every realm.</summary>
public sealed class TokenStoreTests
{
    [TestCaseSource(typeof(FastPathCases), nameof(FastPathCases.Realms))]
    public void PolicyOf_EveryRealm_IsTheOneTheContractSetPicks(string realm)
    {
        var faker = new HarnessFaker(1);
        var store = new TokenStore(Contracts.Set, new TokenMinter(faker), faker, new VirtualClock(TimeProvider.System));

        if (Contracts.Set.Policy(realm) is { } policy) store.PolicyOf(realm).Should().BeSameAs(policy);
        else store.Invoking(s => s.PolicyOf(realm)).Should().Throw<InvalidOperationException>();
    }
}
