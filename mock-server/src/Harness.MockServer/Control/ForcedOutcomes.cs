using System.Collections.Concurrent;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Control;

/// <summary>"Answer the next N calls of this operation with that documented outcome", set through the control API.</summary>
internal sealed class ForcedOutcomes
{
    private readonly ConcurrentDictionary<string, Forcing> _byOperation = new(StringComparer.Ordinal);

    public void Force(Operation operation, Outcome outcome, int count) => _byOperation[operation.QualifiedId] = new Forcing(outcome, count);

    public void Clear(Operation operation) => _byOperation.TryRemove(operation.QualifiedId, out _);

    public void Clear() => _byOperation.Clear();

    public IReadOnlyDictionary<string, (Outcome Outcome, int Remaining)> Snapshot() =>
        _byOperation.ToDictionary(kv => kv.Key, kv => (kv.Value.Outcome, kv.Value.Remaining));

    /// <summary>Takes one forced answer for the operation, if any are left.</summary>
    public Outcome? Take(Operation operation)
    {
        if (!_byOperation.TryGetValue(operation.QualifiedId, out var forcing)) return null;
        var left = Interlocked.Decrement(ref forcing.Remaining);
        if (left < 0) return null;
        if (left == 0) _byOperation.TryRemove(new KeyValuePair<string, Forcing>(operation.QualifiedId, forcing));
        return forcing.Outcome;
    }

    private sealed class Forcing(Outcome outcome, int count)
    {
        public Outcome Outcome { get; } = outcome;
        public int Remaining = count;
    }
}
