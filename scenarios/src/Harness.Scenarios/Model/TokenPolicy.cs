using System.Text.Json.Nodes;
using Harness.Scenarios.Loading;

namespace Harness.Scenarios.Model;

/// <summary>
/// How a realm's tokens live: lifetimes, whether the refresh lifetime slides (and is capped by a fixed
/// session lifetime), rotation and reuse handling, client binding, and the claims each JWT carries.
/// Claim values are literals or <c>${identity.*}</c>, <c>${session.*}</c>, <c>${token.*}</c> references the mock fills in.
/// </summary>
public sealed record TokenPolicy(
    string Realm,
    string DeclaredBy,
    Lifetime Access,
    Lifetime Refresh,
    Lifetime? Session,
    bool SlidingRefresh,
    bool Rotate,
    ReusePolicy Reuse,
    Provenance RotationProvenance,
    bool ClientBound,
    Provenance ClientBindingProvenance,
    IReadOnlyDictionary<string, JsonNode?> AccessClaims,
    IReadOnlyDictionary<string, JsonNode?> RefreshClaims,
    Provenance ClaimsProvenance,
    Location Where)
{
    public Lifetime? LifetimeOf(TokenKind kind) => kind switch
    {
        TokenKind.Access => Access,
        TokenKind.Refresh => Refresh,
        _ => Session,
    };
}
