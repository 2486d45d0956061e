namespace Harness.MockServer.Tests;

/// <summary>Software AG's refreshAccessToken reached naturally, the confidential client authenticating with HTTP Basic.</summary>
[TestFixtureSource(typeof(MockHosts), nameof(MockHosts.All))]
[Parallelizable(ParallelScope.Self)]
public sealed class SoftwareAgFlowTests(MockHost host) : SharedMockFixture(host)
{
    private const long RefreshLifetime = 86_400;

    [Test]
    public async Task Issue_PasswordGrantWithBasicClient_Answers200()
    {
        var mock = Mock;

        var reply = await mock.SendAsync(SoftwareAg.IssueRequest(mock));

        reply.Status.Should().Be(200, "{0}", reply);
        reply.Text("token_type").Should().BeEquivalentTo("Bearer");
        reply.Number("expires_in").Should().Be(3600, "expires_in is a number or a numeric string: {0}", reply);
        reply.Header("Cache-Control").Should().Contain("no-store");
        reply.Header("Pragma").Should().Contain("no-cache");
    }

    [Test]
    public async Task Refresh_CurrentToken_Answers200WithARotatedPair()
    {
        var mock = Mock;
        var session = await SoftwareAg.NewSessionAsync(mock);

        var reply = await mock.SagRefreshAsync(session.RefreshToken);

        reply.Status.Should().Be(200, "{0}", reply);
        reply.Text("refresh_token").Should().NotBe(session.RefreshToken);
    }

    [Test]
    public async Task Refresh_RotatedAwayToken_Answers400InvalidGrantAndRevokesTheSuccessor()
    {
        var mock = Mock;
        var session = await SoftwareAg.NewSessionAsync(mock);
        var successor = SoftwareAg.Read(await mock.SagRefreshAsync(session.RefreshToken));

        var reuse = await mock.SagRefreshAsync(session.RefreshToken);
        var afterReuse = await mock.SagRefreshAsync(successor.RefreshToken);

        reuse.Status.Should().Be(400, "{0}", reuse);
        reuse.Text("error").Should().Be("invalid_grant");
        afterReuse.Status.Should().Be(400, "{0}", afterReuse);
        afterReuse.Text("error").Should().Be("invalid_grant");
    }

    [Test]
    public async Task Refresh_AfterADay_Answers400InvalidGrant()
    {
        var mock = Mock;
        var session = await SoftwareAg.NewSessionAsync(mock);
        await mock.AdvanceAsync(RefreshLifetime + 1);

        var reply = await mock.SagRefreshAsync(session.RefreshToken);

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Text("error").Should().Be("invalid_grant");
    }

    [Test]
    public async Task Refresh_SecondClientWithItsOwnSecret_Answers400InvalidGrant()
    {
        var mock = Mock;
        var session = await SoftwareAg.NewSessionAsync(mock);

        var reply = await mock.SagRefreshAsync(session.RefreshToken, mock.Target["second-client-id"], mock.Target["second-client-secret"]);

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Text("error").Should().Be("invalid_grant");
    }

    [Test]
    public async Task Refresh_WrongClientSecret_Answers401InvalidClientWithABasicChallenge()
    {
        var mock = Mock;
        var session = await SoftwareAg.NewSessionAsync(mock);

        var reply = await mock.SagRefreshAsync(session.RefreshToken, secret: "wrong-secret");

        reply.Status.Should().Be(401, "{0}", reply);
        reply.Text("error").Should().Be("invalid_client");
        reply.Header("WWW-Authenticate").Should().StartWith("Basic");
    }

    [Test]
    public async Task Refresh_RestrictedClient_Answers400UnauthorizedClient()
    {
        var mock = Mock;
        var session = await SoftwareAg.NewSessionAsync(mock);

        var reply = await mock.SagRefreshAsync(session.RefreshToken, mock.Target["restricted-client-id"], mock.Target["restricted-client-secret"]);

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Text("error").Should().Be("unauthorized_client");
    }

    [Test]
    public async Task Refresh_WiderScope_Answers400InvalidScope()
    {
        var mock = Mock;
        var session = await SoftwareAg.NewSessionAsync(mock);

        var reply = await mock.SagRefreshAsync(session.RefreshToken, scope: mock.Target["wider-scope"]);

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Text("error").Should().Be("invalid_scope");
    }
}
