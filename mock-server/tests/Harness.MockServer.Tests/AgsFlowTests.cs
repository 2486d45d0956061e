namespace Harness.MockServer.Tests;

/// <summary>
/// AGS reached naturally: sign-on, refresh, rotation, reuse revoking the family, expiry, the sliding refresh
/// lifetime under the fixed 30-day session, tenants and auth services. Each test has its own mock.
/// </summary>
[TestFixtureSource(typeof(MockHosts), nameof(MockHosts.All))]
[Parallelizable(ParallelScope.Self)]
public sealed class AgsFlowTests(MockHost host) : SharedMockFixture(host)
{
    private const long AccessLifetime = 3600;
    private const long RefreshLifetime = 172_800;
    private const long SessionLifetime = 2_592_000;

    [Test]
    public async Task SignOn_ValidSessionToken_Answers201WithAnUncacheableTokenPair()
    {
        var mock = Mock;

        var reply = await mock.SignOnAsync();

        reply.Status.Should().Be(201, "{0}", reply);
        reply.Header("Cache-Control").Should().Contain("no-store");
        reply.Text("token_type").Should().BeEquivalentTo("bearer");
        reply.Number("expires_in").Should().Be(AccessLifetime);
        reply.Number("refresh_expires_in").Should().Be(RefreshLifetime);
        reply.Number("fixed_refresh_expires_in").Should().Be(SessionLifetime);
        reply.Text("client_id").Should().Be(mock.Target["client-id"]);
        reply.Text("accountId").Should().NotBeNullOrEmpty();
        reply.Text("access_token")!.Split('.').Should().HaveCount(3, "tokens are compact JWS");
        reply.Text("refresh_token")!.Split('.').Should().HaveCount(3);
    }

    [Test]
    public async Task Refresh_CurrentRefreshToken_Answers200WithARotatedPair()
    {
        var mock = Mock;
        var session = await Ags.NewSessionAsync(mock);

        var reply = await mock.RefreshAsync(session.RefreshToken);

        reply.Status.Should().Be(200, "{0}", reply);
        reply.Header("Cache-Control").Should().Contain("no-store");
        var renewed = Ags.Read(reply);
        renewed.RefreshToken.Should().NotBe(session.RefreshToken, "AGS rotates refresh tokens");
        renewed.AccessToken.Should().NotBe(session.AccessToken);
        (await mock.RefreshAsync(renewed.RefreshToken)).Status.Should().Be(200, "the successor is the current token");
    }

    [Test]
    public async Task Refresh_BareTokenWithoutBearerScheme_Answers200()
    {
        var mock = Mock;
        var session = await Ags.NewSessionAsync(mock);
        var request = Ags.RefreshRequest(mock, session.RefreshToken);
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", session.RefreshToken);

        var reply = await mock.SendAsync(request);

        reply.Status.Should().Be(200, "the contract accepts the bare token too: {0}", reply);
    }

    [Test]
    public async Task Refresh_RotatedAwayToken_Answers401AndRevokesTheSuccessor()
    {
        var mock = Mock;
        var session = await Ags.NewSessionAsync(mock);
        var successor = Ags.Read(await mock.RefreshAsync(session.RefreshToken));

        var reuse = await mock.RefreshAsync(session.RefreshToken);
        var afterReuse = await mock.RefreshAsync(successor.RefreshToken);

        reuse.Status.Should().Be(401, "a rotated-away token is refused: {0}", reuse);
        afterReuse.Status.Should().Be(401, "reuse revokes the whole family (RFC 9700 §4.14.2): {0}", afterReuse);
        var family = (await mock.SessionsAsync()).Should().ContainSingle().Subject!;
        family["revoked"]!.GetValue<bool>().Should().BeTrue();
        family["live"]!.GetValue<bool>().Should().BeFalse();
        var journal = (await mock.JournalAsync(2)).Json!.AsArray();
        journal.Select(e => e!["condition"]!.GetValue<string>()).Should().Equal("token-revoked", "token-reused");
    }

    [Test]
    public async Task Refresh_JustBeforeTheRefreshLifetime_Answers200()
    {
        var mock = Mock;
        var session = await Ags.NewSessionAsync(mock);
        await mock.AdvanceAsync(RefreshLifetime - 1);

        var reply = await mock.RefreshAsync(session.RefreshToken);

        reply.Status.Should().Be(200, "{0}", reply);
    }

    [Test]
    public async Task Refresh_AfterTheRefreshLifetime_Answers401()
    {
        var mock = Mock;
        var session = await Ags.NewSessionAsync(mock);
        await mock.AdvanceAsync(RefreshLifetime);

        var reply = await mock.RefreshAsync(session.RefreshToken);

        reply.Status.Should().Be(401, "the token-expired outcome: {0}", reply);
        reply.ShouldBeErrorShape(ErrorShape.StatusOnly, null, 401);
    }

    [Test]
    public async Task Refresh_AfterTheRefreshLifetime_IsJournaledAsTokenExpired()
    {
        await using var mock = await TestMock.StartAsync(time: new ManualTime());
        var session = await Ags.NewSessionAsync(mock);
        await mock.AdvanceAsync(RefreshLifetime + 60);

        await mock.RefreshAsync(session.RefreshToken);

        var entry = (await mock.JournalAsync(1)).Json![0]!;
        entry["condition"]!.GetValue<string>().Should().Be("token-expired", "the token is this realm's, only expired: {0}", entry.ToJsonString());
    }

    [Test]
    public async Task Refresh_EveryHopForThirtyDays_SlidesUnderTheFixedSessionCapThenIsRefused()
    {
        var mock = Mock;
        var session = await Ags.NewSessionAsync(mock);
        var fixedExp = Jwt.Read(session.RefreshToken).GetPayloadValue<long>("fixed_exp");
        const long hop = RefreshLifetime - 800;
        var current = session.RefreshToken;
        long elapsed = 0, hops = 0;

        while (elapsed + hop < SessionLifetime)
        {
            await mock.AdvanceAsync(hop);
            elapsed += hop;
            hops++;
            var reply = await mock.RefreshAsync(current);
            reply.Status.Should().Be(200, "hop {0} at {1} s is inside both lifetimes: {2}", hops, elapsed, reply);
            reply.Number("refresh_expires_in").Should().Be(Math.Min(RefreshLifetime, SessionLifetime - elapsed), "hop {0}: the refresh lifetime slides but never past the session", hops);
            reply.Number("fixed_refresh_expires_in").Should().Be(SessionLifetime - elapsed, "hop {0}: the session cap does not move", hops);
            current = reply.Text("refresh_token")!;
            Jwt.Read(current).GetPayloadValue<long>("fixed_exp").Should().Be(fixedExp, "hop {0}: fixed_exp is the session's", hops);
            Jwt.Exp(current).Should().BeLessThanOrEqualTo(fixedExp, "hop {0}: a refresh token never outlives its session", hops);
        }

        var refused = await mock.RefreshAsync(current);
        hops.Should().Be(15, "15 hops of {0} s fit in 30 days", hop);
        refused.Status.Should().Be(200, "still {0} s before the cap: {1}", SessionLifetime - elapsed, refused);

        await mock.AdvanceAsync(hop);
        var pastCap = await mock.RefreshAsync(refused.Text("refresh_token")!);
        pastCap.Status.Should().Be(401, "past 30 days the session is over, however recently it was refreshed: {0}", pastCap);
    }

    [Test]
    public async Task Refresh_TenantThatIsNotTheTokens_Answers403AndLeavesTheTokenUsable()
    {
        var mock = Mock;
        var session = await Ags.NewSessionAsync(mock);

        var foreign = await mock.RefreshAsync(session.RefreshToken, tenant: mock.Target["forbidden-tenant"]);
        var own = await mock.RefreshAsync(session.RefreshToken);

        foreign.Status.Should().Be(403, "{0}", foreign);
        own.Status.Should().Be(200, "a refused request does not consume the token: {0}", own);
    }

    [Test]
    public async Task SignOn_TenantThatIsNotTheAccounts_Answers403()
    {
        var mock = Mock;

        var reply = await mock.SignOnAsync(tenant: mock.Target["forbidden-tenant"]);

        reply.Status.Should().Be(403, "{0}", reply);
    }

    [Test]
    public async Task SignOn_UnknownAuthService_Answers404()
    {
        var mock = Mock;

        var reply = await mock.SignOnAsync(authService: mock.Target["unknown-auth-service"]);

        reply.Status.Should().Be(404, "{0}", reply);
        reply.ShouldBeErrorShape(ErrorShape.StatusOnly, null, 404);
    }

    [Test]
    public async Task SignOn_UnknownSessionToken_Answers401()
    {
        var mock = Mock;

        var reply = await mock.SignOnAsync(sessionToken: "not-a-session-token-123");

        reply.Status.Should().Be(401, "{0}", reply);
    }

    [Test]
    public async Task SignOn_SuspendedAccount_Answers403()
    {
        var mock = Mock;

        var reply = await mock.SignOnAsync(sessionToken: mock.Target["forbidden-session-token"]);

        reply.Status.Should().Be(403, "{0}", reply);
    }

    [Test]
    public async Task SignOn_GeoBlockedClient_Answers403()
    {
        var mock = Mock;

        var reply = await mock.SignOnAsync(clientId: mock.Target["geo-blocked-client-id"]);

        reply.Status.Should().Be(403, "{0}", reply);
    }

    [Test]
    public async Task SignOn_WithoutAuthServiceHeader_Answers400()
    {
        var mock = Mock;
        var request = Ags.SignOnRequest(mock);
        request.Headers.Remove("x-auth-service-id");

        var reply = await mock.SendAsync(request);

        reply.Status.Should().Be(400, "{0}", reply);
    }

    [Test]
    public async Task SignOn_WithoutSessionTokenParameter_Answers400()
    {
        var mock = Mock;
        var request = Ags.SignOnRequest(mock);
        request.Content = new StringContent("{\"parameters\": []}", Encoding.UTF8, "application/json");

        var reply = await mock.SendAsync(request);

        reply.Status.Should().Be(400, "{0}", reply);
    }

    [Test]
    public async Task Refresh_WithoutAuthorization_Answers401()
    {
        var mock = Mock;
        var request = Ags.RefreshRequest(mock, "x");
        request.Headers.Remove("Authorization");

        var reply = await mock.SendAsync(request);

        reply.Status.Should().Be(401, "the contract makes a missing Authorization 401: {0}", reply);
    }

    [Test]
    public async Task Refresh_TamperedRefreshToken_Answers401()
    {
        var mock = Mock;
        var session = await Ags.NewSessionAsync(mock);

        var reply = await mock.RefreshAsync(Jwt.Tamper(session.RefreshToken));

        reply.Status.Should().Be(401, "{0}", reply);
    }

    [Test]
    public async Task Refresh_AccessTokenInsteadOfRefreshToken_Answers401()
    {
        var mock = Mock;
        var session = await Ags.NewSessionAsync(mock);

        var reply = await mock.RefreshAsync(session.AccessToken);

        reply.Status.Should().Be(401, "{0}", reply);
    }

    [Test]
    public async Task Discovery_Get_NamesTheAuthServiceAndTheSignOnParameters()
    {
        var mock = Mock;

        var reply = await mock.GetAsync(Ags.DiscoveryPath);

        reply.Status.Should().Be(200, "{0}", reply);
        reply.Text("availableServices[0].authServiceName").Should().Be(mock.Target["auth-service"]);
        reply.Json!["availableServices"]![0]!["signOnParameters"]!.AsArray()
            .Should().Contain(p => p!["name"]!.GetValue<string>() == "sessionToken" && p["required"]!.GetValue<bool>());
    }
}
