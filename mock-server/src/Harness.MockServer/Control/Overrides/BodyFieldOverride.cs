using System.Text.Json.Nodes;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Control;

/// <summary>A field of an operation's next answers set to a value (created where missing) or removed.</summary>
internal sealed class BodyFieldOverride(Operation operation, BodyFieldPath field, JsonNode? value, bool remove, int? count) : RuntimeOverride(count)
{
    private readonly Operation _operation = operation;

    public BodyFieldPath Field { get; } = field;

    public JsonNode? Value { get; } = value;

    public bool Remove { get; } = remove;

    public override OverrideKind Kind => OverrideKind.Body;

    public override string? Operation => _operation.QualifiedId;

    public override string Describe() => Remove ? $"body field {Field} removed" : $"body field {Field} = {Value?.ToJsonString() ?? "null"}";

    internal override bool Changes(Operation operation) => Same(_operation, operation);

    /// <summary>Changes the answer's body; the journal note says whether it could (no values: the field may be a token).</summary>
    internal string ApplyTo(JsonNode? body)
    {
        var done = Remove ? Field.Remove(body) : Field.Set(body, Value?.DeepClone());
        return $"override #{Id}: body {Field} {(Remove ? "removed" : "changed")}{(done ? "" : " (not applied: the answer has no such place)")}";
    }
}
