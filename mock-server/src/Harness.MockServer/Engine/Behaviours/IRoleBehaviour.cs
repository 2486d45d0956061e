using Harness.MockServer.Requests;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Engine.Behaviours;

/// <summary>What an operation of one role does once the request passed the stateless checks: the stateful checks and the work, atomically.</summary>
internal interface IRoleBehaviour
{
    OperationRole Role { get; }

    Answer Handle(Operation operation, IncomingRequest request);
}
