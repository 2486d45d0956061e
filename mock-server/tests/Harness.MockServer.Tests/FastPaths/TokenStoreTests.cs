using Harness.MockServer.Time;
using Harness.MockServer.Tokens;
using Harness.MockServer.World;
using Harness.Scenarios.Fakes;

namespace Harness.MockServer.Tests.FastPaths;

/// <summary>The token store compiles each realm's policy once; the policy it holds is the one <see cref="ContractSet.Policy"/> picks, for every realm.</summary>
public sealed class TokenStoreTests
{
    [TestCaseSource(typeof(FastPathCases), nameof(FastPathCases.Realms))]
    public void PolicyOf_EveryRealm_IsTheOneTheContractSetPicks(string realm) => PolicyIsTheContractSets(Contracts.Set, realm);

    /// <summary>Two APIs of one realm that both declare a policy (no contract does yet): the first is the realm's, in both.</summary>
    [Test]
    public void PolicyOf_RealmDeclaredTwice_IsTheOneTheContractSetPicks()
    {
        var api = Contracts.Set.Apis.First(a => a.Tokens is not null);
        var twice = Contracts.Set with { Apis = [api, api with { Id = api.Id + "-copy", Tokens = api.Tokens! with { Rotate = !api.Tokens.Rotate } }] };

        PolicyIsTheContractSets(twice, api.Realm);
    }

    private static void PolicyIsTheContractSets(ContractSet contracts, string realm)
    {
        var faker = new HarnessFaker(1);
        var store = new TokenStore(contracts, new TokenMinter(faker), faker, new VirtualClock(TimeProvider.System));

        if (contracts.Policy(realm) is { } policy) store.PolicyOf(realm).Should().BeSameAs(policy);
        else store.Invoking(s => s.PolicyOf(realm)).Should().Throw<InvalidOperationException>();
    }
}
