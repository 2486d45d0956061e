using Harness.Scenarios.Model;

namespace Harness.MockServer.Engine;

/// <summary>The operation a request was matched to and, if the request breaks the contract, the condition it breaks.</summary>
internal sealed record Detection(Operation Operation, Condition? Condition, string? Field = null)
{
    public bool Passed => Condition is null;
}
