using Harness.Scenarios.Loading;

namespace Harness.Scenarios.Model;

/// <summary>
/// One field of a request. Its value is either fixed by the contract (<see cref="Value"/>, e.g.
/// <c>grant_type=refresh_token</c>) or filled from a <see cref="Slot"/>; <see cref="Template"/> wraps it
/// (<c>"Bearer {}"</c>). A name-value array lists its members in <see cref="Items"/>.
/// </summary>
public sealed record RequestField(
    string Name,
    FieldLocation In,
    FieldType Type,
    bool Required,
    Slot? Binds,
    string? Value,
    string? Template,
    IReadOnlyList<RequestField> Items,
    Provenance Provenance,
    Location Where)
{
    /// <summary>
    /// The contract's <c>secret: true</c>, or a binding to a <see cref="CredentialSlots">credential slot</see>: the value
    /// is a credential, masked by name in the journal, reports and logs (<see cref="Redaction.Redactor.ForContracts"/>)
    /// whatever it looks like.
    /// </summary>
    public bool Secret { get; init; }

    public string Render(string value) => Template is null ? value : Template.Replace("{}", value, StringComparison.Ordinal);

    /// <summary>Undoes <see cref="Template"/> when reading a request: a value sent without the prefix is accepted too.</summary>
    public string Unwrap(string raw)
    {
        if (Template is null) return raw.Trim();
        var prefix = Template[..Template.IndexOf("{}", StringComparison.Ordinal)];
        return raw.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? raw[prefix.Length..].Trim() : raw.Trim();
    }
}
