using System.Net.Http.Json;
using Harness.MockServer.Defects;
using Harness.MockServer.Hosting;
using Harness.MockServer.WireMock;
using Harness.Scenarios.Model;
using Harness.Scenarios.Profiles;

namespace Harness.Conformance.Targets;

/// <summary>The mock, started in-process: every API, every capability, and target values read from its own world.</summary>
public sealed class MockTarget : ITarget
{
    private readonly IRunningMock _mock;

    private MockTarget(IRunningMock mock)
    {
        _mock = mock;
        // A mock serving HTTPS presents a certificate it made at start-up: trust exactly that one.
        var handler = new HttpClientHandler();
        if (mock.Certificate is { } certificate) handler.ServerCertificateCustomValidationCallback = (_, presented, _, _) => certificate.IsThis(presented);
        Http = new HttpClient(handler) { BaseAddress = mock.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public IRunningMock Mock => _mock;
    public string Name => (_mock is HarnessMock ? "mock" : $"mock on {_mock.HostName}")
        + (_mock.Defects.Count == 0 ? "" : " with " + string.Join(", ", _mock.Defects.Select(d => DefectCatalog.Info(d).Name)));
    public string Kind => "mock";
    public Uri BaseAddress => _mock.BaseAddress;
    public HttpClient Http { get; }

    public static async Task<MockTarget> StartAsync(ContractSet contracts, int seed, IReadOnlySet<Defect> defects, CancellationToken cancel = default, bool https = false, MockHost host = MockHost.Kestrel) =>
        new(await MockHosts.StartAsync(host, contracts, new MockServerOptions { Port = 0, Seed = seed, Defects = defects, Https = https }, cancel));

    public bool Implements(string apiId) => true;
    // https-enforced: a scenario that needs it gets its own mock started with --https (MockTargetSource).
    public bool Has(string capability) => capability is "clock-control" or "https-enforced";
    public string? Value(string name) => _mock.TargetValues.TryGetValue(name, out var value) ? value : null;
    public int? Lifetime(string realm, TokenKind kind) => null;
    public string PathOf(Operation operation) => operation.Path;

    public async Task AdvanceClockAsync(long seconds, CancellationToken cancel)
    {
        using var response = await Http.PostAsJsonAsync($"{HarnessMock.ControlPrefix}/clock/advance", new { seconds }, cancel);
        response.EnsureSuccessStatusCode();
    }

    public ClientAuthentication ClientAuth => ClientAuthentication.AsContract;
    public string? ClientSecretOf(string clientId) => null;
    public int? ReuseGraceSeconds => null;
    public Task WaitOutReuseGraceAsync(TimeProvider time, CancellationToken cancel) => Task.CompletedTask;

    public Task<string?> BootstrapTokenResponseAsync(string realm, CancellationToken cancel) => Task.FromResult<string?>(null);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _mock.DisposeAsync();
    }
}
