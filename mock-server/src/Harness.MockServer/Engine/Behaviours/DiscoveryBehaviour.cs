using System.Text.Json.Nodes;
using Harness.MockServer.Defects;
using Harness.MockServer.Hosting;
using Harness.MockServer.Requests;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Engine.Behaviours;

/// <summary>
/// Service discovery: names the realm's auth service and, read from the contract, the parameters its
/// issue and refresh operations take, so a client can build them without knowing them in advance.
/// </summary>
internal sealed class DiscoveryBehaviour(MockState state) : IRoleBehaviour
{
    public OperationRole Role => OperationRole.Discovery;

    public Answer Handle(Operation operation, IncomingRequest request)
    {
        var realm = state.Contracts.Api(operation.ApiId)!.Realm;
        var realmOperations = state.Contracts.Apis.Where(a => a.Realm == realm).SelectMany(a => a.Operations).ToList();
        var services = state.Has(Defect.EmptyDiscovery)
            ? new JsonArray()
            : new JsonArray(new JsonObject
            {
                ["authServiceName"] = state.World.AuthService,
                ["signOnParameters"] = Parameters(realmOperations, OperationRole.Issue),
                ["refreshParameters"] = Parameters(realmOperations, OperationRole.Refresh),
            });
        return new BodyAnswer(operation, Outcomes.Success(operation), new JsonObject { ["availableServices"] = services });
    }

    private static JsonArray Parameters(IEnumerable<Operation> operations, OperationRole role) =>
        new([.. operations.Where(o => o.Role == role)
            .SelectMany(o => o.Request.Where(f => f.Type == FieldType.NameValueArray).SelectMany(f => f.Items))
            .Select(i => (JsonNode)new JsonObject { ["name"] = i.Name, ["required"] = i.Required })]);
}
