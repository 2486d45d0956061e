namespace Harness.MockServer.Tests;

/// <summary>The Keycloak-style token endpoint reached naturally: password grant, refresh, rotation, reuse, expiry, client binding, scope.</summary>
[TestFixtureSource(typeof(MockHosts), nameof(MockHosts.All))]
[Parallelizable(ParallelScope.Self)]
public sealed class KeycloakFlowTests(MockHost host) : SharedMockFixture(host)
{
    private const long RefreshLifetime = 1_209_600;

    [Test]
    public async Task Issue_PasswordGrant_Answers200WithAnUncacheableTokenPair()
    {
        var mock = Mock;

        var reply = await mock.IssueAsync();

        reply.Status.Should().Be(200, "{0}", reply);
        reply.Header("Cache-Control").Should().Contain("no-store");
        reply.Header("Pragma").Should().Contain("no-cache");
        reply.Text("token_type").Should().BeEquivalentTo("bearer");
        reply.Number("expires_in").Should().Be(1800);
        reply.Number("refresh_expires_in").Should().Be(RefreshLifetime);
        reply.Text("scope").Should().Be(mock.Target["scope"]);
        reply.Text("session_state").Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task Issue_WrongPassword_Answers401InvalidGrant()
    {
        var mock = Mock;

        var reply = await mock.IssueAsync(password: "wrong-password");

        reply.Status.Should().Be(401, "{0}", reply);
        reply.Text("error").Should().Be("invalid_grant");
    }

    [Test]
    public async Task Refresh_CurrentToken_Answers200WithARotatedPair()
    {
        var mock = Mock;
        var session = await Keycloak.NewSessionAsync(mock);

        var reply = await mock.KeycloakRefreshAsync(session.RefreshToken);

        reply.Status.Should().Be(200, "{0}", reply);
        reply.Header("Cache-Control").Should().Contain("no-store");
        reply.Text("refresh_token").Should().NotBe(session.RefreshToken);
        reply.Text("session_state").Should().Be(session.Reply.Text("session_state"), "one session throughout");
    }

    [Test]
    public async Task Refresh_RotatedAwayToken_Answers400InvalidGrantAndRevokesTheSuccessor()
    {
        var mock = Mock;
        var session = await Keycloak.NewSessionAsync(mock);
        var successor = Keycloak.Read(await mock.KeycloakRefreshAsync(session.RefreshToken));

        var reuse = await mock.KeycloakRefreshAsync(session.RefreshToken);
        var afterReuse = await mock.KeycloakRefreshAsync(successor.RefreshToken);

        reuse.Status.Should().Be(400, "{0}", reuse);
        reuse.Text("error").Should().Be("invalid_grant");
        afterReuse.Status.Should().Be(400, "the family is revoked: {0}", afterReuse);
        afterReuse.Text("error").Should().Be("invalid_grant");
        (await mock.SessionsAsync()).Should().ContainSingle().Which!["revoked"]!.GetValue<bool>().Should().BeTrue();
    }

    [Test]
    public async Task Refresh_AfterFourteenDays_Answers400InvalidGrant()
    {
        var mock = Mock;
        var session = await Keycloak.NewSessionAsync(mock);
        await mock.AdvanceAsync(RefreshLifetime + 1);

        var reply = await mock.KeycloakRefreshAsync(session.RefreshToken);

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Text("error").Should().Be("invalid_grant");
    }

    [Test]
    public async Task Refresh_AfterADay_KeepsTheFirstGrantsExpiry()
    {
        var mock = Mock;
        var session = await Keycloak.NewSessionAsync(mock);
        await mock.AdvanceAsync(86_400);

        var reply = await mock.KeycloakRefreshAsync(session.RefreshToken);

        reply.Number("refresh_expires_in").Should().Be(RefreshLifetime - 86_400, "the Keycloak refresh lifetime does not slide: {0}", reply);
        Jwt.Exp(reply.Text("refresh_token")!).Should().Be(Jwt.Exp(session.RefreshToken), "a rotated refresh token keeps its predecessor's expiry");
    }

    [Test]
    public async Task Refresh_SecondClient_Answers400InvalidGrantAndLeavesTheTokenToItsClient()
    {
        var mock = Mock;
        var session = await Keycloak.NewSessionAsync(mock);

        var foreign = await mock.KeycloakRefreshAsync(session.RefreshToken, clientId: mock.Target["second-client-id"]);
        var own = await mock.KeycloakRefreshAsync(session.RefreshToken);

        foreign.Status.Should().Be(400, "RFC 6749 §6 binds the token to its client: {0}", foreign);
        foreign.Text("error").Should().Be("invalid_grant");
        own.Status.Should().Be(200, "{0}", own);
    }

    [Test]
    public async Task Refresh_RestrictedClient_Answers400UnauthorizedClient()
    {
        var mock = Mock;
        var session = await Keycloak.NewSessionAsync(mock);

        var reply = await mock.KeycloakRefreshAsync(session.RefreshToken, clientId: mock.Target["restricted-client-id"]);

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Text("error").Should().Be("unauthorized_client");
    }

    [Test]
    public async Task Refresh_UnknownClient_Answers401InvalidClient()
    {
        var mock = Mock;
        var session = await Keycloak.NewSessionAsync(mock);

        var reply = await mock.KeycloakRefreshAsync(session.RefreshToken, clientId: "no-such-client");

        reply.Status.Should().Be(401, "{0}", reply);
        reply.Text("error").Should().Be("invalid_client");
    }

    [Test]
    public async Task Refresh_WithoutClientId_Answers400InvalidClient()
    {
        var mock = Mock;
        var session = await Keycloak.NewSessionAsync(mock);

        var reply = await mock.SendAsync(Keycloak.Form(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = session.RefreshToken }));

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Text("error").Should().Be("invalid_client");
    }

    [Test]
    public async Task Refresh_WiderScope_Answers400InvalidScope()
    {
        var mock = Mock;
        var session = await Keycloak.NewSessionAsync(mock);

        var reply = await mock.KeycloakRefreshAsync(session.RefreshToken, scope: mock.Target["wider-scope"]);

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Text("error").Should().Be("invalid_scope");
    }

    [Test]
    public async Task Refresh_NarrowerScope_Answers200WithThatScope()
    {
        var mock = Mock;
        var session = await Keycloak.NewSessionAsync(mock);

        var reply = await mock.KeycloakRefreshAsync(session.RefreshToken, scope: mock.Target["narrow-scope"]);

        reply.Status.Should().Be(200, "{0}", reply);
        reply.Text("scope").Should().Be(mock.Target["narrow-scope"]);
    }

    [Test]
    public async Task Refresh_UnknownGrantType_Answers400UnsupportedGrantType()
    {
        var mock = Mock;

        var reply = await mock.SendAsync(Keycloak.Form(new() { ["grant_type"] = "magic", ["client_id"] = mock.Target["client-id"], ["refresh_token"] = "x" }));

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Text("error").Should().Be("unsupported_grant_type");
    }

    [Test]
    public async Task Refresh_RepeatedParameter_Answers400InvalidRequest()
    {
        var mock = Mock;
        var session = await Keycloak.NewSessionAsync(mock);
        var body = $"grant_type=refresh_token&client_id={mock.Target["client-id"]}&refresh_token={session.RefreshToken}&refresh_token={session.RefreshToken}";

        var reply = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Post, Keycloak.TokenPath)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        });

        reply.Status.Should().Be(400, "RFC 6749 §3.2: parameters must not repeat: {0}", reply);
        reply.Text("error").Should().Be("invalid_request");
    }

    [Test]
    public async Task Refresh_GetInsteadOfPost_Answers405InvalidRequest()
    {
        var mock = Mock;

        var reply = await mock.GetAsync(Keycloak.TokenPath);

        reply.Status.Should().Be(405, "{0}", reply);
        reply.Text("error").Should().Be("invalid_request");
    }

    [Test]
    public async Task Refresh_JsonBody_Answers400InvalidRequest()
    {
        var mock = Mock;

        var reply = await mock.PostJsonAsync(Keycloak.TokenPath, "{\"grant_type\": \"refresh_token\"}");

        reply.Status.Should().Be(400, "the body must be form-encoded: {0}", reply);
        reply.Text("error").Should().Be("invalid_request");
    }
}
