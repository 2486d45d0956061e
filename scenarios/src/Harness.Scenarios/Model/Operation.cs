using Harness.Scenarios.Loading;

namespace Harness.Scenarios.Model;

/// <summary>One HTTP operation of an API, with the request it takes and every outcome it documents.</summary>
public sealed record Operation(
    string Id,
    string ApiId,
    OperationRole Role,
    string Method,
    string Path,
    string? ContentType,
    IReadOnlyList<RequestField> Request,
    ResponseSpec Response,
    IReadOnlyList<Outcome> Outcomes,
    Provenance Provenance,
    Location Where)
{
    public string QualifiedId => $"{ApiId}.{Id}";

    /// <summary>Fields whose value the contract fixes (grant_type): they tell apart operations sharing one path.</summary>
    public IEnumerable<RequestField> FixedFields => Request.Where(f => f.Value is not null);

    public RequestField? FieldFor(Slot slot) =>
        Request.FirstOrDefault(f => f.Binds == slot) ?? Request.SelectMany(f => f.Items).FirstOrDefault(i => i.Binds == slot);

    public RequestField? Field(string name) =>
        Request.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    public bool HasOutcome(Condition condition) => Outcomes.Any(o => o.When == condition);

    /// <summary>The outcome for a condition, preferring the one declared for that very field.</summary>
    public Outcome? OutcomeFor(Condition condition, string? field = null) =>
        Outcomes.FirstOrDefault(o => o.When == condition && field is not null && string.Equals(o.Field, field, StringComparison.OrdinalIgnoreCase))
        ?? Outcomes.FirstOrDefault(o => o.When == condition && o.Field is null);
}
