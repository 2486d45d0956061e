using Harness.Scenarios.Model;

namespace Harness.MockServer.Control;

/// <summary>What a run-time override changes: the claims of access tokens, or one thing about an operation's answers.</summary>
internal enum OverrideKind { Claims, Body, Header, Status }

/// <summary>
/// One run-time override in force (<c>/__harness/overrides</c>): like a forced outcome, it lasts for a count of uses
/// (or until cleared) and every answer it changes names it in the journal. Unlike a forced outcome it may step
/// outside the contract, and then says so (<see cref="OutsideContract"/>).
/// </summary>
internal abstract class RuntimeOverride(int? count)
{
    private int _remaining = count ?? 0;
    private long _applied;

    /// <summary>The handle the control API lists it by and clears it with; numbered from 1 per mock run.</summary>
    public int Id { get; internal set; }

    public abstract OverrideKind Kind { get; }

    /// <summary>The operation whose answers it changes (<c>api.operation</c>); null for claims, which follow tokens.</summary>
    public virtual string? Operation => null;

    /// <summary>Whether an answer it changes is one the contract does not document.</summary>
    public virtual bool OutsideContract => false;

    /// <summary>Uses left; null: until cleared or reset.</summary>
    public int? Remaining => count is null ? null : Math.Max(0, Volatile.Read(ref _remaining));

    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>What it does, for the control API's list and the dashboard.</summary>
    public abstract string Describe();

    /// <summary>Takes one use; false once the count is spent (another request took the last one).</summary>
    internal bool TryTake()
    {
        if (count is not null && Interlocked.Decrement(ref _remaining) < 0) return false;
        Interlocked.Increment(ref _applied);
        return true;
    }

    internal bool UsedUp => count is not null && Volatile.Read(ref _remaining) <= 0;

    /// <summary>Whether two operations are the same one; compared by ids, so a reloaded contract's operation still matches.</summary>
    protected static bool Same(Operation mine, Operation other) =>
        string.Equals(mine.ApiId, other.ApiId, StringComparison.Ordinal) && string.Equals(mine.Id, other.Id, StringComparison.Ordinal);

    internal virtual bool Changes(Operation operation) => false;
}
