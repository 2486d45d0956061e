using Harness.MockServer.Defects;
using Harness.Scenarios.Model;

namespace Harness.Conformance.Targets;

/// <summary>One shared in-process mock, plus a private one for each scenario that moves the clock.</summary>
public sealed class MockTargetSource : ITargetSource
{
    private readonly ContractSet _contracts;
    private readonly int _seed;
    private readonly IReadOnlySet<Defect> _defects;
    private readonly MockTarget _shared;

    private MockTargetSource(ContractSet contracts, int seed, IReadOnlySet<Defect> defects, MockTarget shared)
    {
        _contracts = contracts;
        _seed = seed;
        _defects = defects;
        _shared = shared;
    }

    public ITarget Shared => _shared;

    public static async Task<MockTargetSource> StartAsync(ContractSet contracts, int seed = 1, IReadOnlySet<Defect>? defects = null, CancellationToken cancel = default)
    {
        defects ??= new HashSet<Defect>();
        return new MockTargetSource(contracts, seed, defects, await MockTarget.StartAsync(contracts, seed, defects, cancel));
    }

    public async Task<(ITarget Target, bool Owned)> ForScenarioAsync(Scenario scenario, CancellationToken cancel)
    {
        var https = scenario.Requires.Contains("https-enforced");
        return scenario.NeedsClock || https ? (await MockTarget.StartAsync(_contracts, _seed, _defects, cancel, https), true) : (_shared, false);
    }

    public ValueTask DisposeAsync() => _shared.DisposeAsync();
}
