namespace Harness.MockServer.BrowserTests;

/// <summary>
/// Real OIDC libraries from npm, in a page on another origin, against the keycloak realm's OpenID Connect surface
/// (issue 14): log in with the code flow and PKCE, call userinfo with the access token, let the token expire by moving
/// the mock's clock, refresh through the contract's refresh operation, see a forced 400 invalid_grant end the
/// session, and log out. The control API is driven from here (a foreign page may not reach it).
/// </summary>
[TestFixtureSource(typeof(MockHosts), nameof(MockHosts.Hosts))]
[NonParallelizable]
public sealed class OidcLibraryTests(MockHost host) : BrowserFixture(host)
{
    private const string RealmPath = "/auth/realms/apiax";
    private SpaOrigin? _spa;

    [TearDown]
    public async Task StopSpa()
    {
        if (_spa is not null) await _spa.DisposeAsync();
        _spa = null;
    }

    private async Task<SpaOrigin> ServeAsync(string html)
    {
        var libraries = SpaOrigin.Libraries(RepositoryRoot());
        if (libraries is null) Assert.Ignore("mock-server/tests/spa/node_modules is missing: run .ci/setup");
        _spa = await SpaOrigin.ServeAsync(html.Replace("%MOCK%", MockOrigin, StringComparison.Ordinal)
            .Replace("%CLIENT%", Mock.TargetValues["client-id"], StringComparison.Ordinal), libraries!);
        return _spa;
    }

    private async Task PostControlAsync(string path, string json)
    {
        using var reply = await Http.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.That((int)reply.StatusCode, Is.EqualTo(200), $"POST {path}: {await reply.Content.ReadAsStringAsync()}");
    }

    /// <summary>The journal's entries for one operation, oldest first, as (status, condition, forced).</summary>
    private async Task<List<(int Status, string? Condition, string? Forced)>> JournalOfAsync(string operation)
    {
        var entries = await Http.GetFromJsonAsync<JsonElement>("__harness/journal?limit=500");
        return [.. entries.EnumerateArray().Reverse()
            .Where(e => e.GetProperty("operation").GetString() == operation)
            .Select(e => (e.GetProperty("status").GetInt32(), e.GetProperty("condition").GetString(), e.GetProperty("forced").GetString()))];
    }

    private const string OidcClientTsPage = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>spa with oidc-client-ts</title>
        <script src="/lib/oidc-client-ts/dist/browser/oidc-client-ts.min.js"></script>
        <script>
          window.mgr = new oidc.UserManager({
            authority: "%MOCK%/auth/realms/apiax", client_id: "%CLIENT%", redirect_uri: location.origin + "/app/callback",
            post_logout_redirect_uri: location.origin + "/app/", response_type: "code", scope: "openid",
            loadUserInfo: true, automaticSilentRenew: false, monitorSession: false });
          window.userinfo = async token => (await fetch("%MOCK%/auth/realms/apiax/protocol/openid-connect/userinfo", { headers: { Authorization: "Bearer " + token } })).status;
        </script></head><body><h1>spa with oidc-client-ts</h1></body></html>
        """;

    [Test]
    public async Task OidcClientTs_LogsInRefreshesThroughTheContractAndLogsOut()
    {
        var spa = await ServeAsync(OidcClientTsPage);
        var page = await OpenAsync("spa", spa.AppUrl);

        // Log in: discovery, the authorization endpoint (automatic login), back to the app, the code grant.
        await page.EvaluateAsync("() => { void mgr.signinRedirect(); }");
        await page.WaitForURLAsync(new Regex("/app/callback\\?"));
        var login = await page.EvaluateAsync<JsonElement>("async () => { const u = await mgr.signinRedirectCallback(); return { access: u.access_token, refresh: u.refresh_token, id: u.id_token, sub: u.profile.sub, name: u.profile.preferred_username }; }");
        Assert.That(login.GetProperty("name").GetString(), Is.EqualTo(Mock.TargetValues["username"]), "the profile (ID token and userinfo) names the login user");
        Assert.That(await page.EvaluateAsync<int>("t => userinfo(t)", login.GetProperty("access").GetString()), Is.EqualTo(200), "userinfo with the fresh access token");

        // The access token expires on the mock's clock; the app refreshes with the library.
        await PostControlAsync("__harness/clock/advance", "{\"seconds\":1800}");
        Assert.That(await page.EvaluateAsync<int>("t => userinfo(t)", login.GetProperty("access").GetString()), Is.EqualTo(401), "the expired access token is refused");
        var refreshed = await page.EvaluateAsync<JsonElement>("async () => { const u = await mgr.signinSilent(); return { access: u.access_token, refresh: u.refresh_token }; }");
        Assert.That(refreshed.GetProperty("refresh").GetString(), Is.Not.EqualTo(login.GetProperty("refresh").GetString()), "the contract rotates the refresh token");
        Assert.That(await page.EvaluateAsync<int>("t => userinfo(t)", refreshed.GetProperty("access").GetString()), Is.EqualTo(200), "userinfo with the refreshed access token");
        Assert.That(await JournalOfAsync("keycloak-refresh.refresh"), Is.EqualTo(new[] { (200, (string?)"success", (string?)null) }), "one refresh, through the contract's operation");

        // A forced 400 invalid_grant: the library's refresh fails with it, and the app's session is over.
        await PostControlAsync("__harness/operations/keycloak-refresh/refresh/force", "{\"status\":400,\"condition\":\"token-revoked\"}");
        var failure = await page.EvaluateAsync<string>("async () => { try { await mgr.signinSilent(); return 'refreshed'; } catch (e) { await mgr.removeUser(); return e.error ?? String(e); } }");
        Assert.That(failure, Is.EqualTo("invalid_grant"));
        Assert.That(await page.EvaluateAsync<bool>("async () => (await mgr.getUser()) === null"), Is.True, "the app dropped its session");
        Assert.That((await JournalOfAsync("keycloak-refresh.refresh")).Last().Status, Is.EqualTo(400));

        // Log out (RP-initiated, with the ID token as hint): the mock ends the family and sends the app back.
        await page.EvaluateAsync("t => { void mgr.signoutRedirect({ id_token_hint: t }); }", login.GetProperty("id").GetString());
        await page.WaitForURLAsync(spa.AppUrl);
        Assert.That((await JournalOfAsync("keycloak-refresh.oidc-logout")).Single().Status, Is.EqualTo(302));
        using var after = await Http.PostAsync(RealmPath.TrimStart('/') + "/protocol/openid-connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = Mock.TargetValues["client-id"], ["refresh_token"] = refreshed.GetProperty("refresh").GetString()!,
        }));
        Assert.That((int)after.StatusCode, Is.EqualTo(400), "the logged-out family's refresh token is revoked");
        Assert.That((await JournalOfAsync("keycloak-refresh.refresh")).Last().Condition, Is.EqualTo("token-revoked"));
    }

    private static JsonElement JwtPayload(string token) =>
        JsonDocument.Parse(Convert.FromBase64String(Pad(token.Split('.')[1].Replace('-', '+').Replace('_', '/')))).RootElement;

    private static string Pad(string base64) => base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');

    private const string KeycloakJsPage = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>spa with keycloak-js</title>
        <script type="module">
          import Keycloak from "/lib/keycloak-js/lib/keycloak.js";
          window.kc = new Keycloak({ url: "%MOCK%/auth", realm: "apiax", clientId: "%CLIENT%" });
          window.userinfo = async token => (await fetch("%MOCK%/auth/realms/apiax/protocol/openid-connect/userinfo", { headers: { Authorization: "Bearer " + token } })).status;
          window.ready = kc.init({ onLoad: "login-required", pkceMethod: "S256", checkLoginIframe: false, redirectUri: location.origin + "/app/" })
            .then(ok => window.loggedIn = ok, e => window.loggedIn = "failed: " + (e?.error ?? e));
        </script></head><body><h1>spa with keycloak-js</h1></body></html>
        """;

    [Test]
    public async Task KeycloakJs_LogsInRefreshesThroughTheContractAndLogsOut()
    {
        var spa = await ServeAsync(KeycloakJsPage);
        var page = await Context.NewPageAsync();
        // What keycloak-js says (CORS refusals, say) goes to the test's output, for when this fails.
        page.Console += (_, message) => TestContext.Progress.WriteLine("console: " + message.Text);

        // Log in: keycloak-js redirects at once (login-required), the mock logs the user in and sends the code back
        // in the fragment, keycloak-js redeems it with its PKCE verifier.
        var codeGrant = page.WaitForResponseAsync(r => r.Url.EndsWith("/protocol/openid-connect/token", StringComparison.Ordinal) && r.Request.Method == "POST");
        await page.GotoAsync(spa.AppUrl);
        Assert.That((await codeGrant).Status, Is.EqualTo(200), "the code grant");
        await page.WaitForFunctionAsync("() => window.loggedIn !== undefined");
        Assert.That(await page.EvaluateAsync<string>("() => String(window.loggedIn)"), Is.EqualTo("true"));
        var login = await page.EvaluateAsync<JsonElement>("() => ({ access: kc.token, refresh: kc.refreshToken, name: kc.idTokenParsed.preferred_username, skew: kc.timeSkew })");
        Assert.That(login.GetProperty("name").GetString(), Is.EqualTo(Mock.TargetValues["username"]));
        Assert.That(login.GetProperty("skew").ValueKind, Is.EqualTo(JsonValueKind.Number), "keycloak-js reads iat from the access token");
        Assert.That(await page.EvaluateAsync<int>("t => userinfo(t)", login.GetProperty("access").GetString()), Is.EqualTo(200));

        // Expired on the mock's clock: the app sees the 401 and makes keycloak-js refresh.
        await PostControlAsync("__harness/clock/advance", "{\"seconds\":1800}");
        Assert.That(await page.EvaluateAsync<int>("t => userinfo(t)", login.GetProperty("access").GetString()), Is.EqualTo(401));
        Assert.That(await page.EvaluateAsync<bool>("() => kc.updateToken(-1)"), Is.True);
        var refreshed = await page.EvaluateAsync<JsonElement>("() => ({ access: kc.token, refresh: kc.refreshToken })");
        Assert.That(refreshed.GetProperty("refresh").GetString(), Is.Not.EqualTo(login.GetProperty("refresh").GetString()));
        Assert.That(await page.EvaluateAsync<int>("t => userinfo(t)", refreshed.GetProperty("access").GetString()), Is.EqualTo(200));
        Assert.That(await JournalOfAsync("keycloak-refresh.refresh"), Is.EqualTo(new[] { (200, (string?)"success", (string?)null) }));

        // A forced 400 invalid_grant: keycloak-js clears its tokens, the session is over, and (login-required) it logs in anew.
        await PostControlAsync("__harness/operations/keycloak-refresh/refresh/force", "{\"status\":400,\"condition\":\"token-revoked\"}");
        var secondGrant = page.WaitForResponseAsync(r => r.Url.EndsWith("/protocol/openid-connect/token", StringComparison.Ordinal) && r.Request.PostData!.Contains("authorization_code"));
        await page.EvaluateAsync("() => { kc.onAuthLogout = () => sessionStorage.setItem('ended', 'yes'); void kc.updateToken(-1).catch(() => {}); }");
        Assert.That((await secondGrant).Status, Is.EqualTo(200), "the new login's code grant");
        await page.WaitForFunctionAsync("() => window.loggedIn !== undefined");
        Assert.That(await page.EvaluateAsync<string>("() => sessionStorage.getItem('ended')"), Is.EqualTo("yes"), "keycloak-js ended the session on the 400");
        Assert.That((await JournalOfAsync("keycloak-refresh.refresh")).Last().Status, Is.EqualTo(400));
        var second = await page.EvaluateAsync<JsonElement>("() => ({ refresh: kc.refreshToken, sid: kc.sessionId })");
        Assert.That(second.GetProperty("sid").GetString(), Is.Not.EqualTo(JwtPayload(login.GetProperty("access").GetString()!).GetProperty("sid").GetString()), "a new session");

        // Log out: keycloak-js sends id_token_hint, client_id and post_logout_redirect_uri; the mock revokes the family and redirects.
        await page.EvaluateAsync("() => { void kc.logout({ redirectUri: location.origin + '/app/bye' }); }");
        await page.WaitForURLAsync(spa.Origin + "/app/bye");
        Assert.That((await JournalOfAsync("keycloak-refresh.oidc-logout")).Single().Status, Is.EqualTo(302));
        using var after = await Http.PostAsync(RealmPath.TrimStart('/') + "/protocol/openid-connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = Mock.TargetValues["client-id"], ["refresh_token"] = second.GetProperty("refresh").GetString()!,
        }));
        Assert.That((int)after.StatusCode, Is.EqualTo(400), "the logged-out family's refresh token is revoked");
    }
}
