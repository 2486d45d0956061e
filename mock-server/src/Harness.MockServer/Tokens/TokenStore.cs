using System.Collections.Concurrent;
using Harness.MockServer.Time;
using Harness.MockServer.World;
using Harness.Scenarios.Fakes;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Tokens;

/// <summary>
/// Every session and token of a mock run. Tokens are found by their signature and then compared whole (see
/// <see cref="TokenMinter.Signed"/>); families are locked one at a time. A family is remembered all its life and
/// after it ends, so each of its tokens gets its documented answer (expired, reused, revoked) however late it comes
/// back; memory is bounded by a cap instead: past <see cref="MaxSessions"/> families (or
/// <see cref="TokensPerSession"/> times as many remembered tokens) the least recently used family is evicted, a few
/// per request, and its tokens are from then on unknown.
/// </summary>
internal sealed class TokenStore(ContractSet contracts, TokenMinter minter, HarnessFaker faker, VirtualClock clock, int maxSessions = TokenStore.DefaultMaxSessions)
{
    /// <summary>
    /// Sized so a mock at the cap stays under 300 MB of RSS (bench/README.md, "Sign-on flood"): about a kilobyte a
    /// session with its first pair, plus what the token budget lets long refresh chains keep.
    /// </summary>
    public const int DefaultMaxSessions = 100_000;

    /// <summary>The token budget per session of the cap: long refresh chains may hold more, as long as the total stays under it.</summary>
    public const int TokensPerSession = 4;

    /// <summary>How many of a family's newest access tokens are remembered; a replaced access token older than that is unknown.</summary>
    public const int RememberedAccessGenerations = 16;

    /// <summary>At most this many families are looked at for eviction per request, so no request waits on a sweep.</summary>
    private const int EvictionsPerRequest = 4;

    // Every refresh adds two tokens: enough lock stripes that requests on different families do not queue
    // (the default is one stripe per core).
    private const int WriteConcurrency = 64;
    private ConcurrentDictionary<SignatureKey, Remembered> _tokens = new(WriteConcurrency, 1024);
    // Refresh tokens rotated away, kept for reuse detection all the family's life. Plain dictionaries hold their
    // entries in arrays (no object per entry for the collector to trace, a third of the memory of a concurrent
    // dictionary's node), keyed by the signature's first 64 bits and striped by lock; a hit is checked like any
    // token (TokenMinter.Signed), so a shared prefix cannot make a wrong token valid. Looked up only when a token
    // is not among the current ones: on reuse, or garbage.
    private const int RetiredStripes = 16;
    private Dictionary<ulong, Retired>[] _retired = NewRetired();
    private ConcurrentDictionary<string, TokenFamily> _families = new(StringComparer.Ordinal);
    // Counted here: ConcurrentDictionary.Count takes every lock of the dictionary, and the cap is checked per request.
    private int _familyCount;
    private int _tokenCount;
    // The least-recently-used list: newest at the head, the next to evict at the tail.
    private readonly Lock _lruGate = new();
    private TokenFamily? _newest;
    private TokenFamily? _oldest;
    // Read per request: the policy of each realm and its claim templates, compiled once.
    private readonly Dictionary<string, (TokenPolicy Policy, ClaimTemplate Access, ClaimTemplate Refresh)> _realms = CompileRealms(contracts);

    /// <summary>The control API's claim overrides (<c>/__harness/overrides/claims</c>), asked once per access token; none when null.</summary>
    public IClaimOverrides? ClaimOverrides { get; init; }

    public int MaxSessions { get; } = maxSessions > 0 ? maxSessions : throw new ArgumentOutOfRangeException(nameof(maxSessions), "the session cap must be positive");
    public long MaxTokens => (long)MaxSessions * TokensPerSession;
    public int FamilyCount => Volatile.Read(ref _familyCount);
    public int TokenCount => Volatile.Read(ref _tokenCount);

    // How each realm signs its access tokens: HS256 unless its contract's OIDC surface says otherwise (refresh tokens
    // stay HS256 under the unpublished key, as Keycloak's do).
    private readonly Dictionary<string, SigningAlgorithm> _accessSigning = contracts.Apis.Where(a => a.Oidc is not null)
        .GroupBy(a => a.Realm, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Oidc!.Signing, StringComparer.Ordinal);

    private SigningAlgorithm AccessSigningOf(string realm) => _accessSigning.TryGetValue(realm, out var algorithm) ? algorithm : SigningAlgorithm.HS256;

    /// <summary>A family by its id (the session id, <c>sid</c>), or null when it is unknown or evicted.</summary>
    public TokenFamily? FamilyOf(string? id) => id is not null && _families.TryGetValue(id, out var family) ? family : null;

    public IEnumerable<TokenFamily> Families => _families.Values;

    public TokenPolicy PolicyOf(string realm) => _realms.TryGetValue(realm, out var compiled) ? compiled.Policy
        : throw new InvalidOperationException($"realm '{realm}' has no token policy");

    private static Dictionary<string, (TokenPolicy, ClaimTemplate, ClaimTemplate)> CompileRealms(ContractSet contracts)
    {
        var realms = new Dictionary<string, (TokenPolicy, ClaimTemplate, ClaimTemplate)>(StringComparer.Ordinal);
        foreach (var api in contracts.Apis)
        {
            // The first policy declared for a realm is the realm's, as ContractSet.Policy picks it.
            if (api.Tokens is { } policy && !realms.ContainsKey(policy.Realm))
                realms[policy.Realm] = (policy, ClaimTemplate.Compile(policy.AccessClaims), ClaimTemplate.Compile(policy.RefreshClaims));
        }
        return realms;
    }

    /// <summary>The compiled templates of a policy <see cref="PolicyOf"/> gave (the only policies the engine holds).</summary>
    private (ClaimTemplate Access, ClaimTemplate Refresh) TemplatesOf(TokenPolicy policy) =>
        _realms.TryGetValue(policy.Realm, out var compiled) && ReferenceEquals(compiled.Policy, policy)
            ? (compiled.Access, compiled.Refresh)
            : throw new InvalidOperationException($"the policy of realm '{policy.Realm}' is not the one this store compiled: take it from PolicyOf");

    /// <param name="issuer">The realm URL the client reached, for <c>${realm.issuer}</c> (null: the realm has no OIDC surface).</param>
    public TokenPair StartSession(string realm, TestAccount account, string clientId, string tenant, string scope, int expShift = 0, string? issuer = null)
    {
        var policy = PolicyOf(realm);
        var now = clock.UnixSeconds;
        var family = new TokenFamily(faker.Uuid().ToString(), realm, account, clientId, tenant, scope, now,
            policy.Session is { } session ? now + session.Seconds : null) { Issuer = issuer };
        lock (family)
        {
            _families[family.Id] = family;
            Interlocked.Increment(ref _familyCount);
            Touch(family);
            return IssuePair(family, policy, now, renewRefresh: true, capBySession: true, expShift: expShift);
        }
    }

    /// <summary>
    /// What the store remembers of a token, when the text is byte for byte one the mock issued and still
    /// remembers: found by its signature, then its signed part checked (<see cref="TokenMinter.Signed"/>).
    /// </summary>
    public IssuedToken? Find(string? token)
    {
        if (!minter.TryKeyOf(token, out var key)) return null;
        if (!_tokens.TryGetValue(key, out var issued))
        {
            var stripe = _retired[(int)(key.A % RetiredStripes)];
            Retired retired;
            lock (stripe)
                if (!stripe.TryGetValue(key.A, out retired)) return null;
            issued = new Remembered(retired.Family, TokenKind.Refresh, retired.Generation, retired.ExpiresAt);
        }
        if (!minter.Signed(token!, key)) return null;
        Touch(issued.Family);
        return new IssuedToken(issued.Family, issued.Kind, issued.Generation, issued.ExpiresAt);
    }

    /// <summary>Issues the next pair of a family. The caller holds the family's lock. <paramref name="accessScope"/>: a refresh's narrowed scope, which only the access token carries (the refresh token keeps the original, RFC 6749 §6).</summary>
    public TokenPair IssuePair(TokenFamily family, TokenPolicy policy, long now, bool renewRefresh, bool capBySession, int expShift = 0, string? accessScope = null)
    {
        family.Generation++;
        family.LastUsedAt = now;
        if (renewRefresh || family.RefreshExpiresAt == 0)
        {
            var refreshExp = now + policy.Refresh.Seconds;
            family.RefreshExpiresAt = capBySession && family.FixedExpiresAt is { } cap ? Math.Min(refreshExp, cap) : refreshExp;
        }
        var accessExp = now + policy.Access.Seconds;
        var jti = faker.TokenId();
        var (accessClaims, refreshClaims) = TemplatesOf(policy);
        var patch = ClaimOverrides?.TakeFor(family);
        var access = minter.Mint(accessClaims, family, TokenKind.Access, jti, now, accessExp + expShift, out var accessKey, AccessSigningOf(family.Realm), accessScope, patch);
        var refresh = minter.Mint(refreshClaims, family, TokenKind.Refresh, jti, now, family.RefreshExpiresAt + expShift, out var refreshKey);
        if (!family.Evicted)
        {
            RememberAccess(family, accessKey, accessExp);
            if (family.CurrentRefresh is { } previous) Retire(family, previous);
            Remember(family, refreshKey, new Remembered(family, TokenKind.Refresh, family.Generation, family.RefreshExpiresAt));
            family.CurrentRefresh = refreshKey;
        }
        return new TokenPair(access, refresh, now, accessExp, family.RefreshExpiresAt, family) { Overridden = patch };
    }

    /// <summary>Keeps a refresh token that was not rotated valid for the family's newest generation. The caller holds the family's lock.</summary>
    public void KeepCurrent(TokenFamily family, string refreshToken, long expiresAt)
    {
        if (!family.Evicted && minter.TryKeyOf(refreshToken, out var key))
        {
            Remember(family, key, new Remembered(family, TokenKind.Refresh, family.Generation, expiresAt));
            family.CurrentRefresh = key;
        }
    }

    public void Revoke(TokenFamily family, string reason)
    {
        family.Revoked = true;
        family.RevokedBecause = reason;
    }

    /// <summary>
    /// Forgets everything, with new (small) tables: the old ones, however large a flood made them, are left to the
    /// garbage collector whole rather than cleared in place and kept.
    /// </summary>
    public void Clear()
    {
        lock (_lruGate)
        {
            for (var family = _newest; family is not null; family = family.Older) family.Evicted = true;
            _newest = _oldest = null;
            _tokens = new ConcurrentDictionary<SignatureKey, Remembered>(WriteConcurrency, 1024);
            _retired = NewRetired();
            _families = new ConcurrentDictionary<string, TokenFamily>(StringComparer.Ordinal);
            Volatile.Write(ref _familyCount, 0);
            Volatile.Write(ref _tokenCount, 0);
        }
    }

    /// <summary>Whether the store holds more than its cap allows.</summary>
    public bool OverCap => FamilyCount > MaxSessions || TokenCount > MaxTokens;

    /// <summary>
    /// Evicts least recently used families while the store is over its cap, at most a few per call: the engine
    /// calls it once per request, so a flood is trimmed as it comes and no request pays for a whole sweep.
    /// Returns how many families were evicted (the engine notes it in that request's journal entry).
    /// </summary>
    public int EvictOverCap()
    {
        var evicted = 0;
        for (var i = 0; i < EvictionsPerRequest && OverCap; i++)
        {
            TokenFamily? oldest;
            lock (_lruGate)
            {
                oldest = _oldest;
                if (oldest is null) break;
                Unlink(oldest);
            }
            if (Evict(oldest)) evicted++;
        }
        return evicted;
    }

    /// <summary>Kept for the control API's clock move: time alone evicts nothing now (see the class summary); this trims to the cap.</summary>
    public void MaybeSweep() => EvictOverCap();

    private bool Evict(TokenFamily family)
    {
        lock (family)
        {
            if (family.Evicted) return false;
            family.Evicted = true;
            var removed = 0;
            foreach (var signature in family.Signatures)
            {
                if (_tokens.TryRemove(signature, out _)) removed++;
                var stripe = _retired[(int)(signature.A % RetiredStripes)];
                lock (stripe)
                    if (stripe.TryGetValue(signature.A, out var retired) && ReferenceEquals(retired.Family, family) && stripe.Remove(signature.A)) removed++;
            }
            foreach (var signature in family.AccessSignatures)
                if (_tokens.TryRemove(signature, out _)) removed++;
            family.Signatures.Clear();
            family.AccessSignatures.Clear();
            Interlocked.Add(ref _tokenCount, -removed);
            if (_families.TryRemove(family.Id, out _)) Interlocked.Decrement(ref _familyCount);
            return true;
        }
    }

    /// <summary>Moves a family to the head of the least-recently-used list.</summary>
    private void Touch(TokenFamily family)
    {
        if (ReferenceEquals(Volatile.Read(ref _newest), family)) return;
        lock (_lruGate)
        {
            // Evicted, or reset away: not put back (its tokens are gone from the tables the store holds now).
            if (family.Evicted || ReferenceEquals(_newest, family)) return;
            if (family.Newer is not null || family.Older is not null || ReferenceEquals(_oldest, family)) Unlink(family);
            family.Older = _newest;
            if (_newest is not null) _newest.Newer = family;
            _newest = family;
            _oldest ??= family;
        }
    }

    /// <summary>Takes a family out of the list. The caller holds _lruGate.</summary>
    private void Unlink(TokenFamily family)
    {
        if (family.Newer is { } newer) newer.Older = family.Older;
        else if (ReferenceEquals(_newest, family)) _newest = family.Older;
        if (family.Older is { } older) older.Newer = family.Newer;
        else if (ReferenceEquals(_oldest, family)) _oldest = family.Newer;
        family.Newer = family.Older = null;
    }

    /// <summary>Remembers a token of a family. The caller holds the family's lock.</summary>
    private void Remember(TokenFamily family, SignatureKey signature, Remembered remembered)
    {
        if (_tokens.TryAdd(signature, remembered))
        {
            Interlocked.Increment(ref _tokenCount);
            family.Signatures.Add(signature);
        }
        else _tokens[signature] = remembered;
    }

    /// <summary>Moves a rotated-away refresh token from the current tokens to the retired ones. The caller holds the family's lock.</summary>
    private void Retire(TokenFamily family, SignatureKey signature)
    {
        if (!_tokens.TryRemove(signature, out var remembered)) return;
        var stripe = _retired[(int)(signature.A % RetiredStripes)];
        lock (stripe)
        {
            // Another family's token with the same first 64 bits (about one in 2^32 after 2^32 tokens): that one keeps the slot.
            if (!stripe.TryAdd(signature.A, new Retired(family, remembered.Generation, remembered.ExpiresAt)))
                Interlocked.Decrement(ref _tokenCount);
        }
    }

    private static Dictionary<ulong, Retired>[] NewRetired()
    {
        var stripes = new Dictionary<ulong, Retired>[RetiredStripes];
        for (var i = 0; i < stripes.Length; i++) stripes[i] = [];
        return stripes;
    }

    /// <summary>What is remembered of a rotated-away refresh token.</summary>
    private readonly record struct Retired(TokenFamily Family, int Generation, long ExpiresAt);

    /// <summary>Remembers a new access token and forgets the family's oldest beyond the window. The caller holds the family's lock.</summary>
    private void RememberAccess(TokenFamily family, SignatureKey signature, long expiresAt)
    {
        if (!_tokens.TryAdd(signature, new Remembered(family, TokenKind.Access, family.Generation, expiresAt))) return;
        Interlocked.Increment(ref _tokenCount);
        family.AccessSignatures.Enqueue(signature);
        if (family.AccessSignatures.Count <= RememberedAccessGenerations) return;
        if (_tokens.TryRemove(family.AccessSignatures.Dequeue(), out _)) Interlocked.Decrement(ref _tokenCount);
    }

    /// <summary>What is remembered of an issued token, kept inline in the map (see <see cref="IssuedToken"/>).</summary>
    private readonly record struct Remembered(TokenFamily Family, TokenKind Kind, int Generation, long ExpiresAt);
}
