using Harness.MockServer.Hosting;
using Harness.Scenarios.Model;

namespace Harness.MockServer.WireMock;

/// <summary>Which host serves an in-process mock: both run the same <see cref="HarnessPipeline"/>, and the tests check both.</summary>
public enum MockHost
{
    /// <summary>The engine on Kestrel alone (the Native AOT fast path).</summary>
    Kestrel,

    /// <summary>The engine behind WireMock.Net mappings (what <c>dotnet run --project mock-server</c> starts).</summary>
    WireMockNet,
}

/// <summary>Starts a mock on a <see cref="MockHost"/>.</summary>
public static class MockHosts
{
    /// <summary>Every host, for a test that runs on each (NUnit TestFixtureSource / ValueSource).</summary>
    public static IReadOnlyList<MockHost> All { get; } = Enum.GetValues<MockHost>();

    /// <summary>The host's name as tests and reports show it: <c>kestrel</c>, <c>wiremock-net</c>.</summary>
    public static string Name(this MockHost host) => host switch
    {
        MockHost.Kestrel => "kestrel",
        MockHost.WireMockNet => "wiremock-net",
        _ => throw new ArgumentOutOfRangeException(nameof(host), host, null),
    };

    public static async Task<IRunningMock> StartAsync(MockHost host, ContractSet contracts, MockServerOptions options, CancellationToken cancel = default) => host switch
    {
        MockHost.Kestrel => await HarnessMock.StartAsync(contracts, options, cancel),
        MockHost.WireMockNet => await WireMockHarnessHost.StartAsync(contracts, options, cancel),
        _ => throw new ArgumentOutOfRangeException(nameof(host), host, null),
    };
}
