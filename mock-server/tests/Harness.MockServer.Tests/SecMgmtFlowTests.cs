namespace Harness.MockServer.Tests;

/// <summary>Security Management reached naturally: Create Token, PUT refresh with the pair, envelopes on success and failure.</summary>
[TestFixtureSource(typeof(MockHosts), nameof(MockHosts.All))]
[Parallelizable(ParallelScope.Self)]
public sealed class SecMgmtFlowTests(MockHost host) : SharedMockFixture(host)
{
    private const long RefreshLifetime = 86_400;

    [Test]
    public async Task Create_ValidCredentials_Answers200SuccessEnvelope()
    {
        var mock = Mock;

        var reply = await mock.SendAsync(SecMgmt.CreateRequest(mock));

        reply.Status.Should().Be(200, "{0}", reply);
        reply.Text("errorCode").Should().BeEmpty();
        reply.Text("content[0].token").Should().NotBeNullOrEmpty();
        reply.Text("content[0].refreshToken").Should().NotBeNullOrEmpty();
        reply.Number("content[0].validityTime").Should().Be(3600);
        reply.Json!["pageable"].Should().BeOfType<JsonObject>();
    }

    [Test]
    public async Task Create_WrongPassword_Answers401Auth1001()
    {
        var mock = Mock;

        var reply = await mock.SendAsync(SecMgmt.CreateRequest(mock, password: "wrong"));

        reply.Status.Should().Be(401, "{0}", reply);
        reply.ShouldBeErrorShape(ErrorShape.Envelope, "AUTH_1001", 401);
    }

    [Test]
    public async Task Refresh_OwnPair_Answers200WithARotatedPair()
    {
        var mock = Mock;
        var session = await SecMgmt.NewSessionAsync(mock);

        var reply = await mock.SecRefreshAsync(session.AccessToken, session.RefreshToken);

        reply.Status.Should().Be(200, "{0}", reply);
        reply.Text("errorCode").Should().BeEmpty();
        var renewed = SecMgmt.Read(reply);
        renewed.RefreshToken.Should().NotBe(session.RefreshToken);
        renewed.AccessToken.Should().NotBe(session.AccessToken);
    }

    [Test]
    public async Task Refresh_RotatedAwayToken_Answers401Auth1002AndRevokesTheSuccessor()
    {
        var mock = Mock;
        var session = await SecMgmt.NewSessionAsync(mock);
        var successor = SecMgmt.Read(await mock.SecRefreshAsync(session.AccessToken, session.RefreshToken));

        var reuse = await mock.SecRefreshAsync(session.AccessToken, session.RefreshToken);
        var afterReuse = await mock.SecRefreshAsync(successor.AccessToken, successor.RefreshToken);

        reuse.Status.Should().Be(401, "{0}", reuse);
        reuse.ShouldBeErrorShape(ErrorShape.Envelope, "AUTH_1002", 401);
        afterReuse.Status.Should().Be(401, "{0}", afterReuse);
        afterReuse.ShouldBeErrorShape(ErrorShape.Envelope, "AUTH_1002", 401);
    }

    [Test]
    public async Task Refresh_AfterADay_Answers401Auth1002()
    {
        var mock = Mock;
        var session = await SecMgmt.NewSessionAsync(mock);
        await mock.AdvanceAsync(RefreshLifetime + 1);

        var reply = await mock.SecRefreshAsync(session.AccessToken, session.RefreshToken);

        reply.Status.Should().Be(401, "{0}", reply);
        reply.ShouldBeErrorShape(ErrorShape.Envelope, "AUTH_1002", 401);
    }

    [Test]
    public async Task Refresh_AccessTokenPastItsValidityTime_Answers401Auth1002()
    {
        var mock = Mock;
        var session = await SecMgmt.NewSessionAsync(mock);
        await mock.AdvanceAsync(3600 + 1);

        var reply = await mock.SecRefreshAsync(session.AccessToken, session.RefreshToken);

        reply.Status.Should().Be(401, "seed-004 takes an \"existing valid access token\"; this one is past its validityTime: {0}", reply);
        reply.Text("errorCode").Should().Be("AUTH_1002", "{0}", reply);
        reply.Text("errorMessage").Should().Be("Invalid token", "{0}", reply);
    }

    [Test]
    public async Task Refresh_AccessTokenReplacedByAnEarlierRefresh_Answers401Auth1002()
    {
        var mock = Mock;
        var session = await SecMgmt.NewSessionAsync(mock);
        var first = await mock.SecRefreshAsync(session.AccessToken, session.RefreshToken);
        first.Status.Should().Be(200, "{0}", first);

        var reply = await mock.SecRefreshAsync(session.AccessToken, first.Text("content[0].refreshToken")!);

        reply.Status.Should().Be(401, "the first refresh replaced this access token: {0}", reply);
        reply.Text("errorCode").Should().Be("AUTH_1002", "{0}", reply);
    }

    [Test]
    public async Task Refresh_AccessTokenJustBeforeItsValidityEnds_Answers200()
    {
        var mock = Mock;
        var session = await SecMgmt.NewSessionAsync(mock);
        await mock.AdvanceAsync(3600 - 1);

        var reply = await mock.SecRefreshAsync(session.AccessToken, session.RefreshToken);

        reply.Status.Should().Be(200, "{0}", reply);
    }

    [Test]
    public async Task Refresh_PairFromTwoSessions_Answers401Auth1002InAValidEnvelope()
    {
        var mock = Mock;
        var first = await SecMgmt.NewSessionAsync(mock);
        var second = await SecMgmt.NewSessionAsync(mock);

        var mixed = await mock.SecRefreshAsync(first.AccessToken, second.RefreshToken);

        mixed.Status.Should().Be(401, "{0}", mixed);
        mixed.ShouldBeErrorShape(ErrorShape.Envelope, "AUTH_1002", 401);
        mixed.Text("errorMessage").Should().Be("Invalid token");
        (await mock.SecRefreshAsync(second.AccessToken, second.RefreshToken)).Status.Should().Be(200, "the refused pair did not consume the refresh token");
    }

    [Test]
    public async Task Refresh_TamperedAccessToken_Answers401Auth1002()
    {
        var mock = Mock;
        var session = await SecMgmt.NewSessionAsync(mock);

        var reply = await mock.SecRefreshAsync(Jwt.Tamper(session.AccessToken), session.RefreshToken);

        reply.Status.Should().Be(401, "{0}", reply);
        reply.ShouldBeErrorShape(ErrorShape.Envelope, "AUTH_1002", 401);
    }

    [Test]
    public async Task Refresh_WithoutRefreshToken_Answers400Req1001()
    {
        var mock = Mock;
        var session = await SecMgmt.NewSessionAsync(mock);

        var reply = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Put, SecMgmt.TokenPath)
        {
            Content = new StringContent(new JsonObject { ["token"] = session.AccessToken }.ToJsonString(), Encoding.UTF8, "application/json"),
        });

        reply.Status.Should().Be(400, "{0}", reply);
        reply.ShouldBeErrorShape(ErrorShape.Envelope, "REQ_1001", 400);
    }

    [Test]
    public async Task Refresh_BodyThatIsNotJson_Answers400Req1000()
    {
        var mock = Mock;

        var reply = await mock.SendAsync(new HttpRequestMessage(HttpMethod.Put, SecMgmt.TokenPath)
        {
            Content = new StringContent("{\"token\": ", Encoding.UTF8, "application/json"),
        });

        reply.Status.Should().Be(400, "{0}", reply);
        reply.ShouldBeErrorShape(ErrorShape.Envelope, "REQ_1000", 400);
    }
}
