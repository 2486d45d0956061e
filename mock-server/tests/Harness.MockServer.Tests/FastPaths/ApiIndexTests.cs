using Harness.MockServer.Engine;

namespace Harness.MockServer.Tests.FastPaths;

/// <summary><see cref="ApiIndex"/> finds, by a dictionary, the API <see cref="ContractSet.Api"/> finds by a scan: compared for every API and operation.</summary>
public sealed class ApiIndexTests
{
    [Test]
    public void Api_EveryApiId_IsTheOneTheContractSetFinds()
    {
        var index = new ApiIndex(Contracts.Set);

        foreach (var id in Contracts.Set.Apis.Select(a => a.Id).Append("no-such-api").Append(""))
            index.Api(id).Should().BeSameAs(Contracts.Set.Api(id), "Api({0})", id);
    }

    [TestCaseSource(typeof(FastPathCases), nameof(FastPathCases.Operations))]
    public void ApiOf_EveryOperation_IsTheApiOfItsId(Operation operation) =>
        new ApiIndex(Contracts.Set).ApiOf(operation).Should().BeSameAs(Contracts.Set.Api(operation.ApiId));

    [Test]
    public void Api_TwoApisWithOneId_TheFirstWinsAsInTheContractSet()
    {
        var first = Contracts.Set.Apis[0];
        var twice = Contracts.Set with { Apis = [first, Contracts.Set.Apis[1] with { Id = first.Id }] };

        new ApiIndex(twice).Api(first.Id).Should().BeSameAs(twice.Api(first.Id));
    }
}
