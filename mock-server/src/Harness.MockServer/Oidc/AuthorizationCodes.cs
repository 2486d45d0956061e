using System.Collections.Concurrent;
using Harness.MockServer.Tokens;
using Harness.MockServer.World;

namespace Harness.MockServer.Oidc;

/// <summary>What the authorization endpoint promised the client, kept until the code is redeemed (RFC 6749 §4.1.2, RFC 7636 §4.4).</summary>
internal sealed record AuthorizationGrant(
    string Realm, TestAccount Account, string ClientId, string RedirectUri, string CodeChallenge, string? Nonce, string Scope,
    long AuthTime, long ExpiresAt)
{
    /// <summary>The family the code started, once redeemed: a second redemption revokes it (RFC 6749 §4.1.2).</summary>
    public TokenFamily? Started { get; set; }
}

/// <summary>The authorization codes of a run: each redeemed at most once, and remembered after that so a reuse is recognised.</summary>
internal sealed class AuthorizationCodes
{
    private readonly ConcurrentDictionary<string, AuthorizationGrant> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AuthorizationGrant> _redeemed = new(StringComparer.Ordinal);

    public void Add(string code, AuthorizationGrant grant) => _open[code] = grant;

    /// <summary>Takes an open code out (single use); null when it is unknown or was taken already (<paramref name="reused"/> then says which).</summary>
    public AuthorizationGrant? Redeem(string code, out AuthorizationGrant? reused)
    {
        reused = null;
        if (_open.TryRemove(code, out var grant))
        {
            _redeemed[code] = grant;
            return grant;
        }
        _redeemed.TryGetValue(code, out reused);
        return null;
    }

    public void Clear()
    {
        _open.Clear();
        _redeemed.Clear();
    }
}
