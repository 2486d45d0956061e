using System.Diagnostics;
using System.Text.Json.Nodes;
using Harness.MockServer.Engine;
using Harness.MockServer.Hosting;
using Harness.MockServer.Requests;
using Harness.MockServer.Tokens;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Oidc;

/// <summary>
/// The <c>authorization_code</c> grant at an OIDC realm's token endpoint (RFC 6749 §4.1.3, RFC 7636 §4.6): the
/// code is single-use and bound to its client, redirect URI and PKCE verifier; it starts a token family and answers
/// the contract's issue body plus an ID token, so the refresh operation then rotates what the login issued.
/// </summary>
internal sealed class CodeGrant(MockState state, ResponseWriter writer)
{
    private readonly Dictionary<string, OidcRealm> _byTokenPath = OidcRealm.Of(state.Contracts)
        .GroupBy(r => r.Path(r.Surface.Endpoints.Token), StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The realm whose token endpoint this code grant request is at; null for every other request (the contract's operations serve those).</summary>
    private const string OverrideNoteKey = "harness-override-note";

    public OidcRealm? For(IncomingRequest request) =>
        _byTokenPath.Count > 0 && request.Form is { } form && form.TryGetValue("grant_type", out var grant) && grant == "authorization_code"
        && _byTokenPath.TryGetValue(request.Path.Length > 1 ? request.Path.TrimEnd('/') : request.Path, out var realm) ? realm : null;

    public async Task HandleAsync(HttpContext context, IncomingRequest request, OidcRealm realm)
    {
        var started = Stopwatch.GetTimestamp();
        var (status, text) = await AnswerAsync(context, request, realm);
        state.Journal.Record(state.Clock.GetUtcNow(), context.Request, request.RawBody, $"{realm.Api.Id}.oidc-code-grant", status,
            status == 200 ? "success" : JsonNode.Parse(text)?["error"]?.GetValue<string>(), context.Items[OverrideNoteKey] as string, Stopwatch.GetElapsedTime(started).TotalMilliseconds, text);
    }

    private async Task<(int, string)> AnswerAsync(HttpContext context, IncomingRequest request, OidcRealm realm)
    {
        if (request.Method != "POST") return await ErrorAsync(context, 405, "invalid_request", "the token endpoint takes POST");
        string? Single(string name) => request.Form!.TryGetValue(name, out var v) && v.Count == 1 && v[0]!.Length > 0 ? v[0] : null;
        foreach (var (name, values) in request.Form!)
            if (values.Count > 1) return await ErrorAsync(context, 400, "invalid_request", $"parameter '{name}' is repeated (RFC 6749 §3.2)");
        var clientId = Single("client_id");
        if (clientId is null) return await ErrorAsync(context, 400, "invalid_client", "missing client_id");
        if (state.World.FindClient(clientId) is null) return await ErrorAsync(context, 401, "invalid_client", "unknown client_id");
        var code = Single("code");
        if (code is null) return await ErrorAsync(context, 400, "invalid_request", "missing code");

        var grant = state.AuthorizationCodes.Redeem(code, out var reused);
        if (grant is null)
        {
            if (reused?.Started is { } family)
            {
                // RFC 6749 §4.1.2: a code used twice revokes what it issued.
                lock (family) state.Tokens.Revoke(family, "authorization code reused");
            }
            return await ErrorAsync(context, 400, "invalid_grant", reused is null ? "unknown authorization code" : "the authorization code was used already");
        }
        if (state.Clock.UnixSeconds >= grant.ExpiresAt) return await ErrorAsync(context, 400, "invalid_grant", "the authorization code has expired");
        if (grant.ClientId != clientId) return await ErrorAsync(context, 400, "invalid_grant", "the code was issued to another client");
        if (Single("redirect_uri") != grant.RedirectUri) return await ErrorAsync(context, 400, "invalid_grant", "redirect_uri differs from the authorization request's");
        var verifier = Single("code_verifier");
        if (verifier is null) return await ErrorAsync(context, 400, "invalid_grant", "PKCE: missing code_verifier");
        if (verifier.Length is < 43 or > 128 || OidcEndpoints.ChallengeOf(verifier) != grant.CodeChallenge)
            return await ErrorAsync(context, 400, "invalid_grant", "PKCE: the code_verifier does not match the code_challenge");

        var pair = state.Tokens.StartSession(grant.Realm, grant.Account, clientId, grant.Account.Identity.TenantId, grant.Scope, issuer: realm.Issuer(context.Request));
        grant.Started = pair.Family;
        var body = Body(realm, pair, grant);
        body["id_token"] = IdToken(context, realm, pair, grant);
        return await OidcAnswers.JsonAsync(context, 200, body, noStore: true);
    }

    /// <summary>The contract's issue answer for the new pair (its fields, as the refresh operation's answers them), or the RFC 6749 §5.1 minimum.</summary>
    private JsonObject Body(OidcRealm realm, TokenPair pair, AuthorizationGrant grant)
    {
        if (realm.Issue is { } issue)
        {
            var (_, rendered) = writer.Render(new TokenAnswer(issue, Outcomes.Success(issue), pair, grant.Scope, pair.IssuedAt), new DefaultHttpContext().Response);
            return JsonNode.Parse(rendered.Utf8)!.AsObject();
        }
        return new JsonObject
        {
            ["access_token"] = pair.AccessToken, ["token_type"] = "Bearer", ["expires_in"] = pair.AccessExpiresAt - pair.IssuedAt,
            ["refresh_token"] = pair.RefreshToken, ["scope"] = grant.Scope,
        };
    }

    /// <summary>The ID token: the contract's claim template, plus the protocol claims OpenID Connect Core §2 defines.</summary>
    private string IdToken(HttpContext context, OidcRealm realm, TokenPair pair, AuthorizationGrant grant)
    {
        var claims = OidcRealm.Claims(realm.IdClaims, pair.Family, TokenKind.Access, state.Faker.TokenId(), pair.IssuedAt, pair.AccessExpiresAt);
        claims["iss"] = realm.Issuer(context.Request);
        claims["aud"] = grant.ClientId;
        claims["iat"] = pair.IssuedAt;
        claims["exp"] = pair.AccessExpiresAt;
        claims["auth_time"] = grant.AuthTime;
        if (grant.Nonce is not null) claims["nonce"] = grant.Nonce;
        // A run-time claims override that changed the access token changes the ID token issued with it, last, so it can change any claim.
        if (pair.Overridden is { } patch)
        {
            foreach (var (name, value) in patch.Claims) claims[name] = value?.DeepClone();
            context.Items[OverrideNoteKey] = patch.Note;
        }
        return state.Minter.SignRs256(System.Text.Encoding.UTF8.GetBytes(claims.ToJsonString()));
    }

    private static Task<(int, string)> ErrorAsync(HttpContext context, int status, string error, string description) =>
        OidcAnswers.JsonAsync(context, status, OidcAnswers.Error(error, description), noStore: true);
}
