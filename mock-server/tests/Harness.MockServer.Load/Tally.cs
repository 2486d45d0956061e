using System.Collections.Concurrent;

namespace Harness.MockServer.Load;

/// <summary>What the client saw, counted across all connections at once.</summary>
internal sealed class Tally
{
    // Beyond this the list only repeats itself and costs memory under a full-size run.
    private const int MaxFailures = 1000;

    // Indexed by status (0 = no answer: the connection broke); an array keeps the hot path free of locks.
    private readonly long[] _byStatus = new long[600];
    private long _sent, _refreshes, _reuse, _malformed, _forced, _signOns, _injected, _unexpected, _socket, _abandoned, _consistent;

    public ConcurrentQueue<string> Failures { get; } = new();
    public long Sent => Interlocked.Read(ref _sent);
    public long Refreshes => Interlocked.Read(ref _refreshes);
    public long ReuseChecks => Interlocked.Read(ref _reuse);
    public long Malformed => Interlocked.Read(ref _malformed);
    public long Forced => Interlocked.Read(ref _forced);
    public long SignOns => Interlocked.Read(ref _signOns);
    public long Injected5xx => Interlocked.Read(ref _injected);
    public long Unexpected5xx => Interlocked.Read(ref _unexpected);
    public long SocketErrors => Interlocked.Read(ref _socket);
    public long Abandoned => Interlocked.Read(ref _abandoned);
    public long ConsistentFamilies => Interlocked.Read(ref _consistent);

    public void Answered(int status, bool injected)
    {
        Interlocked.Increment(ref _sent);
        Interlocked.Increment(ref _byStatus[Math.Clamp(status, 0, 599)]);
        if (injected) Interlocked.Increment(ref _injected);
        else if (status >= 500) Interlocked.Increment(ref _unexpected);
        if (status == 0) Interlocked.Increment(ref _socket);
    }

    public void Refreshed() => Interlocked.Increment(ref _refreshes);
    public void Reused() => Interlocked.Increment(ref _reuse);
    public void SentMalformed() => Interlocked.Increment(ref _malformed);
    public void SentForced() => Interlocked.Increment(ref _forced);
    public void SignedOn() => Interlocked.Increment(ref _signOns);
    public void AbandonedFamily() => Interlocked.Increment(ref _abandoned);
    public void Consistent() => Interlocked.Increment(ref _consistent);

    public void Fail(string what)
    {
        if (Failures.Count < MaxFailures) Failures.Enqueue(what);
    }

    public Dictionary<int, long> ByStatus()
    {
        var counts = new Dictionary<int, long>();
        for (var s = 0; s < _byStatus.Length; s++)
            if (Interlocked.Read(ref _byStatus[s]) is > 0 and var n) counts[s] = n;
        return counts;
    }
}
