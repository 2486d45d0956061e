namespace Harness.Scenarios.Model;

/// <summary>Everything one scenario folder says: the catalog, every API contract and every scenario. Immutable once loaded.</summary>
public sealed record ContractSet(string Folder, Catalog Catalog, IReadOnlyList<ApiContract> Apis, IReadOnlyList<Scenario> Scenarios)
{
    public ApiContract? Api(string id) => Apis.FirstOrDefault(a => a.Id == id);

    public Operation? Operation(string apiId, string operationId) => Api(apiId)?.Operation(operationId);

    public TokenPolicy? Policy(string realm) => Apis.Select(a => a.Tokens).FirstOrDefault(t => t?.Realm == realm);

    /// <summary>The operation that starts sessions in a realm.</summary>
    public Operation? IssueOperation(string realm) =>
        Apis.Where(a => a.Realm == realm).SelectMany(a => a.Operations).FirstOrDefault(o => o.Role == OperationRole.Issue);

    public IEnumerable<Operation> Operations => Apis.SelectMany(a => a.Operations);
}
