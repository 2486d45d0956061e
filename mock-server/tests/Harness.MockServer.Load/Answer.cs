using Harness.Scenarios.Redaction;

namespace Harness.MockServer.Load;

/// <summary>
/// One answer as a connection got it. Injected: the chaos loop's 503, sent before the operation ran.
/// Dropped: no answer at all (status 0), which the journal records the same way.
/// </summary>
internal sealed record Answer(int Status, string Body, bool Injected, bool Dropped)
{
    /// <summary>A faulted answer says nothing about the contract, so no check holds it against the API.</summary>
    public bool Faulted => Injected || Dropped;

    /// <summary>
    /// Enough of the body to tell what went wrong without flooding the report with a 70 kB echo, tokens and secrets
    /// masked: redacted before it is cut, since a cut JWT no longer looks like one to the redactor.
    /// </summary>
    public string Excerpt
    {
        get
        {
            var safe = new Redactor().Redact(Body);
            return safe.Length <= 200 ? safe : safe[..200] + "…";
        }
    }
}
