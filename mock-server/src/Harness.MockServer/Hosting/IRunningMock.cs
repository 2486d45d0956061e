using Harness.MockServer.Defects;
using Harness.MockServer.Journal;
using Harness.MockServer.Time;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Hosting;

/// <summary>
/// A running mock, whichever host serves it: the Kestrel host (<see cref="HarnessMock"/>, the Native AOT fast path) or
/// the WireMock.Net host. Both run the same <see cref="HarnessPipeline"/>, so a test or the command line can start either.
/// </summary>
public interface IRunningMock : IAsyncDisposable
{
    /// <summary>Which host serves the mock, for the start-up banner and test names ("Kestrel", "WireMock.Net").</summary>
    string HostName { get; }

    Uri BaseAddress { get; }

    /// <summary>Where the host's own admin API is (WireMock.Net's <c>/__admin</c>), or null when it has none.</summary>
    string? AdminPath => null;

    /// <summary>With <see cref="MockServerOptions.Https"/>: the plain-HTTP address, where operations that require HTTPS are refused.</summary>
    Uri? HttpBaseAddress { get; }

    /// <summary>With <see cref="MockServerOptions.Https"/>: the certificate served, for a client to trust.</summary>
    DevelopmentCertificate? Certificate { get; }

    /// <summary>The contracts served now, their status, and their reloads (a changed scenario folder).</summary>
    ServedContracts Served { get; }

    /// <summary>The defects this mock plays (<see cref="MockServerOptions.Defects"/>), each described by <see cref="Defects.DefectCatalog"/>.</summary>
    IReadOnlySet<Defect> Defects { get; }
    VirtualClock Clock { get; }
    ContractSet Contracts { get; }

    /// <summary>The values a conformance profile reads from this mock (base URL, client ids, accounts).</summary>
    IReadOnlyDictionary<string, string> TargetValues { get; }

    void Reset();

    IReadOnlyList<JournalEntry> Journal(int count = 100);

    Task WaitForShutdownAsync(CancellationToken cancel = default);
}

/// <summary>Starts a mock on one host: what the command line is given (the launcher passes the WireMock.Net host, the Native AOT program the Kestrel one).</summary>
public delegate Task<IRunningMock> MockHostStarter(MockServerOptions options, CancellationToken cancel);
