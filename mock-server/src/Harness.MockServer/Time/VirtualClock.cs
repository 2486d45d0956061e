namespace Harness.MockServer.Time;

/// <summary>
/// Real time plus an offset that only moves forward. Tests and frontend developers advance it to expire a
/// 30-day session in a millisecond; nothing in the mock sleeps, it only asks this clock — including the
/// latency fault, whose waits (<see cref="DelayAsync"/>) end when this clock reaches them, by real time passing
/// or by <see cref="Advance"/>.
/// </summary>
public sealed class VirtualClock(TimeProvider? source = null) : TimeProvider
{
    private readonly TimeProvider _source = source ?? System;
    private long _offsetTicks;
    private readonly Lock _gate = new();
    private readonly List<Wait> _waits = [];

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => _source.GetUtcNow() + Offset;

    public long UnixSeconds => GetUtcNow().ToUnixTimeSeconds();

    /// <summary>How many <see cref="DelayAsync"/> waits are under way (a test waits for its request to reach one before moving the clock).</summary>
    public int PendingWaits
    {
        get { lock (_gate) return _waits.Count; }
    }

    /// <summary>How long until the first <see cref="DelayAsync"/> under way ends on this clock; null when none is.</summary>
    public TimeSpan? NextWait
    {
        get
        {
            lock (_gate) return _waits.Count == 0 ? null : _waits.Min(w => w.Due) - GetUtcNow();
        }
    }

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "the clock only moves forward");
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        ReleaseDue();
    }

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);

    /// <summary>
    /// Waits until this clock reads <paramref name="wait"/> later than now: a timer of the source clock covers real time
    /// passing, <see cref="Advance"/> covers the virtual jump. A test moves the clock instead of sleeping.
    /// </summary>
    public async Task DelayAsync(TimeSpan wait, CancellationToken cancel)
    {
        if (wait <= TimeSpan.Zero) return;
        var pending = new Wait(GetUtcNow() + wait);
        lock (_gate) _waits.Add(pending);
        try
        {
            await using var timer = _source.CreateTimer(static w => ((Wait)w!).Done.TrySetResult(), pending, wait, Timeout.InfiniteTimeSpan);
            // The clock may have been moved between reading it and registering the wait.
            if (GetUtcNow() >= pending.Due) pending.Done.TrySetResult();
            await pending.Done.Task.WaitAsync(cancel);
        }
        finally
        {
            lock (_gate) _waits.Remove(pending);
        }
    }

    private void ReleaseDue()
    {
        var now = GetUtcNow();
        lock (_gate)
        {
            foreach (var pending in _waits)
                if (now >= pending.Due) pending.Done.TrySetResult();
        }
    }

    private sealed class Wait(DateTimeOffset due)
    {
        public DateTimeOffset Due { get; } = due;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
