using System.Collections.Concurrent;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Control;

/// <summary>
/// The faults set on each operation. Latency combines with the others; of the rest, the newest set wins. The
/// latency's jitter is drawn from the run's seed (<c>--seed</c>), so a run with jitter replays the same delays.
/// </summary>
internal sealed class FaultPlan(int seed = 1)
{
    // Seeded per plan, never shared: the same seed and the same sequence of delayed requests draw the same jitters.
    private Random _jitter = new(seed);

    private readonly ConcurrentDictionary<string, Fault> _latency = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Fault> _failure = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    // Faults set, of both kinds; changed only under _gate. Every request asks IsEmpty, and
    // ConcurrentDictionary.IsEmpty takes all of a dictionary's locks when it is empty (the usual case).
    private int _entries;

    public void Set(Operation operation, Fault fault)
    {
        var target = fault.Kind == FaultKind.Latency ? _latency : _failure;
        lock (_gate)
        {
            if (target.TryAdd(operation.QualifiedId, fault)) _entries++;
            else target[operation.QualifiedId] = fault;
        }
    }

    public void Clear(Operation operation)
    {
        lock (_gate)
        {
            if (_latency.TryRemove(operation.QualifiedId, out _)) _entries--;
            if (_failure.TryRemove(operation.QualifiedId, out _)) _entries--;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _latency.Clear();
            _failure.Clear();
            _entries = 0;
            _jitter = new Random(seed);
        }
    }

    /// <summary>How long a latency fault holds this answer: its fixed part plus a jitter drawn from the seed, 0 to <see cref="Fault.JitterMs"/> inclusive.</summary>
    public TimeSpan DelayOf(Fault latency)
    {
        if (latency.JitterMs <= 0) return TimeSpan.FromMilliseconds(latency.LatencyMs);
        int jitter;
        lock (_gate) jitter = _jitter.Next(latency.JitterMs + 1);
        return TimeSpan.FromMilliseconds(latency.LatencyMs + (long)jitter);
    }

    public bool IsEmpty => Volatile.Read(ref _entries) == 0;

    public IReadOnlyList<(string Operation, Fault Fault)> Snapshot() =>
        [.. _latency.Select(kv => (kv.Key, kv.Value)).Concat(_failure.Select(kv => (kv.Key, kv.Value)))];

    public (Fault? Latency, Fault? Failure) Take(Operation operation)
    {
        if (IsEmpty) return (null, null);
        lock (_gate) return (TakeFrom(_latency, operation), TakeFrom(_failure, operation));
    }

    /// <summary>Takes one use of the operation's fault of one kind. The caller holds _gate.</summary>
    private Fault? TakeFrom(ConcurrentDictionary<string, Fault> faults, Operation operation)
    {
        if (!faults.TryGetValue(operation.QualifiedId, out var fault)) return null;
        if (fault.Remaining is { } left)
        {
            if (left <= 1)
            {
                if (faults.TryRemove(operation.QualifiedId, out _)) _entries--;
            }
            else faults[operation.QualifiedId] = fault with { Remaining = left - 1 };
        }
        return fault;
    }
}
