using Harness.MockServer.Defects;

namespace Harness.MockServer.Tests;

/// <summary>
/// Twenty clients refresh with one rotating refresh token at once: exactly one wins, one successor is minted,
/// and what happens to the family afterwards is what the reuse policy says, not an accident of timing.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class RaceTests
{
    private const int Racers = 20;

    [Test]
    public async Task Refresh_TwentyInParallelWithOneAgsToken_OneSucceedsAndTheReusesRevokeTheFamily()
    {
        await using var mock = await TestMock.StartAsync();
        var session = await Ags.NewSessionAsync(mock);

        var replies = await RaceAsync(mock, () => Ags.RefreshRequest(mock, session.RefreshToken));

        var winner = replies.Should().ContainSingle(r => r.IsSuccess, "one refresh token, one rotation: {0}", Statuses(replies)).Subject;
        replies.Where(r => !r.IsSuccess).Should().OnlyContain(r => r.Status == 401, "the others presented a rotated-away token: {0}", Statuses(replies));
        var family = (await mock.SessionsAsync()).Should().ContainSingle().Subject!;
        family["generation"]!.GetValue<int>().Should().Be(2, "exactly one successor was minted");
        family["revoked"]!.GetValue<bool>().Should().BeTrue("the ags policy is revoke-family, and 19 requests reused the rotated token");
        (await mock.RefreshAsync(winner.Text("refresh_token")!)).Status.Should().Be(401, "the successor went down with its family");
        mock.Mock.State.Tokens.FamilyCount.Should().Be(1);
    }

    [Test]
    public async Task Refresh_TwentyInParallelWithOneKeycloakToken_OneSucceedsAndTheReusesRevokeTheFamily()
    {
        await using var mock = await TestMock.StartAsync();
        var session = await Keycloak.NewSessionAsync(mock);

        var replies = await RaceAsync(mock, () => Keycloak.RefreshRequest(mock, session.RefreshToken));

        var winner = replies.Should().ContainSingle(r => r.IsSuccess, "{0}", Statuses(replies)).Subject;
        replies.Where(r => !r.IsSuccess).Should().OnlyContain(r => r.Status == 400 && r.Text("error") == "invalid_grant", "{0}", Statuses(replies));
        var family = (await mock.SessionsAsync()).Should().ContainSingle().Subject!;
        family["generation"]!.GetValue<int>().Should().Be(2);
        family["revoked"]!.GetValue<bool>().Should().BeTrue();
        (await mock.KeycloakRefreshAsync(winner.Text("refresh_token")!)).Status.Should().Be(400);
    }

    [Test]
    public async Task Refresh_TwentyInParallelWithoutFamilyRevocation_LeavesExactlyOneLiveSuccessor()
    {
        // With revocation switched off, the race itself is all that is left to see: one winner, one live successor.
        await using var mock = await TestMock.StartAsync(Defect.NoFamilyRevocation);
        var session = await Ags.NewSessionAsync(mock);

        var replies = await RaceAsync(mock, () => Ags.RefreshRequest(mock, session.RefreshToken));

        var winner = replies.Should().ContainSingle(r => r.IsSuccess, "{0}", Statuses(replies)).Subject;
        replies.Where(r => !r.IsSuccess).Should().OnlyContain(r => r.Status == 401);
        var family = (await mock.SessionsAsync()).Should().ContainSingle().Subject!;
        family["generation"]!.GetValue<int>().Should().Be(2);
        family["live"]!.GetValue<bool>().Should().BeTrue();
        (await mock.RefreshAsync(winner.Text("refresh_token")!)).Status.Should().Be(200, "the one successor is live");
        (await mock.RefreshAsync(session.RefreshToken)).Status.Should().Be(401, "the original stays rotated away");
    }

    [Test]
    public async Task SignOn_TwentyInParallel_StartsTwentyDistinctSessions()
    {
        await using var mock = await TestMock.StartAsync();

        var replies = await RaceAsync(mock, () => Ags.SignOnRequest(mock));

        replies.Should().OnlyContain(r => r.Status == 201, "{0}", Statuses(replies));
        replies.Select(r => r.Text("refresh_token")).Should().OnlyHaveUniqueItems();
        replies.Select(r => Jwt.Payload(r.Text("access_token")!)["jti"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();
        (await mock.SessionsAsync()).Should().HaveCount(Racers);
    }

    /// <summary>Builds every request first, then releases them together.</summary>
    private static async Task<Reply[]> RaceAsync(TestMock mock, Func<HttpRequestMessage> request)
    {
        var requests = Enumerable.Range(0, Racers).Select(_ => request()).ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racing = requests.Select(r => Task.Run(async () =>
        {
            await start.Task;
            return await mock.SendAsync(r);
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(racing);
    }

    private static string Statuses(IEnumerable<Reply> replies) => string.Join(", ", replies.Select(r => r.Status));
}
