namespace Harness.MockServer.Tests;

/// <summary>
/// The mock against the five vendor pages, fact by fact (issue 13): what a page documents is what the mock
/// sends out of the box, and the answers the pages leave undeclared speak the API's own dialect.
/// </summary>
[TestFixtureSource(typeof(MockHosts), nameof(MockHosts.All))]
[Parallelizable(ParallelScope.Self)]
public sealed class PageFidelityTests(MockHost host) : SharedMockFixture(host)
{
    // --- what the pages document -------------------------------------------------------------------

    [Test]
    public async Task Keycloak_ThePagesOwnClientIntegrationApi_IssuesAndRefreshes()
    {
        var mock = Mock;

        var issued = await mock.IssueAsync(clientId: "integration-api");
        issued.Status.Should().Be(200, "seed-003 sends client_id integration-api: {0}", issued);
        var refreshed = await mock.KeycloakRefreshAsync(issued.Text("refresh_token")!, clientId: "integration-api");

        refreshed.Status.Should().Be(200, "{0}", refreshed);
    }

    [Test]
    public async Task SoftwareAg_ExpiresIn_IsTheStringThePageTypes()
    {
        var mock = Mock;
        var session = await SoftwareAg.NewSessionAsync(mock);

        var reply = await mock.SagRefreshAsync(session.RefreshToken);

        reply.Json!["expires_in"]!.GetValueKind().Should().Be(System.Text.Json.JsonValueKind.String, "seed-002 types expires_in as String: {0}", reply);
        reply.Text("expires_in").Should().Be("3600");
    }

    [Test]
    public async Task SoftwareAg_NarrowedScope_ReachesTheAccessTokensScopeClaimOnly()
    {
        var mock = Mock;
        var session = await SoftwareAg.NewSessionAsync(mock);

        var reply = await mock.SagRefreshAsync(session.RefreshToken, scope: "openid");

        reply.Status.Should().Be(200, "{0}", reply);
        reply.Text("scope").Should().Be("openid");
        Jwt.Payload(reply.Text("access_token")!)["scope"]!.GetValue<string>().Should().Be("openid", "the access token carries what was granted");
        Jwt.Payload(reply.Text("refresh_token")!)["scope"]!.GetValue<string>().Should().Be(mock.Target["scope"], "RFC 6749 §6: the refresh token keeps the original scope");
        var widenedBack = await mock.SagRefreshAsync(reply.Text("refresh_token")!, scope: mock.Target["scope"]);
        widenedBack.Status.Should().Be(200, "the original scope may still be asked for: {0}", widenedBack);
    }

    [Test]
    public async Task SecMgmt_TokensCarryTheSessionsScopeClaim()
    {
        var mock = Mock;
        var session = await SecMgmt.NewSessionAsync(mock);

        var reply = await mock.SecRefreshAsync(session.AccessToken, session.RefreshToken);

        Jwt.Payload(reply.Text("content[0].token")!)["scope"]!.GetValue<string>().Should().Be(mock.Target["scope"], "{0}", reply);
    }

    [Test]
    public async Task SecMgmt_Pageable_AgreesWithTheOneContentItem()
    {
        var mock = Mock;
        var created = await mock.SendAsync(SecMgmt.CreateRequest(mock));
        var session = SecMgmt.Read(created);

        var refreshed = await mock.SecRefreshAsync(session.AccessToken, session.RefreshToken);

        foreach (var reply in new[] { created, refreshed })
        {
            reply.Json!["content"]!.AsArray().Should().HaveCount(1);
            reply.Number("pageable.page").Should().Be(0, "{0}", reply);
            reply.Number("pageable.size").Should().Be(10, "the example's page size: {0}", reply);
            reply.Number("pageable.totalPages").Should().Be(1, "{0}", reply);
            reply.Number("pageable.totalElements").Should().Be(1, "one content item: {0}", reply);
        }
    }

    [Test]
    public async Task Ags_RefreshNamingAnUnknownAuthService_Answers400AsABadRequest()
    {
        var mock = Mock;
        var session = await Ags.NewSessionAsync(mock);

        var reply = await mock.RefreshAsync(session.RefreshToken, authService: mock.Target["unknown-auth-service"]);

        reply.Status.Should().Be(400, "sign-on refuses this service; refresh must not accept it: {0}", reply);
        reply.Text("error").Should().Be("unknown-entity", "{0}", reply);
    }

    [Test]
    public async Task Keycloak_SessionState_IsAVersion4UuidAndTheTokensSid()
    {
        var mock = Mock;

        var reply = await mock.IssueAsync();

        var state = reply.Text("session_state");
        Guid.TryParseExact(state, "D", out var uuid).Should().BeTrue("seed-003 says UUID: {0}", reply);
        uuid.Version.Should().Be(4);
        Jwt.Payload(reply.Text("access_token")!)["sid"]!.GetValue<string>().Should().Be(state);
    }

    // --- undeclared answers in the API's own dialect ----------------------------------------------

    [Test]
    public async Task SecMgmt_GetOnThePutPath_Answers405WithAllowInTheEnvelopesDialect()
    {
        var mock = Mock;

        var reply = await mock.GetAsync(SecMgmt.TokenPath);

        reply.Status.Should().Be(405, "{0}", reply);
        reply.Header("Allow").Should().Be("POST, PUT", "RFC 9110 §15.5.6: a 405 lists the methods the path takes");
        reply.ShouldBeErrorShape(ErrorShape.Envelope, "REQ_1000", 405);
        reply.Text("errorMessage").Should().Contain("PUT");
    }

    [Test]
    public async Task SecMgmt_CreateWithoutUsername_AnswersTheEnvelopesCodeNotAnOAuthOne()
    {
        var mock = Mock;
        var request = new HttpRequestMessage(HttpMethod.Post, SecMgmt.TokenPath) { Content = new StringContent("{\"password\":\"x\"}", Encoding.UTF8, "application/json") };

        var reply = await mock.SendAsync(request);

        reply.Status.Should().Be(400, "{0}", reply);
        reply.ShouldBeErrorShape(ErrorShape.Envelope, "REQ_1001", 400);
        reply.Body.Should().NotContain("invalid_request");
    }

    [Test]
    public async Task SecMgmt_RefreshAsTextPlain_Answers415SayingTheExpectedContentType()
    {
        var mock = Mock;
        var request = new HttpRequestMessage(HttpMethod.Put, SecMgmt.TokenPath) { Content = new StringContent("{\"token\":\"a\",\"refreshToken\":\"b\"}", Encoding.UTF8, "text/plain") };

        var reply = await mock.SendAsync(request);

        reply.Status.Should().Be(415, "{0}", reply);
        reply.ShouldBeErrorShape(ErrorShape.Envelope, "REQ_1000", 415);
        reply.Text("errorMessage").Should().Contain("application/json");
    }

    [Test]
    public async Task SecMgmt_TokenOfTheWrongJsonType_SaysTheFieldsExpectedShape()
    {
        var mock = Mock;
        var request = new HttpRequestMessage(HttpMethod.Put, SecMgmt.TokenPath) { Content = new StringContent("{\"token\":42,\"refreshToken\":\"b\"}", Encoding.UTF8, "application/json") };

        var reply = await mock.SendAsync(request);

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Text("errorCode").Should().Be("REQ_1000");
        reply.Text("errorMessage").Should().Contain("token: string").And.NotContain("malformed body");
    }

    [Test]
    public async Task Ags_GetOnTheRefreshPath_Answers405WithAllow()
    {
        var mock = Mock;

        var reply = await mock.GetAsync(Ags.RefreshPath);

        reply.Status.Should().Be(405, "{0}", reply);
        reply.Header("Allow").Should().Be("POST");
        reply.ShouldBeErrorShape(ErrorShape.StatusOnly, null, 405);
    }

    [TestCase(Keycloak.TokenPath)]
    [TestCase(SoftwareAg.RefreshPath)]
    public async Task OAuth_GetOnTheTokenEndpoint_Answers405WithAllowAndInvalidRequest(string path)
    {
        var mock = Mock;

        var reply = await mock.GetAsync(path);

        reply.Status.Should().Be(405, "{0}", reply);
        reply.Header("Allow").Should().Be("POST");
        reply.ShouldBeErrorShape(ErrorShape.Oauth2, "invalid_request", 405);
    }

    [Test]
    public async Task Keycloak_JsonBody_SaysTheExpectedContentType()
    {
        var mock = Mock;
        var request = new HttpRequestMessage(HttpMethod.Post, Keycloak.TokenPath) { Content = new StringContent("{\"grant_type\":\"refresh_token\"}", Encoding.UTF8, "application/json") };

        var reply = await mock.SendAsync(request);

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Text("error").Should().Be("invalid_request");
        reply.Text("error_description").Should().Contain("application/x-www-form-urlencoded");
    }

    [Test]
    public async Task Ags_MalformedJson_SaysTheBodysExpectedShape()
    {
        var mock = Mock;
        var session = await Ags.NewSessionAsync(mock);
        var request = Ags.RefreshRequest(mock, session.RefreshToken);
        request.Content = new StringContent("{\"parameters\": 7}", Encoding.UTF8, "application/json");

        var reply = await mock.SendAsync(request);

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Text("message").Should().Contain("parameters: [{name: string, value: string}]");
    }

    // --- forcing a status -------------------------------------------------------------------------

    [Test]
    public async Task ForceHeader_401OnAgsRefresh_ForcesTokenInvalidAndSaysSo()
    {
        var mock = Mock;
        var session = await Ags.NewSessionAsync(mock);
        var request = Ags.RefreshRequest(mock, session.RefreshToken);
        request.Headers.Add("X-Harness-Force-Status", "401");

        var reply = await mock.SendAsync(request);

        reply.Status.Should().Be(401, "{0}", reply);
        reply.Text("error").Should().Be("token-invalid", "a 401 on an otherwise valid refresh is an invalid token, not a missing header: {0}", reply);
        reply.Header("X-Harness-Forced-Condition").Should().Be("token-invalid");
    }

    [Test]
    public async Task ForceViaControlApi_400OnKeycloakRefresh_ForcesTokenInvalid()
    {
        var mock = Mock;
        var session = await Keycloak.NewSessionAsync(mock);
        (await mock.PostJsonAsync("__harness/operations/keycloak-refresh/refresh/force", "{\"status\":400}")).Status.Should().Be(200);

        var reply = await mock.KeycloakRefreshAsync(session.RefreshToken);

        reply.Text("error").Should().Be("invalid_grant", "{0}", reply);
        reply.Header("X-Harness-Forced-Condition").Should().Be("token-invalid");
    }
}
