namespace Harness.MockServer.Hosting;

/// <summary>Contract reloading, as the <see cref="ServedContracts"/> of this mock does it.</summary>
public sealed partial class HarnessMock
{
    /// <summary>Where the contracts came from: the scenario folder, or <c>embedded</c> (the program's own copy).</summary>
    public string ContractSource => ContractStatus.Source;

    /// <summary>The served contract version and, when the folder changed with problems since, what they are.</summary>
    public ContractStatusView ContractStatus => Served.Status.Current;

    /// <summary>Raised after a changed scenario folder was loaded and is being served; only a mock started on a folder reloads.</summary>
    public event EventHandler<ContractsReloadedEventArgs>? ContractsReloaded
    {
        add => Served.ContractsReloaded += value;
        remove => Served.ContractsReloaded -= value;
    }

    /// <summary>Raised when a changed scenario folder has problems; the last valid contracts keep serving.</summary>
    public event EventHandler<ContractsRefusedEventArgs>? ContractsRefused
    {
        add => Served.ContractsRefused += value;
        remove => Served.ContractsRefused -= value;
    }

    /// <summary>Reads the scenario folder again now, as the watcher does on a change (embedded contracts have no folder to read).</summary>
    public ContractStatusView ReloadContracts() => Served.Reload();
}
