using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Harness.MockServer.Hosting;
using Harness.MockServer.Tokens;
using Harness.MockServer.World;
using Harness.Scenarios.Model;
using Microsoft.Extensions.Primitives;

namespace Harness.MockServer.Oidc;

/// <summary>
/// The OpenID Connect endpoints of every realm whose contract declares an <c>oidc:</c> surface: discovery, certs,
/// authorization (code flow, PKCE S256 required, automatic login), userinfo and end-session. The token endpoint is
/// the contract's own operation (the code grant is <see cref="CodeGrant"/>). Each request is journalled as
/// <c>{api}.oidc-{endpoint}</c>; bad input gets the RFC 6749 / OIDC error answer, never a 500.
/// </summary>
internal static class OidcEndpoints
{
    private static readonly string[] GetAndPost = ["GET", "POST"];

    public static void MapOidc(this IEndpointRouteBuilder app, MockState state)
    {
        foreach (var realm in OidcRealm.Of(state.Contracts))
        {
            var endpoints = realm.Surface.Endpoints;
            Map(app, state, realm, endpoints.Discovery, "discovery", ["GET"], Discovery);
            Map(app, state, realm, endpoints.Certs, "certs", ["GET"], (_, s, _, _) => Task.FromResult((200, (JsonNode?)s.Minter.Jwks())));
            Map(app, state, realm, endpoints.Authorization, "authorization", GetAndPost, Authorization);
            Map(app, state, realm, endpoints.UserInfo, "userinfo", GetAndPost, UserInfo);
            Map(app, state, realm, endpoints.Logout, "logout", GetAndPost, Logout);
        }
    }

    /// <summary>An endpoint's work: either a JSON body (status, body) or, when it wrote the answer itself, a null body.</summary>
    private delegate Task<(int Status, JsonNode? Body)> Handler(HttpContext context, MockState state, OidcRealm realm, Parameters parameters);

    private static void Map(IEndpointRouteBuilder app, MockState state, OidcRealm realm, string relative, string name, string[] methods, Handler handler) =>
        app.MapMethods(realm.Path(relative), methods, async context =>
        {
            var started = Stopwatch.GetTimestamp();
            var parameters = await Parameters.ReadAsync(context.Request);
            var (status, body) = await handler(context, state, realm, parameters);
            var text = body is null ? context.Response.Headers.Location.ToString() : (await OidcAnswers.JsonAsync(context, status, body, noStore: status != 200 || name != "discovery")).Item2;
            state.Journal.Record(state.Clock.GetUtcNow(), context.Request, parameters.Raw, $"{realm.Api.Id}.oidc-{name}", status,
                body?["error"]?.GetValue<string>() ?? (status < 400 ? "success" : null), null, Stopwatch.GetElapsedTime(started).TotalMilliseconds, text);
        });

    private static Task<(int, JsonNode?)> Discovery(HttpContext context, MockState state, OidcRealm realm, Parameters parameters)
    {
        var request = context.Request;
        var endpoints = realm.Surface.Endpoints;
        var scopes = state.World.User.Scope.Split(' ');
        JsonNode document = new JsonObject
        {
            ["issuer"] = realm.Issuer(request),
            ["authorization_endpoint"] = realm.Url(request, endpoints.Authorization),
            ["token_endpoint"] = realm.Url(request, endpoints.Token),
            ["userinfo_endpoint"] = realm.Url(request, endpoints.UserInfo),
            ["end_session_endpoint"] = realm.Url(request, endpoints.Logout),
            ["jwks_uri"] = realm.Url(request, endpoints.Certs),
            ["response_types_supported"] = new JsonArray("code"),
            ["response_modes_supported"] = new JsonArray("query", "fragment"),
            ["grant_types_supported"] = new JsonArray("authorization_code", "refresh_token", "password"),
            ["subject_types_supported"] = new JsonArray("public"),
            ["id_token_signing_alg_values_supported"] = new JsonArray(realm.Surface.Signing.ToString()),
            ["code_challenge_methods_supported"] = new JsonArray("S256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("none"),
            ["scopes_supported"] = new JsonArray([.. scopes.Select(s => (JsonNode)s)]),
            ["claims_supported"] = new JsonArray([.. realm.Surface.IdClaims.Keys.Concat(["iss", "aud", "exp", "iat", "auth_time", "nonce"]).Distinct().Select(c => (JsonNode)c)]),
        };
        return Task.FromResult((200, (JsonNode?)document));
    }

    private static async Task<(int, JsonNode?)> Authorization(HttpContext context, MockState state, OidcRealm realm, Parameters p)
    {
        if (p.Repeated is { } repeated) return (400, OidcAnswers.Error("invalid_request", $"parameter '{repeated}' is repeated (RFC 6749 §3.1)"));
        var clientId = p["client_id"];
        if (clientId is null) return (400, OidcAnswers.Error("invalid_request", "missing client_id"));
        if (state.World.FindClient(clientId) is null) return (400, OidcAnswers.Error("invalid_client", "unknown client_id"));
        var redirectUri = p["redirect_uri"];
        // inferred: the mock registers every absolute http(s) redirect URI (a development realm's "*"); a missing or
        // malformed one cannot be redirected to, so the error is shown here (RFC 6749 §4.1.2.1).
        if (redirectUri is null || !Uri.TryCreate(redirectUri, UriKind.Absolute, out var redirect) || redirect.Scheme is not ("http" or "https") || redirectUri.Contains('#'))
            return (400, OidcAnswers.Error("invalid_request", "missing or invalid redirect_uri"));

        var fragment = p["response_mode"] == "fragment";
        var stateParam = p["state"];
        var issuer = realm.Issuer(context.Request);
        (int, JsonNode?) Fail(string error, string description)
        {
            OidcAnswers.Redirect(context, redirectUri, [new("error", error), new("error_description", description), new("state", stateParam), new("iss", issuer)], fragment);
            return (302, null);
        }

        if (p["response_mode"] is { } mode && mode is not ("query" or "fragment")) return Fail("invalid_request", "response_mode must be query or fragment");
        if (p["response_type"] != "code") return Fail("unsupported_response_type", "only the code flow is supported (response_type=code)");
        var challenge = p["code_challenge"];
        if (challenge is null) return Fail("invalid_request", "PKCE is required: missing code_challenge");
        if (p["code_challenge_method"] != "S256") return Fail("invalid_request", "PKCE: code_challenge_method must be S256");
        if (challenge.Length != 43 || !challenge.All(IsBase64Url)) return Fail("invalid_request", "PKCE: code_challenge must be the base64url SHA-256 of the verifier (43 characters)");
        var scope = p["scope"] ?? "openid";
        if (!ScopeSet.IsSubset(scope, state.World.User.Scope)) return Fail("invalid_scope", "the scope asks for more than the realm grants");

        TestAccount? account;
        if (p["prompt"] == "login" || p.Has("username"))
        {
            // The minimal login page: shown when the client asks for a login, and answered by its own form.
            if (!p.Has("username")) return (await LoginPageAsync(context, p, null), null);
            account = state.World.FindByUsername(p["username"]);
            if (account is null || account.Identity.Password != p["password"])
                return (await LoginPageAsync(context, p, "Invalid username or password."), null);
        }
        else account = realm.LoginAccount(state.World);
        if (account is null) return Fail("login_required", "the realm's login user is not an account of the mock");
        if (account.Suspended) return Fail("access_denied", "the account is suspended");

        var now = state.Clock.UnixSeconds;
        var code = state.Faker.Opaque(40);
        state.AuthorizationCodes.Add(code, new AuthorizationGrant(realm.Api.Realm, account, clientId, redirectUri, challenge, p["nonce"], scope, now, now + realm.Surface.CodeLifetimeSeconds));
        OidcAnswers.Redirect(context, redirectUri, [new("state", stateParam), new("session_state", state.Faker.Uuid().ToString()), new("iss", issuer), new("code", code)], fragment);
        return (302, null);
    }

    private static async Task<int> LoginPageAsync(HttpContext context, Parameters p, string? problem)
    {
        var hidden = new StringBuilder();
        foreach (var (name, value) in p.All.Where(kv => kv.Key is not ("username" or "password" or "prompt")))
            hidden.Append($"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(name)}\" value=\"{WebUtility.HtmlEncode(value)}\">");
        var html = $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Log in — mock realm</title></head>
            <body><h1>Log in</h1>{(problem is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(problem)}</p>")}
            <form method="post" action="{WebUtility.HtmlEncode(context.Request.Path)}">{hidden}
            <label>Username <input name="username" autocomplete="username"></label>
            <label>Password <input name="password" type="password" autocomplete="current-password"></label>
            <button type="submit">Log in</button></form></body></html>
            """;
        var status = problem is null ? 200 : 401;
        await OidcAnswers.HtmlAsync(context, status, html);
        return status;
    }

    private static Task<(int, JsonNode?)> UserInfo(HttpContext context, MockState state, OidcRealm realm, Parameters p)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : p["access_token"];
        var issued = state.Tokens.Find(token);
        var now = state.Clock.UnixSeconds;
        if (token is null || issued is null || issued.Kind != TokenKind.Access || issued.Family.Revoked || now >= issued.ExpiresAt || issued.Family.Realm != realm.Api.Realm)
        {
            // RFC 6750 §3.1: the resource server says why in WWW-Authenticate.
            var error = token is null ? "invalid_request" : "invalid_token";
            context.Response.Headers.WWWAuthenticate = token is null ? "Bearer realm=\"" + realm.Api.Realm + "\"" : $"Bearer realm=\"{realm.Api.Realm}\", error=\"{error}\"";
            return Task.FromResult((401, (JsonNode?)OidcAnswers.Error(error, token is null ? "missing access token" : "the access token is unknown, expired or revoked")));
        }
        var claims = OidcRealm.Claims(realm.UserInfoClaims, issued.Family, TokenKind.Access, "", now, issued.ExpiresAt);
        return Task.FromResult((200, (JsonNode?)claims));
    }

    private static Task<(int, JsonNode?)> Logout(HttpContext context, MockState state, OidcRealm realm, Parameters p)
    {
        if (p.Repeated is { } repeated) return Task.FromResult((400, (JsonNode?)OidcAnswers.Error("invalid_request", $"parameter '{repeated}' is repeated")));
        TokenFamily? family = null;
        if (p["refresh_token"] is { } refresh)
        {
            // Keycloak's adapter logout: a form with client_id and the refresh token, answered 204.
            var issued = state.Tokens.Find(refresh);
            if (issued is null || issued.Kind != TokenKind.Refresh) return Task.FromResult((400, (JsonNode?)OidcAnswers.Error("invalid_grant", "unknown refresh token")));
            if (p["client_id"] is { } client && client != issued.Family.ClientId) return Task.FromResult((400, (JsonNode?)OidcAnswers.Error("invalid_grant", "the refresh token was issued to another client")));
            End(state, issued.Family);
            context.Response.StatusCode = 204;
            return Task.FromResult((204, (JsonNode?)null));
        }
        if (p["id_token_hint"] is { } hint)
        {
            if (!state.Minter.VerifiesRs256(hint)) return Task.FromResult((400, (JsonNode?)OidcAnswers.Error("invalid_request", "id_token_hint is not an ID token of this realm")));
            family = state.Tokens.FamilyOf(SessionOf(hint));
        }
        if (family is not null) End(state, family);
        if (p["post_logout_redirect_uri"] is { } after)
        {
            if (!Uri.TryCreate(after, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
                return Task.FromResult((400, (JsonNode?)OidcAnswers.Error("invalid_request", "invalid post_logout_redirect_uri")));
            if (p["id_token_hint"] is null && p["client_id"] is null)
                return Task.FromResult((400, (JsonNode?)OidcAnswers.Error("invalid_request", "post_logout_redirect_uri needs id_token_hint or client_id (OpenID Connect RP-Initiated Logout §2)")));
            OidcAnswers.Redirect(context, after, [new("state", p["state"])], fragment: false);
            return Task.FromResult((302, (JsonNode?)null));
        }
        return Task.FromResult((200, (JsonNode?)new JsonObject { ["logged_out"] = family is not null }));
    }

    private static void End(MockState state, TokenFamily family)
    {
        lock (family) state.Tokens.Revoke(family, "logout");
    }

    /// <summary>The <c>sid</c> of a verified ID token.</summary>
    private static string? SessionOf(string idToken)
    {
        var payload = idToken.Split('.')[1];
        try
        {
            return JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(payload))?["sid"]?.GetValue<string>();
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static bool IsBase64Url(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    /// <summary>The S256 code challenge of a verifier (RFC 7636 §4.2).</summary>
    public static string ChallengeOf(string verifier) =>
        System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>The parameters of a request: its query, and its form when it posts one. A repeated one is named.</summary>
    private sealed class Parameters
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

        public string? Repeated { get; private set; }
        public string Raw { get; private set; } = "";
        public IEnumerable<KeyValuePair<string, string>> All => _values;
        public string? this[string name] => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        public bool Has(string name) => _values.ContainsKey(name);

        public static async Task<Parameters> ReadAsync(HttpRequest request)
        {
            var parameters = new Parameters();
            foreach (var (name, values) in request.Query) parameters.Add(name, values);
            if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
            {
                try
                {
                    var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
                    foreach (var (name, values) in form) parameters.Add(name, values);
                    parameters.Raw = string.Join('&', form.Select(f => f.Key + "=" + f.Value));
                }
                catch (InvalidDataException)
                {
                    parameters.Repeated ??= "(body)";
                }
            }
            return parameters;
        }

        private void Add(string name, StringValues values)
        {
            if (values.Count != 1 || _values.ContainsKey(name)) Repeated ??= name;
            _values[name] = values.ToString();
        }
    }
}
