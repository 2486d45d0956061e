using Harness.MockServer.Engine;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Hosting;

/// <summary>New contracts, complete and about to serve: what a host re-registers its routes or mappings from.</summary>
public sealed class ContractsReloadedEventArgs : EventArgs
{
    internal ContractsReloadedEventArgs(ContractSet contracts, MockState state, MockEngine engine, int version)
    {
        Contracts = contracts;
        State = state;
        Engine = engine;
        Version = version;
    }

    public ContractSet Contracts { get; }
    internal MockState State { get; }
    internal MockEngine Engine { get; }
    /// <summary>1 was served at start-up; each reload that serves adds one.</summary>
    public int Version { get; }
}
