namespace Harness.MockServer.BrowserTests;

/// <summary>The host that serves the mock a browser fixture drives.</summary>
public enum MockHost
{
    /// <summary>The Kestrel host (<see cref="HarnessMock"/>): the Native AOT program's.</summary>
    Kestrel,

    /// <summary>The WireMock.Net host, which <c>dotnet run --project mock-server</c> starts.</summary>
    WireMockNet,
}

/// <summary>A running mock as the browser tests use it, whichever host serves it.</summary>
public sealed class RunningMock(IRunningMock mock) : IAsyncDisposable
{
    public Uri BaseAddress => mock.BaseAddress;

    /// <summary>The seeded values a client needs (client id, user name, ...), as <c>GET /__harness/target</c> gives them.</summary>
    public IReadOnlyDictionary<string, string> TargetValues => mock.TargetValues;

    /// <summary>How far the mock's virtual clock has been moved.</summary>
    public TimeSpan ClockOffset => mock.Clock.Offset;

    /// <summary>The state of the contracts served now, to check what a page's calls set.</summary>
    internal MockState State => mock.State;

    public void Reset() => mock.Reset();

    public IReadOnlyList<Harness.MockServer.Journal.JournalEntry> Journal(int count = 100) => mock.Journal(count);

    public ValueTask DisposeAsync() => mock.DisposeAsync();
}

/// <summary>
/// Starts the mock on a host. Every browser fixture runs once per host that has a factory here
/// (<see cref="Hosts"/>, its <c>TestFixtureSource</c>); a host without one is not run at all, never skipped.
/// </summary>
public static class MockHosts
{
    private static readonly Dictionary<MockHost, Func<MockServerOptions, Task<RunningMock>>> Factories = new()
    {
        [MockHost.Kestrel] = async options => new RunningMock(await HarnessMock.StartAsync(options)),
        [MockHost.WireMockNet] = async options => new RunningMock(await Harness.MockServer.WireMock.WireMockHarnessHost.StartAsync(options)),
    };

    /// <summary>The hosts the browser fixtures run against.</summary>
    public static IEnumerable<MockHost> Hosts => Factories.Keys;

    public static Task<RunningMock> StartAsync(MockHost host, MockServerOptions options) =>
        Factories.TryGetValue(host, out var start) ? start(options) : throw new InvalidOperationException($"no factory starts the mock on the {host} host");
}
