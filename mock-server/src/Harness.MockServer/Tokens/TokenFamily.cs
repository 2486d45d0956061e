using Harness.MockServer.World;

namespace Harness.MockServer.Tokens;

/// <summary>
/// One session: the chain of token pairs that descend from one issue by rotation. The family is the unit
/// of revocation (RFC 9700 §4.14.2) and of the AGS fixed session lifetime. Mutated only under its own lock.
/// </summary>
internal sealed class TokenFamily(string id, string realm, TestAccount account, string clientId, string tenant, string scope, long startedAt, long? fixedExpiresAt)
{
    public string Id { get; } = id;
    public string Realm { get; } = realm;
    public TestAccount Account { get; } = account;
    public string ClientId { get; } = clientId;
    public string Tenant { get; } = tenant;
    public string Scope { get; } = scope;
    public long StartedAt { get; } = startedAt;
    public long? FixedExpiresAt { get; } = fixedExpiresAt;

    /// <summary>
    /// The realm URL the session was started through (<c>${realm.issuer}</c>: the <c>iss</c> of its tokens), as the
    /// client reached it, so a refresh's tokens name the issuer the login's did; null for a realm without an OIDC surface.
    /// </summary>
    public string? Issuer { get; init; }

    /// <summary>Generation of the newest pair; a refresh token of an older generation was rotated away.</summary>
    public int Generation { get; set; }
    public bool Revoked { get; set; }
    public string? RevokedBecause { get; set; }
    public long RefreshExpiresAt { get; set; }
    public long LastUsedAt { get; set; }

    /// <summary>
    /// Signatures of every refresh token of the family, all its life: a rotated-away one presented again, however
    /// many rotations ago, is reuse (and revokes the family), not an unknown token. Eviction removes them all.
    /// </summary>
    public List<SignatureKey> Signatures { get; } = [];

    /// <summary>The signature of the family's current refresh token; the store retires it when the next one is issued.</summary>
    public SignatureKey? CurrentRefresh { get; set; }

    /// <summary>Signatures of the newest access tokens only (<see cref="TokenStore.RememberedAccessGenerations"/>): a replaced access token has no further use.</summary>
    public Queue<SignatureKey> AccessSignatures { get; } = new();

    /// <summary>Set once, under the family's lock, when the store lets the family go (at the cap, or on reset).</summary>
    public bool Evicted { get; set; }

    // The store's least-recently-used list, changed only under the store's list lock.
    internal TokenFamily? Newer;
    internal TokenFamily? Older;

    public bool IsOver(long now) => now >= RefreshExpiresAt || (FixedExpiresAt is { } cap && now >= cap);
}
