using Harness.MockServer.Control;

namespace Harness.MockServer.Tests;

/// <summary>
/// The latency fault is part of the seeded, virtual-clock world: its jitter is drawn from <c>--seed</c>, and it
/// waits on the mock's clock, so a test moves the clock instead of sleeping through the delay.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class LatencyClockTests
{
    private static readonly Fault Jittery = new(FaultKind.Latency, LatencyMs: 1_000, JitterMs: 5_000);

    [Test]
    public void DelayOf_SameSeed_DrawsTheSameJitters()
    {
        var one = new FaultPlan(seed: 7);
        var two = new FaultPlan(seed: 7);

        var first = Enumerable.Range(0, 20).Select(_ => one.DelayOf(Jittery)).ToList();
        var second = Enumerable.Range(0, 20).Select(_ => two.DelayOf(Jittery)).ToList();

        second.Should().Equal(first);
        first.Should().OnlyContain(d => d >= TimeSpan.FromMilliseconds(1_000) && d <= TimeSpan.FromMilliseconds(6_000));
        first.Distinct().Should().HaveCountGreaterThan(1, "the jitter varies from one answer to the next");
    }

    [Test]
    public void DelayOf_OtherSeed_DrawsOtherJitters()
    {
        var one = new FaultPlan(seed: 7);
        var two = new FaultPlan(seed: 8);

        Enumerable.Range(0, 20).Select(_ => two.DelayOf(Jittery)).Should().NotEqual(Enumerable.Range(0, 20).Select(_ => one.DelayOf(Jittery)));
    }

    [Test]
    public void DelayOf_AfterClear_StartsTheSequenceAgain()
    {
        var plan = new FaultPlan(seed: 7);
        var before = Enumerable.Range(0, 5).Select(_ => plan.DelayOf(Jittery)).ToList();

        plan.Clear();

        Enumerable.Range(0, 5).Select(_ => plan.DelayOf(Jittery)).Should().Equal(before, "a reset run replays the same delays");
    }

    [Test]
    public async Task Latency_WithJitter_WaitsTheSeededDelayOnTheVirtualClock()
    {
        await using var mock = await TestMock.StartAsync(seed: 3, time: new ManualTime());
        var expected = new FaultPlan(seed: 3).DelayOf(Jittery);
        (await mock.FaultAsync("ags-signon", "signOn", new JsonObject { ["kind"] = "latency", ["latencyMs"] = 1_000, ["jitterMs"] = 5_000 })).Status.Should().Be(200);

        var signOn = mock.SignOnAsync();
        await WaitUntilWaitingAsync(mock, signOn);

        mock.Mock.Clock.NextWait.Should().Be(expected, "the delay is the fixed part plus the seed's first jitter, on a clock that stands still");
        signOn.IsCompleted.Should().BeFalse("the clock has not moved");
        mock.Mock.Clock.Advance(expected);
        var reply = await signOn.WaitAsync(TimeSpan.FromSeconds(15));
        reply.Status.Should().Be(201, "{0}", reply);
    }

    [Test]
    public async Task Latency_OfAnHour_EndsWhenTheClockIsMovedAnHour()
    {
        await using var mock = await TestMock.StartAsync(time: new ManualTime());
        (await mock.FaultAsync("ags-signon", "signOn", new JsonObject { ["kind"] = "latency", ["latencyMs"] = 3_600_000 })).Status.Should().Be(200);

        var signOn = mock.SignOnAsync();
        await WaitUntilWaitingAsync(mock, signOn);
        await mock.AdvanceAsync(3_600);

        var reply = await signOn.WaitAsync(TimeSpan.FromSeconds(15));
        reply.Status.Should().Be(201, "an hour of latency passed on the mock's clock: {0}", reply);
    }

    /// <summary>Waits (bounded) until the request has reached the latency fault's wait: the clock must not move before it.</summary>
    private static async Task WaitUntilWaitingAsync(TestMock mock, Task<Reply> request)
    {
        for (var i = 0; i < 1_000 && mock.Mock.Clock.PendingWaits == 0 && !request.IsCompleted; i++) await Task.Delay(10);
        mock.Mock.Clock.PendingWaits.Should().Be(1, "the request must be waiting on the clock");
    }
}
