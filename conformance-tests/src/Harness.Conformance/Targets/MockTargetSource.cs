using Harness.MockServer.Defects;
using Harness.MockServer.WireMock;
using Harness.Scenarios.Model;

namespace Harness.Conformance.Targets;

/// <summary>One shared in-process mock, plus a private one for each scenario that moves the clock (or needs HTTPS), all on one <see cref="MockHost"/>.</summary>
public sealed class MockTargetSource : ITargetSource
{
    private readonly ContractSet _contracts;
    private readonly int _seed;
    private readonly IReadOnlySet<Defect> _defects;
    private readonly MockTarget _shared;
    private readonly MockHost _host;

    private MockTargetSource(ContractSet contracts, int seed, IReadOnlySet<Defect> defects, MockTarget shared, MockHost host)
    {
        _host = host;
        _contracts = contracts;
        _seed = seed;
        _defects = defects;
        _shared = shared;
    }

    public ITarget Shared => _shared;

    /// <summary>Starts the shared mock on <paramref name="host"/>; each scenario's private mock runs on the same host.</summary>
    public static async Task<MockTargetSource> StartAsync(ContractSet contracts, int seed = 1, IReadOnlySet<Defect>? defects = null, CancellationToken cancel = default, MockHost host = MockHost.Kestrel)
    {
        defects ??= new HashSet<Defect>();
        return new MockTargetSource(contracts, seed, defects, await MockTarget.StartAsync(contracts, seed, defects, cancel, host: host), host);
    }

    public async Task<(ITarget Target, bool Owned)> ForScenarioAsync(Scenario scenario, CancellationToken cancel)
    {
        var https = scenario.Requires.Contains("https-enforced");
        return scenario.NeedsClock || https ? (await MockTarget.StartAsync(_contracts, _seed, _defects, cancel, https, _host), true) : (_shared, false);
    }

    public ValueTask DisposeAsync() => _shared.DisposeAsync();
}
