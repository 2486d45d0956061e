using Harness.MockServer.Control;

namespace Harness.MockServer.Tests;

/// <summary>
/// Run-time overrides (<c>/__harness/overrides</c>, issue 14 item 3): claims in the next N access tokens or one user's,
/// a changed body field, an added header and a one-off undocumented status; each counted, listed, cleared, reset,
/// named in the journal entry of the answer it changed, and bad input answered 400 with a JSON body.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class OverrideTests : SharedMockFixture
{
    private const string KeycloakRefresh = "keycloak-refresh.refresh";

    private Task<Reply> OverrideAsync(string kind, JsonObject body) => Mock.PostJsonAsync($"__harness/overrides/{kind}", body);

    private async Task<JsonObject> AddAsync(string kind, JsonObject body)
    {
        var reply = await OverrideAsync(kind, body);
        reply.Status.Should().Be(200, "the {0} override {1} is valid: {2}", kind, body.ToJsonString(), reply);
        return reply.Json!.AsObject();
    }

    private async Task<JsonArray> InForceAsync()
    {
        var reply = await Mock.GetAsync("__harness/overrides");
        reply.Status.Should().Be(200, "{0}", reply);
        return reply.Json!.AsArray();
    }

    /// <summary>The newest journal entry of an operation.</summary>
    private async Task<JsonNode> LastEntryAsync(string operation) =>
        (await Mock.JournalAsync()).Json!.AsArray().First(e => e!["operation"]?.GetValue<string>() == operation)!;

    // ---- claims ----

    [Test]
    public async Task Claims_ForTheNextTwoTokens_AreInTwoAccessTokensThenNoMore()
    {
        await AddAsync("claims", new JsonObject { ["claims"] = new JsonObject { ["roles"] = new JsonArray("admin"), ["typ"] = "Changed" }, ["count"] = 2 });

        var first = await Keycloak.NewSessionAsync(Mock);
        var second = await Mock.KeycloakRefreshAsync(first.RefreshToken);
        var third = await Mock.KeycloakRefreshAsync(second.Text("refresh_token")!);

        Jwt.Payload(first.AccessToken)["roles"]!.ToJsonString().Should().Be("[\"admin\"]", "the override adds the claim: {0}", Jwt.Describe(first.AccessToken));
        Jwt.Payload(first.AccessToken)["typ"]!.GetValue<string>().Should().Be("Changed", "the override replaces the template's value");
        Jwt.Payload(second.Text("access_token")!)["roles"].Should().NotBeNull("the second token is within the count: {0}", Jwt.Describe(second.Text("access_token")!));
        Jwt.Payload(third.Text("access_token")!).Should().NotContainKey("roles", "the count of two is spent");
        Jwt.Payload(third.Text("access_token")!)["typ"]!.GetValue<string>().Should().Be("Bearer", "the template's value is back");
        Jwt.Payload(first.RefreshToken).Should().NotContainKey("roles", "claims overrides change access tokens, not the mock's refresh tokens");
        (await InForceAsync()).Should().BeEmpty("a spent override leaves the list");
    }

    [Test]
    public async Task Claims_Overridden_TokenStaysTheMocksOwn_SignatureVerifiesAndTheFamilyRefreshes()
    {
        await AddAsync("claims", new JsonObject { ["claims"] = new JsonObject { ["email"] = "dev@example.test" } });

        var session = await Keycloak.NewSessionAsync(Mock);
        var keys = Jwt.Keys((await Mock.GetAsync("__harness/keys")).Json!);
        var verified = await Jwt.VerifyAsync(session.AccessToken, keys);
        var userInfo = await Mock.SendAsync(new HttpRequestMessage(HttpMethod.Get, "auth/realms/apiax/protocol/openid-connect/userinfo")
        {
            Headers = { { "Authorization", "Bearer " + session.AccessToken } },
        });
        var refreshed = await Mock.KeycloakRefreshAsync(session.RefreshToken);

        Jwt.Payload(session.AccessToken)["email"]!.GetValue<string>().Should().Be("dev@example.test");
        verified.IsValid.Should().BeTrue("the RS256 signature covers the overridden claims: {0}", verified.Exception?.Message);
        userInfo.Status.Should().Be(200, "the store knows the overridden token by its bytes: {0}", userInfo);
        refreshed.Status.Should().Be(200, "{0}", refreshed);
        Jwt.Payload(refreshed.Text("access_token")!)["email"]!.GetValue<string>().Should().Be("dev@example.test", "without a count it lasts until cleared");
        (await InForceAsync()).Single()!["applied"]!.GetValue<long>().Should().Be(2);
    }

    [Test]
    public async Task Claims_ForAUser_GoOnlyIntoThatUsersTokens()
    {
        var other = Mock.Mock.State.World.SuspendedUser.Identity.Username;
        await AddAsync("claims", new JsonObject { ["claims"] = new JsonObject { ["tier"] = "gold" }, ["user"] = Mock.Target["username"] });
        await AddAsync("claims", new JsonObject { ["claims"] = new JsonObject { ["tier"] = "other" }, ["user"] = other });

        var first = await Keycloak.NewSessionAsync(Mock);
        var second = await Keycloak.NewSessionAsync(Mock);

        Jwt.Payload(first.AccessToken)["tier"]!.GetValue<string>().Should().Be("gold", "the user's override applies, the other user's does not: {0}", Jwt.Describe(first.AccessToken));
        Jwt.Payload(second.AccessToken)["tier"]!.GetValue<string>().Should().Be("gold", "a user's override lasts until cleared");
        var listed = await InForceAsync();
        listed.Select(o => o!["user"]!.GetValue<string>()).Should().Equal(Mock.Target["username"], other);
        listed[1]!["applied"]!.GetValue<long>().Should().Be(0, "nobody signed in as the other user");
    }

    [Test]
    public async Task Claims_OnAgsHs256Tokens_AreSignedInAndTheRefreshStillWorks()
    {
        await AddAsync("claims", new JsonObject { ["claims"] = new JsonObject { ["beta"] = true }, ["api"] = "ags-signon", ["count"] = 1 });

        var session = await Ags.NewSessionAsync(Mock);
        var refreshed = await Mock.RefreshAsync(session.RefreshToken);

        Jwt.Payload(session.AccessToken)["beta"]!.GetValue<bool>().Should().BeTrue("{0}", Jwt.Describe(session.AccessToken));
        refreshed.Status.Should().Be(200, "{0}", refreshed);
        Jwt.Payload(refreshed.Text("access_token")!).Should().NotContainKey("beta", "count 1 is spent");
        (await LastEntryAsync("ags-signon.signOn"))["forced"]!.GetValue<string>().Should().Be("override #1: claims beta");
    }

    [Test]
    public async Task Claims_ForAnotherRealm_LeaveThisRealmsTokensAlone()
    {
        await AddAsync("claims", new JsonObject { ["claims"] = new JsonObject { ["beta"] = true }, ["api"] = "ags-signon" });

        var session = await Keycloak.NewSessionAsync(Mock);

        Jwt.Payload(session.AccessToken).Should().NotContainKey("beta");
        (await InForceAsync()).Single()!["applied"]!.GetValue<long>().Should().Be(0);
    }

    [Test]
    public async Task Claims_OnAnOidcLogin_GoIntoTheIdTokenToo_AndTheCodeGrantsEntryNamesThem()
    {
        const string realm = "auth/realms/apiax/protocol/openid-connect";
        const string verifier = "an-override-test-pkce-verifier-0123456789abcdefgh";
        const string redirect = "http://app.example/callback";
        await AddAsync("claims", new JsonObject { ["claims"] = new JsonObject { ["aud"] = "someone-else", ["roles"] = new JsonArray("admin") }, ["count"] = 1 });
        var challenge = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = await Mock.GetAsync(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"{realm}/auth", new Dictionary<string, string?>
        {
            ["client_id"] = Mock.Target["client-id"], ["redirect_uri"] = redirect, ["response_type"] = "code", ["scope"] = "openid",
            ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        }));
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Headers.Location!.Query)["code"].ToString();

        var login = await Mock.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{realm}/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirect, ["client_id"] = Mock.Target["client-id"], ["code_verifier"] = verifier,
            }),
        });

        login.Status.Should().Be(200, "{0}", login);
        Jwt.Payload(login.Text("id_token")!)["aud"]!.GetValue<string>().Should().Be("someone-else", "the override comes last, so it can change a protocol claim");
        Jwt.Payload(login.Text("id_token")!)["roles"].Should().NotBeNull();
        Jwt.Payload(login.Text("access_token")!)["roles"].Should().NotBeNull();
        (await LastEntryAsync("keycloak-refresh.oidc-code-grant"))["forced"]!.GetValue<string>().Should().Be("override #1: claims aud, roles");
    }

    // ---- body, header, status ----

    [Test]
    public async Task Body_FieldChangedForOneAnswer_ThenTheContractsValue()
    {
        var session = await Keycloak.NewSessionAsync(Mock);
        await AddAsync("body", new JsonObject { ["operation"] = KeycloakRefresh, ["field"] = "expires_in", ["value"] = 5, ["count"] = 1 });

        var changed = await Mock.KeycloakRefreshAsync(session.RefreshToken);
        var entry = await LastEntryAsync(KeycloakRefresh);
        var next = await Mock.KeycloakRefreshAsync(changed.Text("refresh_token")!);

        changed.Status.Should().Be(200, "{0}", changed);
        changed.Number("expires_in").Should().Be(5, "{0}", changed);
        entry["forced"]!.GetValue<string>().Should().Be("override #1: body expires_in changed");
        entry["outsideContract"]!.GetValue<bool>().Should().BeFalse();
        next.Number("expires_in").Should().Be(1800, "the count of one is spent: {0}", next);
    }

    [Test]
    public async Task Body_FieldRemoved_IsLeftOut()
    {
        var session = await Keycloak.NewSessionAsync(Mock);
        await AddAsync("body", new JsonObject { ["operation"] = KeycloakRefresh, ["field"] = "refresh_token", ["remove"] = true });

        var changed = await Mock.KeycloakRefreshAsync(session.RefreshToken);

        changed.Json!.AsObject().Should().NotContainKey("refresh_token", "{0}", changed);
        changed.Text("access_token").Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task Header_AddedForTwoAnswers_ThenGone()
    {
        await AddAsync("header", new JsonObject { ["operation"] = "keycloak-refresh.issue", ["name"] = "X-Request-Id", ["value"] = "abc-123", ["count"] = 2 });

        var first = await Mock.IssueAsync();
        var second = await Mock.IssueAsync();
        var third = await Mock.IssueAsync();

        first.Header("X-Request-Id").Should().Be("abc-123", "{0}", first);
        second.Header("X-Request-Id").Should().Be("abc-123");
        third.Header("X-Request-Id").Should().BeNull("the count of two is spent");
        (await LastEntryAsync("keycloak-refresh.issue"))["forced"].Should().BeNull("the third answer was not changed");
        var journal = (await Mock.JournalAsync()).Json!.AsArray();
        journal.Count(e => e!["forced"]?.GetValue<string>() == "override #1: header X-Request-Id").Should().Be(2);
    }

    [Test]
    public async Task Status_Undocumented_AnswersOnceOutsideTheContract_AndTheTokenStaysValid()
    {
        var session = await Keycloak.NewSessionAsync(Mock);
        var set = await AddAsync("status", new JsonObject { ["operation"] = KeycloakRefresh, ["status"] = 418 });

        var outside = await Mock.KeycloakRefreshAsync(session.RefreshToken);
        var entry = await LastEntryAsync(KeycloakRefresh);
        var next = await Mock.KeycloakRefreshAsync(session.RefreshToken);

        set["outsideContract"]!.GetValue<bool>().Should().BeTrue();
        set["remaining"]!.GetValue<int>().Should().Be(1, "an undocumented status is a one-off unless a count says otherwise");
        outside.Status.Should().Be(418, "{0}", outside);
        outside.Text("error").Should().Be("outside_contract", "{0}", outside);
        outside.Header(UndocumentedStatusOverride.Header).Should().Contain("418");
        entry["status"]!.GetValue<int>().Should().Be(418);
        entry["condition"]!.GetValue<string>().Should().Be("outside-contract");
        entry["outsideContract"]!.GetValue<bool>().Should().BeTrue("the journal marks it outside the contract: {0}", entry.ToJsonString());
        entry["forced"]!.GetValue<string>().Should().Be("override #1: status 418 outside-contract");
        next.Status.Should().Be(200, "the operation did not run, so the refresh token was not rotated away: {0}", next);
    }

    [Test]
    public async Task Status_WithABody_AnswersThatBody_NoBodyStatusAnswersNone()
    {
        await AddAsync("status", new JsonObject { ["operation"] = "keycloak-refresh.issue", ["status"] = 502, ["body"] = new JsonObject { ["upstream"] = "down" } });
        await AddAsync("status", new JsonObject { ["operation"] = "keycloak-refresh.issue", ["status"] = 204 });

        var first = await Mock.IssueAsync();
        var second = await Mock.IssueAsync();

        first.Status.Should().Be(502);
        first.Text("upstream").Should().Be("down", "{0}", first);
        second.Status.Should().Be(204);
        second.Body.Should().BeEmpty();
    }

    [Test]
    public async Task Status_Documented_IsRefusedWithTheForceEndpointNamed()
    {
        var reply = await OverrideAsync("status", new JsonObject { ["operation"] = KeycloakRefresh, ["status"] = 401 });

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Text("error").Should().Be("documented_status");
        reply.Text("message").Should().Contain("/__harness/operations/keycloak-refresh/refresh/force");
        (await InForceAsync()).Should().BeEmpty();
    }

    // ---- list, clear, reset ----

    [Test]
    public async Task List_ShowsEveryOverrideInForce_ClearTakesOneOrAll_ResetTakesAll()
    {
        await AddAsync("claims", new JsonObject { ["claims"] = new JsonObject { ["a"] = 1 }, ["count"] = 3 });
        await AddAsync("header", new JsonObject { ["operation"] = KeycloakRefresh, ["name"] = "X-A", ["value"] = "1" });
        await AddAsync("status", new JsonObject { ["operation"] = KeycloakRefresh, ["status"] = 503 });

        var listed = await InForceAsync();
        var clearOne = await Mock.PostJsonAsync("__harness/overrides/clear", new JsonObject { ["id"] = 2 });
        var afterOne = await InForceAsync();
        var clearAll = await Mock.DeleteAsync("__harness/overrides");
        var afterAll = await InForceAsync();
        await AddAsync("claims", new JsonObject { ["claims"] = new JsonObject { ["a"] = 1 } });
        await Mock.ResetAsync();
        var afterReset = await InForceAsync();
        var renumbered = await AddAsync("claims", new JsonObject { ["claims"] = new JsonObject { ["a"] = 1 } });

        listed.Select(o => o!["kind"]!.GetValue<string>()).Should().Equal("claims", "header", "status");
        listed.Select(o => o!["id"]!.GetValue<int>()).Should().Equal(1, 2, 3);
        listed[0]!["remaining"]!.GetValue<int>().Should().Be(3);
        listed[1]!["remaining"].Should().BeNull("without a count it lasts until cleared");
        listed[2]!["outsideContract"]!.GetValue<bool>().Should().BeTrue();
        listed[2]!["description"]!.GetValue<string>().Should().Contain("outside the contract");
        clearOne.Text("cleared").Should().Be("1", "{0}", clearOne);
        afterOne.Select(o => o!["id"]!.GetValue<int>()).Should().Equal(1, 3);
        clearAll.Text("cleared").Should().Be("2", "{0}", clearAll);
        afterAll.Should().BeEmpty();
        afterReset.Should().BeEmpty("reset clears the overrides");
        renumbered["id"]!.GetValue<int>().Should().Be(1, "reset numbers from 1 again");
    }

    // ---- bad input ----

    public static IEnumerable<TestCaseData> BadInput()
    {
        TestCaseData Case(string name, string kind, string body, string error) => new TestCaseData(kind, body, error).SetArgDisplayNames(name);
        yield return Case("not-json", "claims", "{\"claims\":", "invalid_json");
        yield return Case("empty-body", "claims", "", "invalid_json");
        yield return Case("unknown-member", "claims", "{\"claims\":{\"a\":1},\"cuont\":2}", "invalid_json");
        yield return Case("claims-not-an-object", "claims", "{\"claims\":\"admin\"}", "invalid_json");
        yield return Case("no-claims", "claims", "{\"count\":1}", "invalid_claims");
        yield return Case("empty-claims", "claims", "{\"claims\":{}}", "invalid_claims");
        yield return Case("count-zero", "claims", "{\"claims\":{\"a\":1},\"count\":0}", "invalid_count");
        yield return Case("count-not-a-number", "claims", "{\"claims\":{\"a\":1},\"count\":\"two\"}", "invalid_json");
        yield return Case("unknown-user", "claims", "{\"claims\":{\"a\":1},\"user\":\"nobody\"}", "unknown_user");
        yield return Case("unknown-api", "claims", "{\"claims\":{\"a\":1},\"api\":\"nope\"}", "unknown_api");
        yield return Case("body-unknown-operation", "body", "{\"operation\":\"keycloak-refresh.nope\",\"field\":\"a\",\"value\":1}", "unknown_operation");
        yield return Case("body-no-operation", "body", "{\"field\":\"a\",\"value\":1}", "unknown_operation");
        yield return Case("body-bad-field", "body", "{\"operation\":\"keycloak-refresh.refresh\",\"field\":\"a..b\",\"value\":1}", "invalid_field");
        yield return Case("body-bad-index", "body", "{\"operation\":\"keycloak-refresh.refresh\",\"field\":\"a[x]\",\"value\":1}", "invalid_field");
        yield return Case("body-no-value", "body", "{\"operation\":\"keycloak-refresh.refresh\",\"field\":\"a\"}", "invalid_value");
        yield return Case("body-value-and-remove", "body", "{\"operation\":\"keycloak-refresh.refresh\",\"field\":\"a\",\"value\":1,\"remove\":true}", "invalid_value");
        yield return Case("header-bad-name", "header", "{\"operation\":\"keycloak-refresh.refresh\",\"name\":\"X A\",\"value\":\"1\"}", "invalid_header");
        yield return Case("header-reserved", "header", "{\"operation\":\"keycloak-refresh.refresh\",\"name\":\"content-length\",\"value\":\"1\"}", "reserved_header");
        yield return Case("header-line-break", "header", "{\"operation\":\"keycloak-refresh.refresh\",\"name\":\"X-A\",\"value\":\"1\\r\\nX-B: 2\"}", "invalid_header_value");
        yield return Case("header-no-value", "header", "{\"operation\":\"keycloak-refresh.refresh\",\"name\":\"X-A\"}", "invalid_header_value");
        yield return Case("status-missing", "status", "{\"operation\":\"keycloak-refresh.refresh\"}", "invalid_status");
        yield return Case("status-1xx", "status", "{\"operation\":\"keycloak-refresh.refresh\",\"status\":101}", "invalid_status");
        yield return Case("status-documented", "status", "{\"operation\":\"keycloak-refresh.refresh\",\"status\":200}", "documented_status");
        yield return Case("clear-id-not-a-number", "clear", "{\"id\":\"one\"}", "invalid_json");
    }

    [TestCaseSource(nameof(BadInput))]
    public async Task BadInput_Answers400WithAJsonBodyNamingTheProblem(string kind, string body, string error)
    {
        var reply = await Mock.PostJsonAsync($"__harness/overrides/{kind}", body);

        reply.Status.Should().Be(400, "{0}", reply);
        reply.MediaType.Should().Be("application/json");
        reply.Text("error").Should().Be(error, "{0}", reply);
        reply.Text("message").Should().NotBeNullOrWhiteSpace();
        (await InForceAsync()).Should().BeEmpty("nothing is set by a refused call");
    }

    [Test]
    public async Task ControlSurfaceRules_HoldForOverrides_JsonOnlyAndNoQueryString()
    {
        var form = await Mock.SendAsync(new HttpRequestMessage(HttpMethod.Post, "__harness/overrides/claims")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["claims"] = "{}" }),
        });
        var query = await Mock.PostJsonAsync("__harness/overrides/status?status=418", new JsonObject { ["operation"] = KeycloakRefresh, ["status"] = 418 });

        form.Status.Should().Be(415, "{0}", form);
        form.Text("error").Should().Be("unsupported_media_type");
        query.Status.Should().Be(400, "{0}", query);
        query.Text("error").Should().Be("query_not_allowed");
        (await InForceAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task BadInput_MoreThanTheBoundInForce_Answers400()
    {
        for (var i = 0; i < RuntimeOverrides.MaxInForce; i++) await AddAsync("claims", new JsonObject { ["claims"] = new JsonObject { ["a"] = i } });

        var reply = await OverrideAsync("claims", new JsonObject { ["claims"] = new JsonObject { ["a"] = 1 } });

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Text("error").Should().Be("too_many_overrides");
    }
}
