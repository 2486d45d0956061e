namespace Harness.MockServer.Time;

/// <summary>
/// Real time plus an offset that only moves forward. Tests and frontend developers advance it to expire a
/// 30-day session in a millisecond; nothing in the mock sleeps, it only asks this clock.
/// </summary>
public sealed class VirtualClock(TimeProvider? source = null) : TimeProvider
{
    private readonly TimeProvider _source = source ?? System;
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => _source.GetUtcNow() + Offset;

    public long UnixSeconds => GetUtcNow().ToUnixTimeSeconds();

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "the clock only moves forward");
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
