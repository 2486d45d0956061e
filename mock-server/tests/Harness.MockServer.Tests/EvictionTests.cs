using Harness.MockServer.Engine;
using Harness.MockServer.Tokens;

namespace Harness.MockServer.Tests;

/// <summary>
/// Memory is bounded by a cap, not by time: past <c>--max-sessions</c> the least recently used session is evicted,
/// a few per request, and the request that made room says so in the journal; reset hands everything back.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class EvictionTests
{
    private static Task<TestMock> StartAsync(int maxSessions) =>
        TestMock.WrapAsync(HarnessMock.StartAsync(Contracts.Set, new MockServerOptions { Port = 0, MaxSessions = maxSessions, TimeSource = new ManualTime() }));

    [Test]
    public async Task SignOn_PastTheCap_EvictsTheLeastRecentlyUsedSessionAndJournalsIt()
    {
        await using var mock = await StartAsync(maxSessions: 3);
        var a = await Ags.NewSessionAsync(mock);
        var b = await Ags.NewSessionAsync(mock);
        var c = await Ags.NewSessionAsync(mock);
        var aRefreshed = await mock.RefreshAsync(a.RefreshToken);                 // A is now the most recently used; B the least

        var d = await Ags.NewSessionAsync(mock);

        mock.Mock.State.Tokens.FamilyCount.Should().Be(3);
        (await mock.RefreshAsync(b.RefreshToken)).Status.Should().Be(401, "B was the least recently used and is evicted");
        (await mock.RefreshAsync(aRefreshed.Text("refresh_token")!)).Status.Should().Be(200, "A was used after B");
        (await mock.RefreshAsync(c.RefreshToken)).Status.Should().Be(200);
        (await mock.RefreshAsync(d.RefreshToken)).Status.Should().Be(200);
        var signOns = mock.Mock.Journal(500).Where(e => e.Operation == "ags-signon.signOn").ToList(); // newest first: D, C, B, A
        signOns.Should().HaveCount(4);
        signOns[0].Forced.Should().Be("evicted 1 least recently used session (cap --max-sessions 3)", "D's sign-on made room");
        signOns.Skip(1).Should().OnlyContain(e => e.Forced == null, "only D's sign-on went past the cap");
    }

    [Test]
    public void EvictOverCap_FarOverTheCap_EvictsABoundedNumberPerCallUntilUnderIt()
    {
        var state = new MockState(Contracts.Set, new MockServerOptions { MaxSessions = 10, TimeSource = new ManualTime() });
        var tokens = state.Tokens;
        var account = state.World.Accounts.First();
        for (var i = 0; i < 30; i++) tokens.StartSession("ags", account, "client", "tenant", "openid");
        tokens.FamilyCount.Should().Be(30, "nothing evicts outside a request's step");

        var steps = new List<int>();
        while (tokens.OverCap) steps.Add(tokens.EvictOverCap());

        steps.Should().OnlyContain(n => n > 0 && n <= 4, "each step evicts a few families, never a whole sweep").And.HaveCount(5);
        tokens.FamilyCount.Should().Be(10);
        tokens.TokenCount.Should().Be(20);
        tokens.EvictOverCap().Should().Be(0, "under the cap nothing is evicted");
    }

    [Test]
    public async Task Refresh_ManyRotations_KeepsEveryRefreshTokenAndTheNewestAccessTokens()
    {
        await using var mock = await TestMock.StartAsync(time: new ManualTime());
        var current = (await Ags.NewSessionAsync(mock)).RefreshToken;

        for (var i = 0; i < 40; i++) current = (await mock.RefreshAsync(current)).Text("refresh_token")!;

        mock.Mock.State.Tokens.TokenCount.Should().Be(41 + TokenStore.RememberedAccessGenerations, "every refresh token of the family's life, and its last access tokens");
    }

    [Test]
    public async Task Reset_AfterThousandsOfSessions_ForgetsThemAndStartsAgain()
    {
        await using var mock = await StartAsync(maxSessions: 50_000);
        var tokens = mock.Mock.State.Tokens;
        var account = mock.Mock.State.World.Accounts.First();
        for (var i = 0; i < 15_000; i++) tokens.StartSession("ags", account, "client", "tenant", "openid");
        var old = await Ags.NewSessionAsync(mock);

        await mock.ResetAsync();

        tokens.FamilyCount.Should().Be(0);
        tokens.TokenCount.Should().Be(0);
        (await mock.RefreshAsync(old.RefreshToken)).Status.Should().Be(401, "tokens of before the reset are unknown");
        var fresh = await Ags.NewSessionAsync(mock);
        (await mock.RefreshAsync(fresh.RefreshToken)).Status.Should().Be(200);
        tokens.FamilyCount.Should().Be(1);
    }

    [Test]
    public void Options_CapBelowOne_IsRefusedUpFront()
    {
        new MockServerOptions { MaxSessions = 0 }.Validate().Should().ContainSingle(p => p.Contains("max sessions", StringComparison.Ordinal));
    }
}
