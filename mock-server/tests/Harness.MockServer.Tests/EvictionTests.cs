namespace Harness.MockServer.Tests;

/// <summary>Memory follows live sessions: families over on the virtual clock are evicted, on requests, at most every 5 virtual seconds.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class EvictionTests
{
    private const long SessionLifetime = 2_592_000;
    private const long AgsRefreshLifetime = 172_800;

    [Test]
    public async Task Sweep_TwoThousandSessionsPastTheSessionLifetime_LeavesOnlyTheLiveOnes()
    {
        await using var mock = await TestMock.StartAsync(time: new ManualTime());
        var tokens = mock.Mock.State.Tokens;
        const int sessions = 2_000;
        var first = await Ags.NewSessionAsync(mock);
        await Parallel.ForEachAsync(Enumerable.Range(1, sessions - 1), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
        {
            var reply = await mock.SignOnAsync();
            reply.Status.Should().Be(201, "{0}", reply);
        });
        tokens.FamilyCount.Should().Be(sessions);
        tokens.TokenCount.Should().Be(2 * sessions);

        mock.Mock.Clock.Advance(TimeSpan.FromSeconds(SessionLifetime + 1));
        var live = await Ags.NewSessionAsync(mock);

        tokens.FamilyCount.Should().Be(1, "only the session started after the jump is live");
        tokens.TokenCount.Should().Be(2);
        (await mock.GetAsync("__harness/health")).Json!["sessions"]!.GetValue<int>().Should().Be(1);
        (await mock.RefreshAsync(first.RefreshToken)).Status.Should().Be(401, "an evicted token is unknown");
        (await mock.RefreshAsync(live.RefreshToken)).Status.Should().Be(200);
    }

    [Test]
    public async Task Sweep_LessThanFiveVirtualSecondsAfterTheLast_DoesNotRunAgain()
    {
        await using var mock = await TestMock.StartAsync(time: new ManualTime());
        var tokens = mock.Mock.State.Tokens;
        var retained = Tokens.TokenStore.RetainEndedSeconds;                   // an ended family is kept this long, then evicted
        await Ags.NewSessionAsync(mock);                                       // t0: sweeps, then starts A (over at t0 + 172800)
        mock.Mock.Clock.Advance(TimeSpan.FromSeconds(AgsRefreshLifetime + retained - 2));
        await Ags.NewSessionAsync(mock);                                       // sweeps (A over but still retained), starts B
        mock.Mock.Clock.Advance(TimeSpan.FromSeconds(3));                      // A is past its retention

        await mock.GetAsync(Ags.DiscoveryPath);
        var beforeFiveSeconds = tokens.FamilyCount;
        mock.Mock.Clock.Advance(TimeSpan.FromSeconds(2));
        await mock.GetAsync(Ags.DiscoveryPath);
        var afterFiveSeconds = tokens.FamilyCount;

        beforeFiveSeconds.Should().Be(2, "3 virtual seconds after the last sweep, none runs");
        afterFiveSeconds.Should().Be(1, "5 virtual seconds after the last sweep, A is evicted");
    }

    [Test]
    public async Task Sweep_RotatedManyTimes_RemembersABoundedNumberOfTokens()
    {
        await using var mock = await TestMock.StartAsync();
        var current = (await Ags.NewSessionAsync(mock)).RefreshToken;

        for (var i = 0; i < 40; i++) current = (await mock.RefreshAsync(current)).Text("refresh_token")!;

        mock.Mock.State.Tokens.TokenCount.Should().Be(2 * Tokens.TokenStore.RememberedGenerations, "a family remembers its last generations only");
    }
}
