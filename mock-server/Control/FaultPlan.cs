using System.Collections.Concurrent;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Control;

/// <summary>The faults set on each operation. Latency combines with the others; of the rest, the newest set wins.</summary>
public sealed class FaultPlan
{
    private readonly ConcurrentDictionary<string, Fault> _latency = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Fault> _failure = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Set(Operation operation, Fault fault)
    {
        var target = fault.Kind == FaultKind.Latency ? _latency : _failure;
        target[operation.QualifiedId] = fault;
    }

    public void Clear(Operation operation)
    {
        _latency.TryRemove(operation.QualifiedId, out _);
        _failure.TryRemove(operation.QualifiedId, out _);
    }

    public void Clear()
    {
        _latency.Clear();
        _failure.Clear();
    }

    public bool IsEmpty => _latency.IsEmpty && _failure.IsEmpty;

    public IReadOnlyList<(string Operation, Fault Fault)> Snapshot() =>
        [.. _latency.Select(kv => (kv.Key, kv.Value)).Concat(_failure.Select(kv => (kv.Key, kv.Value)))];

    public (Fault? Latency, Fault? Failure) Take(Operation operation)
    {
        if (IsEmpty) return (null, null);
        lock (_gate) return (TakeFrom(_latency, operation), TakeFrom(_failure, operation));
    }

    private static Fault? TakeFrom(ConcurrentDictionary<string, Fault> faults, Operation operation)
    {
        if (!faults.TryGetValue(operation.QualifiedId, out var fault)) return null;
        if (fault.Remaining is { } left)
        {
            if (left <= 1) faults.TryRemove(operation.QualifiedId, out _);
            else faults[operation.QualifiedId] = fault with { Remaining = left - 1 };
        }
        return fault;
    }
}
