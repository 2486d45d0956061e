using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace Harness.MockServer.Tests;

/// <summary>
/// The keycloak realm's OpenID Connect surface (issue 14): discovery, certs, the code flow with PKCE, the code grant
/// starting the family the contract's refresh operation rotates, userinfo, logout, and the error answers of bad input.
/// </summary>
[TestFixtureSource(typeof(MockHosts), nameof(MockHosts.All))]
[Parallelizable(ParallelScope.Self)]
public sealed class OidcTests(MockHost host) : SharedMockFixture(host)
{
    private const string Realm = "auth/realms/apiax";
    private const string Redirect = "http://app.example/callback";
    private const string Verifier = "a-pkce-verifier-of-enough-length-0123456789abcdef";

    private static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private string AuthorizePath(string? clientId = null, string redirect = Redirect, string? challenge = null, string? method = "S256",
        string responseType = "code", string? prompt = null, string? responseMode = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = clientId ?? Mock.Target["client-id"], ["redirect_uri"] = redirect, ["response_type"] = responseType,
            ["scope"] = "openid", ["state"] = "st-1", ["nonce"] = "n-1", ["code_challenge"] = challenge ?? Challenge(Verifier),
            ["code_challenge_method"] = method, ["prompt"] = prompt, ["response_mode"] = responseMode,
        };
        return QueryHelpers.AddQueryString($"{Realm}/protocol/openid-connect/auth", query.Where(q => q.Value is not null)!);
    }

    private static Dictionary<string, string> Parameters(Reply reply)
    {
        reply.Status.Should().Be(302, "{0}", reply);
        var location = reply.Headers.Location!.ToString();
        var split = location.IndexOfAny(['?', '#']);
        return QueryHelpers.ParseQuery(location[split..].TrimStart('#')).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    private async Task<string> CodeAsync() => Parameters(await Mock.GetAsync(AuthorizePath()))["code"];

    private Task<Reply> RedeemAsync(string code, string? verifier = Verifier, string redirect = Redirect, string? clientId = null)
    {
        var fields = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirect, ["client_id"] = clientId ?? Mock.Target["client-id"] };
        if (verifier is not null) fields["code_verifier"] = verifier;
        return Mock.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Realm}/protocol/openid-connect/token") { Content = new FormUrlEncodedContent(fields) });
    }

    private async Task<Reply> LoginAsync()
    {
        var reply = await RedeemAsync(await CodeAsync());
        reply.Status.Should().Be(200, "{0}", reply);
        return reply;
    }

    [Test]
    public async Task Discovery_NamesTheRealmsEndpoints()
    {
        var reply = await Mock.GetAsync($"{Realm}/.well-known/openid-configuration");

        reply.Status.Should().Be(200, "{0}", reply);
        var issuer = Mock.BaseAddress + Realm;
        reply.Text("issuer").Should().Be(issuer);
        reply.Text("authorization_endpoint").Should().Be(issuer + "/protocol/openid-connect/auth");
        reply.Text("token_endpoint").Should().Be(issuer + "/protocol/openid-connect/token");
        reply.Text("jwks_uri").Should().Be(issuer + "/protocol/openid-connect/certs");
        reply.Text("userinfo_endpoint").Should().Be(issuer + "/protocol/openid-connect/userinfo");
        reply.Text("end_session_endpoint").Should().Be(issuer + "/protocol/openid-connect/logout");
        reply.Json!["code_challenge_methods_supported"]!.AsArray().Select(m => m!.GetValue<string>()).Should().Equal("S256");
        reply.Json!["id_token_signing_alg_values_supported"]!.AsArray().Select(m => m!.GetValue<string>()).Should().Equal("RS256");
    }

    [Test]
    public async Task Certs_AreAnRs256AndAnEs256PublicKey_WithoutPrivateMaterial()
    {
        var certs = await Mock.GetAsync($"{Realm}/protocol/openid-connect/certs");

        certs.Status.Should().Be(200, "{0}", certs);
        certs.Body.Should().Be((await Mock.GetAsync("__harness/keys")).Body);
        var keys = certs.Json!["keys"]!.AsArray().Select(k => k!.AsObject()).ToList();
        keys.Select(k => (k["kty"]!.GetValue<string>(), k["alg"]!.GetValue<string>())).Should().Equal(("RSA", "RS256"), ("EC", "ES256"));
        keys.Select(k => k["kid"]!.GetValue<string>()).Should().OnlyHaveUniqueItems().And.OnlyContain(kid => kid.Length > 0);
        // No private or symmetric member of any key type (RFC 7518 §6.2.2, §6.3.2, §6.4.1).
        keys.Should().OnlyContain(k => new[] { "d", "p", "q", "dp", "dq", "qi", "oth", "k" }.All(member => !k.ContainsKey(member)));
        var ec = keys[1];
        ec["crv"]!.GetValue<string>().Should().Be("P-256");
        using var point = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(ec["x"]!.GetValue<string>()), Y = Base64UrlEncoder.DecodeBytes(ec["y"]!.GetValue<string>()) },
        }); // the platform refuses a point that is not on the curve
        point.KeySize.Should().Be(256);
    }

    [Test]
    public async Task Login_AccessAndRefreshTokens_NameTheRealmAsIssuer_AndTheirAudiences()
    {
        var login = await LoginAsync();
        var refreshed = await Mock.KeycloakRefreshAsync(login.Text("refresh_token")!);
        var issuer = Mock.BaseAddress + Realm;

        foreach (var reply in new[] { login, refreshed })
        {
            var access = Jwt.Payload(reply.Text("access_token")!);
            var refresh = Jwt.Payload(reply.Text("refresh_token")!);
            access["iss"]!.GetValue<string>().Should().Be(issuer, "the realm URL, as discovery's issuer");
            access["aud"]!.GetValue<string>().Should().Be("account");
            access["azp"]!.GetValue<string>().Should().Be(Mock.Target["client-id"]);
            access["sid"]!.GetValue<string>().Should().Be(login.Text("session_state"));
            refresh["iss"]!.GetValue<string>().Should().Be(issuer);
            refresh["aud"]!.GetValue<string>().Should().Be(issuer, "a Keycloak refresh token is addressed to the realm itself");
            refresh["iat"]!.GetValue<long>().Should().BeLessThanOrEqualTo(refresh["exp"]!.GetValue<long>());
        }
    }

    [Test]
    public async Task PasswordGrant_AccessToken_NamesTheRealmAsReachedAsIssuer()
    {
        var reply = await Mock.IssueAsync();

        reply.Status.Should().Be(200, "{0}", reply);
        Jwt.Payload(reply.Text("access_token")!)["iss"]!.GetValue<string>().Should().Be(Mock.BaseAddress + Realm);
    }

    [Test]
    public async Task Login_CodeFlowWithPkce_IssuesRs256TokensWithTheProtocolClaims()
    {
        var authorize = Parameters(await Mock.GetAsync(AuthorizePath()));
        authorize["state"].Should().Be("st-1");
        authorize["iss"].Should().Be(Mock.BaseAddress + Realm);
        authorize.Should().ContainKey("session_state");

        var reply = await RedeemAsync(authorize["code"]);

        reply.Status.Should().Be(200, "{0}", reply);
        reply.Header("Cache-Control").Should().Contain("no-store");
        var keys = Jwt.Keys((await Mock.GetAsync($"{Realm}/protocol/openid-connect/certs")).Json!);
        var id = reply.Text("id_token")!;
        foreach (var token in new[] { reply.Text("access_token")!, id })
        {
            Jwt.Read(token).Alg.Should().Be("RS256");
            (await Jwt.VerifyAsync(token, keys)).IsValid.Should().BeTrue(Jwt.Describe(token));
        }
        var claims = Jwt.Payload(id);
        claims["iss"]!.GetValue<string>().Should().Be(Mock.BaseAddress + Realm);
        claims["aud"]!.GetValue<string>().Should().Be(Mock.Target["client-id"]);
        claims["azp"]!.GetValue<string>().Should().Be(Mock.Target["client-id"]);
        claims["nonce"]!.GetValue<string>().Should().Be("n-1");
        claims["typ"]!.GetValue<string>().Should().Be("ID");
        claims["sid"]!.GetValue<string>().Should().Be(reply.Text("session_state"));
        claims["sub"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        claims["exp"]!.GetValue<long>().Should().Be(claims["iat"]!.GetValue<long>() + 1800);
        Jwt.Payload(reply.Text("access_token")!)["sid"]!.GetValue<string>().Should().Be(reply.Text("session_state"));
    }

    [Test]
    public async Task Login_ThenTheContractsRefresh_RotatesTheSameFamily()
    {
        var login = await LoginAsync();

        var refreshed = await Mock.KeycloakRefreshAsync(login.Text("refresh_token")!);
        var reused = await Mock.KeycloakRefreshAsync(login.Text("refresh_token")!);

        refreshed.Status.Should().Be(200, "{0}", refreshed);
        refreshed.Text("session_state").Should().Be(login.Text("session_state"));
        Jwt.Read(refreshed.Text("access_token")!).Alg.Should().Be("RS256");
        reused.Status.Should().Be(400, "{0}", reused);
        reused.Text("error").Should().Be("invalid_grant");
        var journal = (await Mock.JournalAsync()).Json!.ToJsonString();
        journal.Should().Contain("keycloak-refresh.oidc-code-grant").And.Contain("keycloak-refresh.refresh");
    }

    [Test]
    public async Task UserInfo_ValidAccessToken_AnswersTheClaims_ExpiredOneIsRefused()
    {
        var login = await LoginAsync();
        HttpRequestMessage Request() => new(HttpMethod.Get, $"{Realm}/protocol/openid-connect/userinfo") { Headers = { { "Authorization", "Bearer " + login.Text("access_token") } } };

        var ok = await Mock.SendAsync(Request());
        await Mock.AdvanceAsync(1800);
        var expired = await Mock.SendAsync(Request());
        var none = await Mock.GetAsync($"{Realm}/protocol/openid-connect/userinfo");

        ok.Status.Should().Be(200, "{0}", ok);
        ok.Text("sub").Should().Be(Jwt.Payload(login.Text("id_token")!)["sub"]!.GetValue<string>());
        expired.Status.Should().Be(401, "{0}", expired);
        expired.Text("error").Should().Be("invalid_token");
        expired.Header("WWW-Authenticate").Should().Contain("invalid_token");
        none.Status.Should().Be(401, "{0}", none);
    }

    [TestCase("payload", TestName = "UserInfo_AccessTokenWithAnotherPayload_IsRefused")]
    [TestCase("signature", TestName = "UserInfo_AccessTokenWithAnotherSignature_IsRefused")]
    public async Task UserInfo_AlteredAccessToken_IsRefused(string altered)
    {
        var login = await LoginAsync();
        var token = login.Text("access_token")!;
        var parts = token.Split('.');
        var payload = Jwt.Payload(token);
        payload["sub"] = "someone-else";
        // The store finds a token only when it is, byte for byte, one the mock signed: the signed part and the RSA signature.
        var forged = altered == "payload" ? parts[0] + "." + Base64UrlEncoder.Encode(payload.ToJsonString()) + "." + parts[2] : Jwt.Tamper(token);

        var reply = await Mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{Realm}/protocol/openid-connect/userinfo") { Headers = { { "Authorization", "Bearer " + forged } } });

        reply.Status.Should().Be(401, "{0}", reply);
        reply.Text("error").Should().Be("invalid_token");
    }

    [Test]
    public async Task Logout_IdTokenHint_RedirectsAndRevokesTheFamily()
    {
        var login = await LoginAsync();

        var logout = await Mock.GetAsync(QueryHelpers.AddQueryString($"{Realm}/protocol/openid-connect/logout",
            new Dictionary<string, string?> { ["id_token_hint"] = login.Text("id_token"), ["post_logout_redirect_uri"] = "http://app.example/bye", ["state"] = "s-9" }));
        var refresh = await Mock.KeycloakRefreshAsync(login.Text("refresh_token")!);

        logout.Status.Should().Be(302, "{0}", logout);
        logout.Headers.Location!.ToString().Should().Be("http://app.example/bye?state=s-9");
        refresh.Status.Should().Be(400, "{0}", refresh);
        refresh.Text("error").Should().Be("invalid_grant");
    }

    [Test]
    public async Task Logout_RefreshTokenForm_Answers204AndRevokesTheFamily()
    {
        var login = await LoginAsync();

        var logout = await Mock.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Realm}/protocol/openid-connect/logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = Mock.Target["client-id"], ["refresh_token"] = login.Text("refresh_token")! }),
        });
        var refresh = await Mock.KeycloakRefreshAsync(login.Text("refresh_token")!);

        logout.Status.Should().Be(204, "{0}", logout);
        refresh.Status.Should().Be(400, "{0}", refresh);
    }

    [Test]
    public async Task Authorize_PromptLogin_ShowsALoginPageWhoseFormLogsIn()
    {
        var page = await Mock.GetAsync(AuthorizePath(prompt: "login"));
        page.Status.Should().Be(200, "{0}", page);
        page.MediaType.Should().Be("text/html");
        page.Body.Should().Contain("name=\"username\"").And.Contain("name=\"code_challenge\"");

        HttpRequestMessage Post(string password) => new(HttpMethod.Post, $"{Realm}/protocol/openid-connect/auth")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = Mock.Target["client-id"], ["redirect_uri"] = Redirect, ["response_type"] = "code", ["state"] = "st-1",
                ["code_challenge"] = Challenge(Verifier), ["code_challenge_method"] = "S256", ["username"] = Mock.Target["username"], ["password"] = password,
            }),
        };
        var wrong = await Mock.SendAsync(Post("not-the-password"));
        var right = await Mock.SendAsync(Post(Mock.Target["password"]));

        wrong.Status.Should().Be(401, "{0}", wrong);
        (await RedeemAsync(Parameters(right)["code"])).Status.Should().Be(200);
    }

    [Test]
    public async Task Authorize_FragmentMode_PutsTheCodeInTheFragment()
    {
        var reply = await Mock.GetAsync(AuthorizePath(responseMode: "fragment"));

        reply.Headers.Location!.ToString().Should().StartWith(Redirect + "#state=st-1&");
        (await RedeemAsync(Parameters(reply)["code"])).Status.Should().Be(200);
    }

    // Bad input at the token endpoint: RFC 6749 §5.2 / RFC 7636 §4.6 answers.
    [Test]
    public async Task CodeGrant_WrongRedirectUri_Answers400InvalidGrant() =>
        await ShouldFail(await RedeemAsync(await CodeAsync(), redirect: "http://app.example/other"), 400, "invalid_grant");

    [Test]
    public async Task CodeGrant_MissingVerifier_Answers400InvalidGrant() =>
        await ShouldFail(await RedeemAsync(await CodeAsync(), verifier: null), 400, "invalid_grant");

    [Test]
    public async Task CodeGrant_WrongVerifier_Answers400InvalidGrant() =>
        await ShouldFail(await RedeemAsync(await CodeAsync(), verifier: Verifier + "x"), 400, "invalid_grant");

    [Test]
    public async Task CodeGrant_UnknownClient_Answers401InvalidClient() =>
        await ShouldFail(await RedeemAsync(await CodeAsync(), clientId: "no-such-client"), 401, "invalid_client");

    [Test]
    public async Task CodeGrant_OtherKnownClient_Answers400InvalidGrant() =>
        await ShouldFail(await RedeemAsync(await CodeAsync(), clientId: Mock.Target["second-client-id"]), 400, "invalid_grant");

    [Test]
    public async Task CodeGrant_UnknownCode_Answers400InvalidGrant() =>
        await ShouldFail(await RedeemAsync("not-a-code"), 400, "invalid_grant");

    [Test]
    public async Task CodeGrant_ExpiredCode_Answers400InvalidGrant()
    {
        var code = await CodeAsync();
        await Mock.AdvanceAsync(60);
        await ShouldFail(await RedeemAsync(code), 400, "invalid_grant");
    }

    [Test]
    public async Task CodeGrant_ReusedCode_Answers400InvalidGrantAndRevokesWhatTheCodeIssued()
    {
        var code = await CodeAsync();
        var first = await RedeemAsync(code);
        first.Status.Should().Be(200, "{0}", first);

        await ShouldFail(await RedeemAsync(code), 400, "invalid_grant");
        (await Mock.KeycloakRefreshAsync(first.Text("refresh_token")!)).Status.Should().Be(400, "a reused code revokes the tokens it issued (RFC 6749 §4.1.2)");
    }

    // Bad input at the authorization endpoint: shown (no redirect) when the client or redirect URI is wrong, else redirected.
    [Test]
    public async Task Authorize_UnknownClient_Answers400InvalidClientWithoutRedirecting() =>
        await ShouldFail(await Mock.GetAsync(AuthorizePath(clientId: "no-such-client")), 400, "invalid_client");

    [Test]
    public async Task Authorize_MalformedRedirectUri_Answers400InvalidRequestWithoutRedirecting() =>
        await ShouldFail(await Mock.GetAsync(AuthorizePath(redirect: "not a uri")), 400, "invalid_request");

    [TestCase(null, "S256", "code", "invalid_request", TestName = "Authorize_NoCodeChallenge_RedirectsInvalidRequest")]
    [TestCase("x", "plain", "code", "invalid_request", TestName = "Authorize_PlainChallengeMethod_RedirectsInvalidRequest")]
    [TestCase("x", "S256", "token", "unsupported_response_type", TestName = "Authorize_ImplicitFlow_RedirectsUnsupportedResponseType")]
    public async Task Authorize_BadRequest_RedirectsTheError(string? challenge, string method, string responseType, string error)
    {
        var path = AuthorizePath(method: method, responseType: responseType, challenge: challenge == "x" ? null : "");
        if (challenge is null) path = path.Replace("code_challenge=&", "", StringComparison.Ordinal);

        var reply = Parameters(await Mock.GetAsync(path));

        reply["error"].Should().Be(error);
        reply["state"].Should().Be("st-1");
        reply.Should().NotContainKey("code");
    }

    private static Task ShouldFail(Reply reply, int status, string error)
    {
        reply.Status.Should().Be(status, "{0}", reply);
        reply.Text("error").Should().Be(error, "{0}", reply);
        reply.Text("error_description").Should().NotBeNullOrEmpty();
        return Task.CompletedTask;
    }
}
