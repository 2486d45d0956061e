using Harness.MockServer.Control;
using Harness.MockServer.Engine;
using Harness.MockServer.Hosting;
using Harness.MockServer.Journal;
using Harness.MockServer.Time;
using Harness.Scenarios.Model;
using WireMock.Server;

namespace Harness.MockServer.WireMock;

/// <summary>
/// The harness inside a WireMock.Net server (<c>server.AddRefreshHarness(options)</c>): its mappings answer the five
/// APIs and <c>/__harness</c> from the stateful engine; this handle moves the clock, forces outcomes and faults, resets
/// and reads the journal. Disposing it removes the harness's mappings; the server keeps running.
/// </summary>
public sealed class RefreshHarness : IAsyncDisposable
{
    private readonly PipelineBridge _bridge;

    private volatile IReadOnlyList<Guid> _mappings;

    internal RefreshHarness(WireMockServer server, PipelineBridge bridge, IReadOnlyList<Guid> mappings)
    {
        Server = server;
        _bridge = bridge;
        _mappings = mappings;
        // A reloaded contract may add, move or drop operations: the mappings follow it (the pipeline was swapped first).
        // The fallback keeps its mapping, which --proxy may have turned into a proxy.
        bridge.Served.ContractsReloaded += (_, e) => Remap(e.Contracts);
    }

    public WireMockServer Server { get; }

    /// <summary>The contracts served now, their status and their reloads.</summary>
    public ServedContracts Served => _bridge.Served;

    /// <summary>The state of the contracts served now (a reload replaces it).</summary>
    internal MockState State => Served.State;
    public VirtualClock Clock => State.Clock;
    public ContractSet Contracts => State.Contracts;

    /// <summary>The ids of the harness's mappings on <see cref="Server"/> (see <see cref="HarnessMappings"/>).</summary>
    public IReadOnlyList<Guid> MappingIds => _mappings;

    private void Remap(ContractSet contracts)
    {
        var next = HarnessMappings.Add(Server, contracts, _bridge.AnswerAsync, fallback: false);
        foreach (var gone in _mappings.Except(next).Where(id => id != HarnessMappings.FallbackGuid)) Server.DeleteMapping(gone);
        _mappings = [.. next, .. _mappings.Where(id => id == HarnessMappings.FallbackGuid)];
    }

    /// <summary>The values a conformance profile reads from the mock (client ids, accounts, tenants).</summary>
    public IReadOnlyDictionary<string, string> TargetValues => HarnessPipeline.TargetValues(State, httpBaseAddress: null);

    /// <summary>
    /// The next <paramref name="count"/> calls of an operation (<c>ags-refresh.refresh</c>) answer a documented
    /// <paramref name="status"/> (narrowed to a <paramref name="condition"/> when several share it), as
    /// <c>POST /__harness/force</c> does. An undocumented status throws <see cref="ArgumentException"/>.
    /// </summary>
    public void Force(string operationId, int status, string? condition = null, int count = 1)
    {
        var operation = Operation(operationId);
        State.Forced.Force(operation, ForcedOutcomeFinder.Find(operation, status, condition), count);
    }

    /// <summary>A fault on an operation (latency, 5xx, malformed body, dropped connection, empty answer), as <c>POST /__harness/faults</c>.</summary>
    internal void Fault(string operationId, Fault fault) => State.Faults.Set(Operation(operationId), fault);

    /// <summary>Forgets every session, forcing and fault, and sets the clock back, as <c>POST /__harness/reset</c>.</summary>
    public void Reset() => State.Reset();

    public IReadOnlyList<JournalEntry> Journal(int count = 100) => State.Journal.Latest(count);

    private Operation Operation(string operationId) =>
        Contracts.Operations.FirstOrDefault(o => o.QualifiedId.Equals(operationId, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"no operation '{operationId}'; the operations are {string.Join(", ", Contracts.Operations.Select(o => o.QualifiedId))}", nameof(operationId));

    /// <summary>Removes the harness's mappings from the server and stops its pipeline.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var id in MappingIds) Server.DeleteMapping(id);
        await _bridge.DisposeAsync();
    }
}
