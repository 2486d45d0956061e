using System.Text;
using System.Text.Json.Nodes;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Control;

/// <summary>
/// A status the contract does not document for the operation, answered instead of running it (the client's tokens
/// stay as they were, as after a server error): for a developer who needs to see how their app reacts. Outside the
/// contract, and marked so in the answer (<see cref="Header"/>), the journal and the dashboard. Documented statuses
/// are forced instead (<c>/__harness/operations/{api}/{operation}/force</c>), which keeps the contract's body.
/// </summary>
internal sealed class UndocumentedStatusOverride(Operation operation, int status, JsonNode? body, int? count) : RuntimeOverride(count ?? 1)
{
    /// <summary>The answer's header saying it is outside the contract, so a developer looking at the network tab sees why.</summary>
    public const string Header = "X-Harness-Outside-Contract";

    /// <summary>The journal's condition for such an answer (no condition of the contract answers it).</summary>
    public const string Condition = "outside-contract";

    private readonly Operation _operation = operation;

    public int Status { get; } = status;

    public JsonNode? Body { get; } = body;

    public override OverrideKind Kind => OverrideKind.Status;

    public override string? Operation => _operation.QualifiedId;

    public override bool OutsideContract => true;

    public override string Describe() =>
        $"status {Status} (outside the contract: {_operation.QualifiedId} documents {string.Join(", ", _operation.Outcomes.Select(o => o.Status).Distinct().Order())})";

    internal override bool Changes(Operation operation) => Same(_operation, operation);

    internal string Note => $"override #{Id}: status {Status} {Condition}";

    /// <summary>Statuses whose answers carry no body (RFC 9110 §15.3.5, §15.3.6, §15.4.5).</summary>
    internal bool HasBody => Status is not (204 or 205 or 304);

    /// <summary>The body given with the override, or one that says what happened in the OAuth 2.0 error form.</summary>
    internal byte[] BodyUtf8() => !HasBody ? [] : Encoding.UTF8.GetBytes((Body?.DeepClone() ?? new JsonObject
    {
        ["error"] = "outside_contract",
        ["error_description"] = $"status {Status} answered by run-time override #{Id}: the contract does not document it for {_operation.QualifiedId}",
    }).ToJsonString());
}
