using Harness.Scenarios.Model;

namespace Harness.MockServer.Engine;

/// <summary>The contracts' APIs by id, as <see cref="ContractSet.Api"/> finds them (the first with an id wins), without a scan per request.</summary>
internal sealed class ApiIndex
{
    private readonly Dictionary<string, ApiContract> _byId = new(StringComparer.Ordinal);

    public ApiIndex(ContractSet contracts)
    {
        foreach (var api in contracts.Apis) _byId.TryAdd(api.Id, api);
    }

    public ApiContract? Api(string id) => _byId.GetValueOrDefault(id);

    public ApiContract ApiOf(Operation operation) => _byId[operation.ApiId];
}
