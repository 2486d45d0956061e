using Harness.Scenarios.Model;

namespace Harness.MockServer.Control;

/// <summary>A response header added to an operation's next answers (replacing the answer's own value of that name).</summary>
internal sealed class HeaderOverride(Operation operation, string name, string value, int? count) : RuntimeOverride(count)
{
    private readonly Operation _operation = operation;

    public string Name { get; } = name;

    public string Value { get; } = value;

    public override OverrideKind Kind => OverrideKind.Header;

    public override string? Operation => _operation.QualifiedId;

    public override string Describe() => $"header {Name}: {Value}";

    internal override bool Changes(Operation operation) => Same(_operation, operation);

    internal string ApplyTo(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers[Name] = Value;
        // A browser app reads a response header only when CORS exposes it; the contract's CORS answer lists its own.
        if (context.Request.Headers.Origin.Count > 0) headers.Append("Access-Control-Expose-Headers", Name);
        return $"override #{Id}: header {Name}";
    }
}
