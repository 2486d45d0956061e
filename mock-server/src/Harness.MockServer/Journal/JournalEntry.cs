namespace Harness.MockServer.Journal;

/// <summary>
/// One served request, already redacted: nothing in the journal can leak a token or a secret. <see cref="Source"/>
/// says what answered it (<see cref="JournalSources"/>): the contract, or on the WireMock.Net host a user's stub, the proxy, or nothing.
/// </summary>
public sealed record JournalEntry(
    long Sequence,
    DateTimeOffset At,
    string Method,
    string Path,
    string? Operation,
    int Status,
    string? Condition,
    string? Forced,
    double DurationMs,
    IReadOnlyDictionary<string, string> RequestHeaders,
    string RequestBody,
    string ResponseBody,
    string Source = JournalSources.Contract)
{
    /// <summary>The answer was one the contract does not document: a run-time override's status (<c>/__harness/overrides/status</c>).</summary>
    public bool OutsideContract => Condition == Control.UndocumentedStatusOverride.Condition;
}
