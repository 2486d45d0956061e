using Harness.MockServer.Engine;

namespace Harness.MockServer.Tests;

/// <summary>
/// A token gets its documented answer all its life and after: expired however long ago it expired, and a
/// rotated-away refresh token presented again is reuse (which revokes the family) however many rotations ago
/// it was replaced. Every refresh operation of every contract.
/// </summary>
[TestFixtureSource(typeof(MockHosts), nameof(MockHosts.All))]
public sealed class ExpiryEdgeTests(MockHost host) : SharedMockFixture(host)
{
    private static IEnumerable<TestCaseData> RefreshOperations() =>
        Contracts.Set.Operations.Where(o => o.Role == OperationRole.Refresh)
            .Select(o => new TestCaseData(o.QualifiedId).SetArgDisplayNames(o.QualifiedId));

    [TestCaseSource(nameof(RefreshOperations))]
    public async Task Refresh_TokenMonthsPastItsExpiry_IsAnsweredExpired(string operationId)
    {
        var (operation, slots) = await SessionAsync(operationId);
        var policy = Contracts.Set.Policy(Contracts.Set.Api(operation.ApiId)!.Realm)!;
        var life = Math.Max(policy.Refresh.Seconds, policy.Session?.Seconds ?? 0);

        Mock.Mock.Clock.Advance(TimeSpan.FromSeconds(life + 90L * 86_400));   // three months past the end of the session
        var reply = await Mock.SendAsync(ContractRequests.Build(operation, slots));

        reply.ShouldMatch(operation, Outcomes.For(operation, Condition.TokenExpired));
        LastCondition().Should().Be("token-expired", "the wire answer of several APIs is the same for an unknown token; the journal tells them apart");
    }

    [TestCaseSource(nameof(RefreshOperations))]
    public async Task Refresh_TokenTwentyRotationsOld_IsReuseAndRevokesTheFamily(string operationId)
    {
        var (operation, first) = await SessionAsync(operationId);
        var current = first;
        for (var i = 0; i < 20; i++) current = await RefreshAsync(operation, current);

        var reused = await Mock.SendAsync(ContractRequests.Build(operation, WithRefreshToken(current, first)));
        var newest = await Mock.SendAsync(ContractRequests.Build(operation, current));

        reused.ShouldMatch(operation, Outcomes.For(operation, Condition.TokenReused));
        newest.ShouldMatch(operation, Outcomes.For(operation, Condition.TokenRevoked));
        Mock.Mock.Journal(2).Select(e => e.Condition).Should().Equal(["token-revoked", "token-reused"], "newest first");
    }

    /// <summary>README's recipe: moving the clock past the AGS session lifetime expires the session.</summary>
    [Test]
    public async Task AgsRefresh_ClockMovedPastTheThirtyDaySession_AnswersExpired()
    {
        var session = await Ags.NewSessionAsync(Mock);
        await Mock.AdvanceAsync(2_592_001);

        var reply = await Mock.RefreshAsync(session.RefreshToken);

        var operation = Contracts.Set.Operations.Single(o => o.QualifiedId == "ags-refresh.refresh");
        reply.ShouldMatch(operation, Outcomes.For(operation, Condition.TokenExpired));
        LastCondition().Should().Be("token-expired");
    }

    private string? LastCondition() => Mock.Mock.Journal(1).Single().Condition;

    private async Task<(Operation Operation, Dictionary<Slot, string> Slots)> SessionAsync(string operationId)
    {
        var operation = Contracts.Set.Operations.Single(o => o.QualifiedId == operationId);
        return (operation, await ContractRequests.StartSessionAsync(Mock, Contracts.Set.Api(operation.ApiId)!.Realm));
    }

    /// <summary>Refreshes once and answers the slots with the new pair.</summary>
    private async Task<Dictionary<Slot, string>> RefreshAsync(Operation operation, Dictionary<Slot, string> slots)
    {
        var reply = await Mock.SendAsync(ContractRequests.Build(operation, slots));
        reply.ShouldBeSuccessOf(operation);
        var next = new Dictionary<Slot, string>(slots);
        foreach (var (slot, value) in ContractRequests.SlotsOf(operation, reply.Json)) next[slot] = value;
        return next;
    }

    /// <summary>The newest slots (access token included, for operations that pair them) with an older refresh token.</summary>
    private static Dictionary<Slot, string> WithRefreshToken(Dictionary<Slot, string> newest, Dictionary<Slot, string> older) =>
        new(newest) { [Slot.RefreshToken] = older[Slot.RefreshToken] };
}
