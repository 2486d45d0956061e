using Harness.MockServer.Engine;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Hosting;

/// <summary>New contracts, complete and about to serve: what a host re-registers its routes or mappings from.</summary>
/// <param name="version">1 was served at start-up; each reload that serves adds one.</param>
public sealed class ContractsReloadedEventArgs(ContractSet contracts, MockState state, MockEngine engine, int version) : EventArgs
{
    public ContractSet Contracts { get; } = contracts;
    public MockState State { get; } = state;
    public MockEngine Engine { get; } = engine;
    public int Version { get; } = version;
}
