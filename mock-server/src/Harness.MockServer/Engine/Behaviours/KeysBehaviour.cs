using System.Text.Json.Nodes;
using Harness.MockServer.Hosting;
using Harness.MockServer.Requests;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Engine.Behaviours;

/// <summary>Publishes the signing key as a JWKS document, for contracts that declare a keys operation.</summary>
public sealed class KeysBehaviour(MockState state) : IRoleBehaviour
{
    public OperationRole Role => OperationRole.Keys;

    public Answer Handle(Operation operation, IncomingRequest request) =>
        new BodyAnswer(operation, Outcomes.Success(operation), state.Minter.Jwks());
}
