using System.Text.Json.Nodes;
using Harness.MockServer.Requests;
using Harness.MockServer.Tokens;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Engine.Behaviours;

/// <summary>Publishes the signing key as a JWKS document, for contracts that declare a keys operation.</summary>
internal sealed class KeysBehaviour(TokenMinter minter) : IRoleBehaviour
{
    public OperationRole Role => OperationRole.Keys;

    public Answer Handle(Operation operation, IncomingRequest request) =>
        new BodyAnswer(operation, Outcomes.Success(operation), minter.Jwks());
}
