using Harness.MockServer.Engine;
using Harness.MockServer.Journal;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Hosting;

/// <summary>
/// Serves a scenario folder's latest valid contracts: on a change (seen by a <see cref="ScenarioWatcher"/>, or asked
/// for with <see cref="Reload"/>) it reads the whole folder again and lints it as start-up does. A valid folder gets a
/// new <see cref="MockState"/> and <see cref="MockEngine"/>, built completely before anything sees them, then handed to
/// the hosts through <see cref="ContractsReloaded"/>; a folder with problems is refused (<see cref="ContractsRefused"/>,
/// every problem as <c>file:line:column</c>) and the last valid contracts keep serving.
/// </summary>
/// <remarks>
/// What a reload keeps, and why: the clock (a developer who moved it is in the middle of something) and the journal
/// (it says, as a note, that the contracts changed, so answers before and after can be told apart), and the world,
/// made again from the same seed (the same tenant, clients and user). What starts empty: sessions and their tokens,
/// authorization codes, forced outcomes and faults — each was made under the old contract's operations, outcomes and
/// lifetimes, which may no longer exist or mean the same. A token issued before the reload is then unknown ("token
/// invalid", as after <c>POST /__harness/reset</c>), and an OIDC library logs in again.
/// Hosts bind to this class, not to Kestrel: the Kestrel host (<see cref="HarnessMock"/>) swaps its request pipeline
/// in its handler, and a host of another kind re-registers what it built from the contracts in its own.
/// </remarks>
internal sealed class ContractReloader : IDisposable
{
    private readonly string _folder;
    private readonly Lock _gate = new();
    private ScenarioWatcher? _watcher;
    private volatile MockState _state;
    private volatile MockEngine _engine;

    /// <param name="folder">The folder <paramref name="state"/>'s contracts were read from.</param>
    /// <param name="watch">Reload on every change to the folder, from <see cref="Start"/> on (<c>--no-watch</c> turns it off); else only on <see cref="Reload"/>.</param>
    public ContractReloader(string folder, MockState state, MockEngine engine, bool watch)
    {
        _folder = Path.GetFullPath(folder);
        _state = state;
        _engine = engine;
        Status = new ContractStatus(_folder, watch, state.Clock.GetUtcNow());
    }

    /// <summary>Starts watching the folder (when asked to in the constructor): call it once the handlers are subscribed.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (!Status.Current.Watching || _watcher is not null) return;
            try
            {
                _watcher = new ScenarioWatcher(_folder, () => Reload());
            }
            catch (IOException)
            {
                // The system's limit on watchers (inotify instances) is reached: serve without watching, and say so.
                Status.NotWatching();
            }
        }
    }

    /// <summary>The state of the contracts served now.</summary>
    public MockState State => _state;

    /// <summary>The engine of the contracts served now.</summary>
    public MockEngine Engine => _engine;

    public ContractStatus Status { get; }

    /// <summary>
    /// Raised once the new contracts' state and engine are complete, before the status says so: a handler swaps what
    /// serves requests (one reference), so a request either runs wholly on the old contracts or wholly on the new.
    /// Raised on the thread that reloads (a pool thread, when the watcher saw the change), never twice at once.
    /// </summary>
    public event EventHandler<ContractsReloadedEventArgs>? ContractsReloaded;

    /// <summary>Raised when a changed folder has problems: nothing was swapped, the last valid contracts keep serving.</summary>
    public event EventHandler<ContractsRefusedEventArgs>? ContractsRefused;

    /// <summary>Reads the folder now: serves it when valid, refuses it (keeping the last valid contracts) when not.</summary>
    public ContractStatusView Reload()
    {
        lock (_gate)
        {
            var previous = _state;
            var problems = Read(out var contracts);
            var at = previous.Clock.GetUtcNow();
            if (problems.Count > 0) return Refuse(previous, problems, at);

            MockState state;
            MockEngine engine;
            try
            {
                state = new MockState(contracts!, previous);
                engine = new MockEngine(state);
                engine.Prepare();
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or KeyNotFoundException)
            {
                // Contracts that lint clean but that the mock cannot build on: refused like a problem in a file.
                return Refuse(previous, [new Diagnostic(_folder, 0, 0, "the mock cannot serve these contracts: " + e.Message)], at);
            }
            state.Journal.RedactWith(state.Redactor);
            _engine = engine;
            _state = state;
            var version = Status.Current.Version + 1;
            ContractsReloaded?.Invoke(this, new ContractsReloadedEventArgs(contracts!, state, engine, version));
            Status.Loaded(at);
            state.Journal.RecordNote(at, _folder, "contracts-reloaded",
                $"contracts changed: version {version} ({contracts!.Apis.Count} APIs) from now on; sessions, forced outcomes and faults cleared; clock and journal kept");
            return Status.Current;
        }
    }

    private ContractStatusView Refuse(MockState serving, IReadOnlyList<Diagnostic> problems, DateTimeOffset at)
    {
        var version = Status.Current.Version;
        Status.Refused(problems, at);
        serving.Journal.RecordNote(at, _folder, "contracts-refused",
            $"scenario files changed with {problems.Count} problem(s) ({problems[0]}); still serving version {version}");
        ContractsRefused?.Invoke(this, new ContractsRefusedEventArgs(problems, version));
        return Status.Current;
    }

    /// <summary>The folder's problems as start-up would report them (the loader's, then the mock's own checks); none when valid.</summary>
    private IReadOnlyList<Diagnostic> Read(out ContractSet? contracts)
    {
        contracts = null;
        try
        {
            var (set, problems) = ScenarioLoader.TryLoad(_folder);
            if (problems.Count > 0) return problems;
            HarnessPipeline.CheckAgainstContracts(set!);
            contracts = set;
            return [];
        }
        catch (ScenarioLoadException e)
        {
            return e.Diagnostics;
        }
        catch (IOException e)
        {
            // A file being written or removed while it was read: the next change event reads it again.
            return [new Diagnostic(_folder, 0, 0, "could not read the folder: " + e.Message)];
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _watcher = null;
    }
}
