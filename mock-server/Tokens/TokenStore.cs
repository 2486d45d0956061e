using System.Collections.Concurrent;
using Harness.MockServer.Time;
using Harness.MockServer.World;
using Harness.Scenarios.Fakes;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Tokens;

/// <summary>
/// Every live session and token of a mock run. Tokens are found by their signature, families are locked
/// one at a time, and whatever has expired on the virtual clock is evicted, so memory follows the number
/// of live sessions, not the number of requests ever served.
/// </summary>
public sealed class TokenStore(ContractSet contracts, TokenMinter minter, HarnessFaker faker, VirtualClock clock, bool evictExpired = true)
{
    /// <summary>How many rotated-away pairs a family remembers for reuse detection; older ones are forgotten (then refused as unknown).</summary>
    public const int RememberedGenerations = 16;
    private const long SweepEverySeconds = 5;

    /// <summary>How long an ended family is remembered before it is evicted.</summary>
    public const long RetainEndedSeconds = 86_400;

    // Every refresh adds two tokens and, past the remembered window, removes two: enough lock stripes that
    // requests on different families do not queue (the default is one stripe per core).
    private const int WriteConcurrency = 64;
    private readonly ConcurrentDictionary<SignatureKey, Remembered> _tokens = new(WriteConcurrency, 1024);
    private readonly ConcurrentDictionary<string, TokenFamily> _families = new(StringComparer.Ordinal);
    private readonly Lock _sweepGate = new();
    private long _lastSweep;
    // Looked up per request: the policy of each realm and its claim templates, compiled once.
    private readonly Dictionary<string, (TokenPolicy Policy, ClaimTemplate Access, ClaimTemplate Refresh)> _realms = CompileRealms(contracts);

    // How each realm signs its access tokens: HS256 unless its contract's OIDC surface says otherwise (refresh tokens
    // stay HS256 under the unpublished key, as Keycloak's do).
    private readonly Dictionary<string, SigningAlgorithm> _accessSigning = contracts.Apis.Where(a => a.Oidc is not null)
        .GroupBy(a => a.Realm, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Oidc!.Signing, StringComparer.Ordinal);

    private SigningAlgorithm AccessSigningOf(string realm) => _accessSigning.TryGetValue(realm, out var algorithm) ? algorithm : SigningAlgorithm.HS256;

    /// <summary>A family by its id (the session id, <c>sid</c>), or null when it is unknown or evicted.</summary>
    public TokenFamily? FamilyOf(string? id) => id is not null && _families.TryGetValue(id, out var family) ? family : null;

    public int FamilyCount => _families.Count;
    public int TokenCount => _tokens.Count;
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

    private (ClaimTemplate Access, ClaimTemplate Refresh) TemplatesOf(TokenPolicy policy) =>
        _realms.TryGetValue(policy.Realm, out var compiled) && ReferenceEquals(compiled.Policy, policy)
            ? (compiled.Access, compiled.Refresh)
            : (ClaimTemplate.Compile(policy.AccessClaims), ClaimTemplate.Compile(policy.RefreshClaims));

    public TokenPair StartSession(string realm, TestAccount account, string clientId, string tenant, string scope, int expShift = 0)
    {
        var policy = PolicyOf(realm);
        var now = clock.UnixSeconds;
        var family = new TokenFamily("s-" + faker.Opaque(20), realm, account, clientId, tenant, scope, now,
            policy.Session is { } session ? now + session.Seconds : null);
        _families[family.Id] = family;
        lock (family) return IssuePair(family, policy, now, renewRefresh: true, capBySession: true, expShift: expShift);
    }

    public IssuedToken? Find(string? token) =>
        minter.TryKeyOf(token, out var key) && _tokens.TryGetValue(key, out var issued)
            ? new IssuedToken(issued.Family, issued.Kind, issued.Generation, issued.ExpiresAt)
            : null;

    /// <summary>Issues the next pair of a family. The caller holds the family's lock.</summary>
    public TokenPair IssuePair(TokenFamily family, TokenPolicy policy, long now, bool renewRefresh, bool capBySession, int expShift = 0)
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
        var access = minter.Mint(accessClaims, family, TokenKind.Access, jti, now, accessExp + expShift, out var accessKey, AccessSigningOf(family.Realm));
        var refresh = minter.Mint(refreshClaims, family, TokenKind.Refresh, jti, now, family.RefreshExpiresAt + expShift, out var refreshKey);
        Remember(family, accessKey, TokenKind.Access, accessExp);
        Remember(family, refreshKey, TokenKind.Refresh, family.RefreshExpiresAt);
        return new TokenPair(access, refresh, now, accessExp, family.RefreshExpiresAt, family);
    }

    /// <summary>Keeps a refresh token that was not rotated valid for the family's newest generation. The caller holds the family's lock.</summary>
    public void KeepCurrent(TokenFamily family, string refreshToken, long expiresAt)
    {
        if (minter.TryKeyOf(refreshToken, out var key))
            _tokens[key] = new Remembered(family, TokenKind.Refresh, family.Generation, expiresAt);
    }

    public void Revoke(TokenFamily family, string reason)
    {
        family.Revoked = true;
        family.RevokedBecause = reason;
    }

    public void Clear()
    {
        _tokens.Clear();
        _families.Clear();
        Interlocked.Exchange(ref _lastSweep, 0);
    }

    /// <summary>Evicts expired families and forgotten generations; cheap to call on every request.</summary>
    public void MaybeSweep()
    {
        var now = clock.UnixSeconds;
        if (!evictExpired || now - Interlocked.Read(ref _lastSweep) < SweepEverySeconds || !_sweepGate.TryEnter()) return;
        try
        {
            Interlocked.Exchange(ref _lastSweep, now);
            foreach (var family in _families.Values)
            {
                lock (family)
                {
                    // Kept a while after it ends, so its tokens are refused as expired (or revoked), not as unknown.
                    if (!family.IsOver(now - RetainEndedSeconds)) continue;
                    foreach (var signature in family.Signatures) _tokens.TryRemove(signature, out _);
                    family.Signatures.Clear();
                    _families.TryRemove(family.Id, out _);
                }
            }
        }
        finally
        {
            _sweepGate.Exit();
        }
    }

    private void Remember(TokenFamily family, SignatureKey signature, TokenKind kind, long expiresAt)
    {
        _tokens[signature] = new Remembered(family, kind, family.Generation, expiresAt);
        family.Signatures.Add(signature);
        // Two signatures a generation; drop the oldest beyond the remembered window.
        var excess = family.Signatures.Count - 2 * RememberedGenerations;
        if (excess <= 0) return;
        for (var i = 0; i < excess; i++) _tokens.TryRemove(family.Signatures[i], out _);
        family.Signatures.RemoveRange(0, excess);
    }

    /// <summary>What is remembered of an issued token, kept inline in the map (see <see cref="IssuedToken"/>).</summary>
    private readonly record struct Remembered(TokenFamily Family, TokenKind Kind, int Generation, long ExpiresAt);
}
