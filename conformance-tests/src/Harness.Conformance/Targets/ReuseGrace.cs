using Harness.Conformance.Running;

namespace Harness.Conformance.Targets;

/// <summary>
/// Waiting out a target's reuse grace period (<c>reuse-grace-seconds</c>). A server that accepts a rotated-away
/// refresh token for a few seconds (to forgive concurrent refreshes) does detect reuse, only later; presenting the old
/// token at once would read as "no reuse detection". The wait is on the virtual clock where there is one; on a real
/// clock only a short wait is worth a check's time, so a longer period skips the reuse checks with the reason.
/// </summary>
public static class ReuseGrace
{
    /// <summary>The longest grace period waited out in real time; one second is added to be past it.</summary>
    public const int MaxRealWaitSeconds = 5;

    public static async Task WaitOutAsync(ITarget target, int? graceSeconds, TimeProvider time, CancellationToken cancel)
    {
        if (graceSeconds is not { } grace || grace <= 0) return;
        if (target.Has("clock-control"))
            await target.AdvanceClockAsync(grace + 1, cancel);
        else if (grace <= MaxRealWaitSeconds)
            await Task.Delay(TimeSpan.FromSeconds(grace + 1), time, cancel);
        else
            throw new ScenarioSkipped($"the target accepts a rotated-away refresh token for {grace} s (reuse-grace-seconds) and its clock cannot be moved; " +
                                      $"the suite waits out at most {MaxRealWaitSeconds} s in real time");
    }
}
