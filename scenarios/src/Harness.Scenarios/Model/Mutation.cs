namespace Harness.Scenarios.Model;

/// <summary>
/// How a step deliberately bends a request away from the contract to provoke an error: drop fields,
/// override them, replace the whole body, change the content type or method, corrupt a token's signature,
/// or send to another base URL (the target's plain-HTTP address, to show HTTPS is enforced).
/// </summary>
public sealed record Mutation(
    IReadOnlyList<string> Omit,
    IReadOnlyDictionary<string, ValueExpression> Set,
    string? Body,
    string? ContentType,
    string? Method,
    IReadOnlyList<Slot> Tamper,
    ValueExpression? BaseUrl = null)
{
    public static Mutation None { get; } = new([], new Dictionary<string, ValueExpression>(), null, null, null, []);

    public bool IsNone => Omit.Count == 0 && Set.Count == 0 && Body is null && ContentType is null && Method is null && Tamper.Count == 0 && BaseUrl is null;
}
