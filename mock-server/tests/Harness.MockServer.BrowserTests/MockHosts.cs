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
public sealed class RunningMock(Uri baseAddress, IReadOnlyDictionary<string, string> targetValues, Func<TimeSpan> clockOffset, Action reset, Func<ValueTask> dispose)
    : IAsyncDisposable
{
    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>The seeded values a client needs (client id, user name, ...), as <c>GET /__harness/target</c> gives them.</summary>
    public IReadOnlyDictionary<string, string> TargetValues { get; } = targetValues;

    /// <summary>How far the mock's virtual clock has been moved.</summary>
    public TimeSpan ClockOffset => clockOffset();

    public void Reset() => reset();

    public ValueTask DisposeAsync() => dispose();
}

/// <summary>
/// Starts the mock on a host. Every browser fixture runs once per host that has a factory here
/// (<see cref="Hosts"/>, its <c>TestFixtureSource</c>); a host without one is not run at all, never skipped.
/// </summary>
public static class MockHosts
{
    private static readonly Dictionary<MockHost, Func<MockServerOptions, Task<RunningMock>>> Factories = new()
    {
        [MockHost.Kestrel] = async options => Of(await HarnessMock.StartAsync(options)),
        // The WireMock.Net host joins with this one line (its project is referenced already):
        // [MockHost.WireMockNet] = async options => { var m = await Harness.MockServer.WireMock.WireMockHarnessHost.StartAsync(options); return new RunningMock(m.BaseAddress, m.TargetValues, () => m.Clock.Offset, m.Reset, m.DisposeAsync); },
    };

    /// <summary>The hosts the browser fixtures run against.</summary>
    public static IEnumerable<MockHost> Hosts => Factories.Keys;

    public static Task<RunningMock> StartAsync(MockHost host, MockServerOptions options) =>
        Factories.TryGetValue(host, out var start) ? start(options) : throw new InvalidOperationException($"no factory starts the mock on the {host} host");

    private static RunningMock Of(HarnessMock mock) => new(mock.BaseAddress, mock.TargetValues, () => mock.Clock.Offset, mock.Reset, mock.DisposeAsync);
}
