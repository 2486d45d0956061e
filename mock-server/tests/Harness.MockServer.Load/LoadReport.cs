namespace Harness.MockServer.Load;

/// <summary>
/// What a robustness run found: the traffic it sent, the faults injected and seen, the family checks and the
/// journal compared with the client. <see cref="Failures"/> and <see cref="Passed"/> are the verdict.
/// </summary>
public sealed record LoadReport
{
    // bench/run prints every failure line; the first few failed checks tell the story, the rest repeat it.
    private const int CheckFailuresListed = 20;

    public required int Connections { get; init; }

    /// <summary>How long the mixed traffic ran; the family checks after it are not timed.</summary>
    public required double LoadSeconds { get; init; }

    /// <summary>Requests sent while the traffic ran, family checks not included.</summary>
    public required long Requests { get; init; }

    public double RequestsPerSecond => Requests / LoadSeconds;

    /// <summary>Successful refreshes, those of the family checks included.</summary>
    public required long Refreshes { get; init; }

    /// <summary>Rotated-away tokens presented again (and answered: a faulted attempt does not count).</summary>
    public required long ReuseChecks { get; init; }

    public required long Malformed { get; init; }
    public required long Forced { get; init; }
    public required long SignOns { get; init; }

    /// <summary>Server errors the mock injected and a request took; one set but never taken was not injected.</summary>
    public required long Injected5xx { get; init; }

    /// <summary>Injected server errors as the client saw them: should equal <see cref="Injected5xx"/>.</summary>
    public required long Seen5xx { get; init; }

    /// <summary>Connections the mock dropped on purpose and a request took.</summary>
    public required long InjectedDrops { get; init; }

    /// <summary>Requests that got no answer: should equal <see cref="InjectedDrops"/>.</summary>
    public required long SocketErrors { get; init; }

    public required int InjectedLatencies { get; init; }

    /// <summary>5xx answers that were not injected: the mock failed on its own.</summary>
    public required long Unexpected5xx { get; init; }

    public required int FamiliesChecked { get; init; }
    public required long FamiliesConsistent { get; init; }

    /// <summary>Families given up because a drop hit their refresh: whether it rotated is unknown, so they are not checked.</summary>
    public required long FamiliesAbandoned { get; init; }

    /// <summary>API requests the journal counted (<c>served</c> in <c>GET /__harness/state</c>).</summary>
    public required long JournalServed { get; init; }

    /// <summary>API requests the client sent, family checks included: should equal <see cref="JournalServed"/>.</summary>
    public required long ClientSent { get; init; }

    /// <summary>The journal's counters by status (0 = dropped connection).</summary>
    public required IReadOnlyDictionary<int, long> JournalByStatus { get; init; }

    /// <summary>What the client got, by status, counted the journal's way.</summary>
    public required IReadOnlyDictionary<int, long> ClientByStatus { get; init; }

    /// <summary>Where the journal and the client disagree: a status count, or the total.</summary>
    public required IReadOnlyList<string> StatusMismatches { get; init; }

    /// <summary>Every check that failed during the traffic and the family checks, in order (at most 1000).</summary>
    public required IReadOnlyList<string> CheckFailures { get; init; }

    /// <summary>Why the run failed: the first failed checks, then every counter that disagrees with another.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            var failures = CheckFailures.Take(CheckFailuresListed).ToList();
            if (Unexpected5xx > 0) failures.Add($"{Unexpected5xx} unexpected 5xx");
            if (Seen5xx != Injected5xx) failures.Add($"client saw {Seen5xx} injected 5xx, the mock injected {Injected5xx}");
            if (SocketErrors != InjectedDrops) failures.Add($"{SocketErrors} socket errors, {InjectedDrops} injected drops");
            failures.AddRange(StatusMismatches.Select(m => "journal mismatch " + m));
            return failures;
        }
    }

    /// <summary>No failure, and every checked family consistent.</summary>
    public bool Passed => Failures.Count == 0 && FamiliesConsistent == FamiliesChecked;
}
