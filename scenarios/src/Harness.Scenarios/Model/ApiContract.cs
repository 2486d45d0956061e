using Harness.Scenarios.Loading;

namespace Harness.Scenarios.Model;

/// <summary>
/// One documented API: its operations and how it reports errors. APIs of one <see cref="Realm"/> share
/// token state (a token from AGS sign-on is refreshed at AGS refresh); one contract of the realm declares its <see cref="TokenPolicy"/>.
/// </summary>
public sealed record ApiContract(
    string Id,
    string Title,
    string Realm,
    string Folder,
    ErrorShape ErrorShape,
    Provenance ErrorShapeProvenance,
    TokenPolicy? Tokens,
    IReadOnlyList<Operation> Operations,
    Location Where)
{
    /// <summary>The realm's OpenID Connect surface, when the contract declares one (<c>oidc:</c>).</summary>
    public OidcSurface? Oidc { get; init; }

    public Operation? Operation(string id) => Operations.FirstOrDefault(o => o.Id == id);
}
