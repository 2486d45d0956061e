namespace Harness.MockServer.Load;

/// <summary>The mock journal's counters, as <c>GET /__harness/state</c> reports them.</summary>
internal sealed record JournalCounters(long Served, IReadOnlyDictionary<int, long> ByStatus)
{
    /// <summary>
    /// Where the journal and the client disagree, status by status, then on the total: a request the mock
    /// served but did not count, or counted under another status, shows up here.
    /// </summary>
    public List<string> MismatchesWith(long clientSent, IReadOnlyDictionary<int, long> clientByStatus)
    {
        var mismatches = ByStatus.Keys.Union(clientByStatus.Keys).Order()
            .Where(s => ByStatus.GetValueOrDefault(s) != clientByStatus.GetValueOrDefault(s))
            .Select(s => $"{s}: journal {ByStatus.GetValueOrDefault(s)}, client {clientByStatus.GetValueOrDefault(s)}")
            .ToList();
        if (Served != clientSent) mismatches.Add($"served: journal {Served}, client sent {clientSent}");
        return mismatches;
    }
}
