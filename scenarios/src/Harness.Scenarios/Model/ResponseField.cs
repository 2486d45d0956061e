using System.Text.Json.Nodes;
using Harness.Scenarios.Loading;

namespace Harness.Scenarios.Model;

/// <summary>
/// One field of a success body, addressed by a path (<c>expires_in</c>, <c>content[0].token</c>). A field
/// may have to equal a literal, or one of the token lifetimes (which a target profile may override).
/// </summary>
public sealed record ResponseField(
    string Path,
    IReadOnlyList<FieldType> Types,
    bool Required,
    Slot? Binds,
    JsonNode? EqualTo,
    bool IgnoreCase,
    TokenKind? LifetimeOf,
    Provenance Provenance,
    Location Where);
