using System.Text.Json.Nodes;
using Harness.MockServer.Tokens;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Control;

/// <summary>
/// The run-time overrides in force, oldest first. Requests ask only while any is in force: with none, the hot path
/// reads one counter and takes no lock.
/// </summary>
internal sealed class RuntimeOverrides : IClaimOverrides
{
    /// <summary>More than a developer sets by hand; a bound, so a script in a loop cannot grow the mock without end.</summary>
    public const int MaxInForce = 100;

    private readonly Lock _gate = new();
    private readonly List<RuntimeOverride> _inForce = [];
    private int _count;
    private int _lastId;

    public bool IsEmpty => Volatile.Read(ref _count) == 0;

    /// <summary>Puts an override in force and numbers it; false when <see cref="MaxInForce"/> are in force already.</summary>
    public bool TryAdd(RuntimeOverride added)
    {
        lock (_gate)
        {
            if (_inForce.Count >= MaxInForce) return false;
            added.Id = ++_lastId;
            _inForce.Add(added);
            Volatile.Write(ref _count, _inForce.Count);
            return true;
        }
    }

    public IReadOnlyList<RuntimeOverride> Snapshot()
    {
        lock (_gate) return [.. _inForce.Where(o => !o.UsedUp)];
    }

    /// <summary>Clears one override by id (false: none in force has it), or all of them with null; returns how many went.</summary>
    public int Clear(int? id = null)
    {
        lock (_gate)
        {
            var removed = _inForce.RemoveAll(o => id is null || o.Id == id);
            Volatile.Write(ref _count, _inForce.Count);
            return removed;
        }
    }

    /// <summary>Back to none in force, numbering from 1 again (reset).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _inForce.Clear();
            _lastId = 0;
            Volatile.Write(ref _count, 0);
        }
    }

    /// <summary>The claims for the next access token of a family: every matching override, the newer winning a claim both set.</summary>
    public ClaimPatch? TakeFor(TokenFamily family)
    {
        if (IsEmpty) return null;
        JsonObject? claims = null;
        List<string>? notes = null;
        foreach (var claimsOverride in Take<ClaimsOverride>(o => o.Matches(family)))
        {
            claims ??= [];
            foreach (var (name, value) in claimsOverride.Claims) claims[name] = value?.DeepClone();
            (notes ??= []).Add(claimsOverride.Note);
        }
        return claims is null ? null : new ClaimPatch(claims, string.Join("; ", notes!));
    }

    /// <summary>The undocumented status the next answer of the operation takes, if one is set (the oldest first).</summary>
    public UndocumentedStatusOverride? TakeStatus(Operation operation) =>
        IsEmpty ? null : Take<UndocumentedStatusOverride>(o => o.Changes(operation), first: true).FirstOrDefault();

    /// <summary>The header and body changes the next answer of the operation takes; null when none is set.</summary>
    public AnswerChanges? TakeAnswerChanges(Operation operation)
    {
        if (IsEmpty) return null;
        var taken = Take<RuntimeOverride>(o => o is HeaderOverride or BodyFieldOverride && o.Changes(operation));
        return taken.Count == 0 ? null : new AnswerChanges(taken);
    }

    /// <summary>Takes one use of each matching override (of the first only, with <paramref name="first"/>) and lets the spent ones go.</summary>
    private List<T> Take<T>(Func<T, bool> matches, bool first = false) where T : RuntimeOverride
    {
        var taken = new List<T>();
        lock (_gate)
        {
            foreach (var candidate in _inForce)
            {
                if (candidate is not T typed || !matches(typed) || !typed.TryTake()) continue;
                taken.Add(typed);
                if (first) break;
            }
            if (taken.Any(o => o.UsedUp))
            {
                _inForce.RemoveAll(o => o.UsedUp);
                Volatile.Write(ref _count, _inForce.Count);
            }
        }
        return taken;
    }
}
