using Harness.Scenarios.Loading;

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

    /// <summary>Where each name of <see cref="Omit"/> is written, in the same order (empty when not known).</summary>
    public IReadOnlyList<Location> OmitWhere { get; init; } = [];

    /// <summary>Where each field name of <see cref="Set"/> is written (empty when not known).</summary>
    public IReadOnlyDictionary<string, Location> SetWhere { get; init; } = new Dictionary<string, Location>();

    /// <summary>Where the <paramref name="index"/>th name of <see cref="Omit"/> is written, or <paramref name="fallback"/>.</summary>
    public Location OmitAt(int index, Location fallback) => index < OmitWhere.Count ? OmitWhere[index] : fallback;

    /// <summary>Where the field name <paramref name="name"/> of <see cref="Set"/> is written, or <paramref name="fallback"/>.</summary>
    public Location SetAt(string name, Location fallback) => SetWhere.TryGetValue(name, out var where) ? where : fallback;
}
