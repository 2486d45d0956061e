using Harness.MockServer.Control;
using Harness.MockServer.Dashboard;
using Harness.MockServer.Engine;
using Harness.MockServer.OpenApi;
using Harness.MockServer.Oidc;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Hosting;

/// <summary>Contracts as read at start-up: the set, where it came from (a folder or <c>embedded</c>), and the folder to reload it from.</summary>
public sealed record LoadedContracts(ContractSet Contracts, string Source, string? Folder);

/// <summary>
/// The contracts a host serves now and the part of the pipeline that depends on them (CORS for the realms, the engine
/// for the contracts' paths, the control API, dashboard, OpenAPI and OIDC endpoints), built once per contract version
/// and swapped whole when the <see cref="ContractReloader"/> has read a changed folder. Both hosts hold one: the Kestrel
/// host serves it on sockets, the WireMock.Net host in memory, and the WireMock.Net host also re-registers its mappings.
/// </summary>
public sealed class ServedContracts : IDisposable
{
    private volatile ServedRun _run;

    private ServedContracts(IServiceProvider services, ServedRun run, ContractStatus status, ContractReloader? reloader)
    {
        _run = run;
        Status = status;
        Reloader = reloader;
        // Subscribed before anyone else: the pipeline is swapped before other handlers (the console, the WireMock.Net
        // host's mappings) hear of the new version.
        if (reloader is not null) reloader.ContractsReloaded += (_, e) => _run = Build(services, e.State, e.Engine, status);
    }

    /// <summary>
    /// The served contracts over <paramref name="state"/>, reloading from <see cref="LoadedContracts.Folder"/> when there is
    /// one (watching it from <see cref="StartWatching"/> on when <see cref="MockServerOptions.WatchScenarios"/>).
    /// </summary>
    internal static ServedContracts Create(IServiceProvider services, LoadedContracts loaded, MockState state, MockEngine engine)
    {
        var reloader = loaded.Folder is null ? null : new ContractReloader(loaded.Folder, state, engine, state.Options.WatchScenarios);
        var status = reloader?.Status ?? new ContractStatus(loaded.Source, watching: false, state.Clock.GetUtcNow());
        return new ServedContracts(services, Build(services, state, engine, status), status, reloader);
    }

    /// <summary>The state of the contracts served now (a reload replaces it).</summary>
    internal MockState State => _run.State;

    /// <summary>The engine of the contracts served now.</summary>
    internal MockEngine Engine => _run.Engine;

    /// <summary>The request pipeline of the version served now.</summary>
    internal RequestDelegate Pipeline => _run.Pipeline;

    public ContractStatus Status { get; }

    /// <summary>Null when there is no folder to read again (embedded contracts, or a contract set given whole).</summary>
    internal ContractReloader? Reloader { get; }

    /// <summary>Starts watching the folder: call it once the host serves, so no change is read before it can be served.</summary>
    public void StartWatching() => Reloader?.Start();

    /// <summary>Raised after a changed scenario folder was loaded and is being served (see <see cref="ContractReloader"/> for what a reload keeps).</summary>
    public event EventHandler<ContractsReloadedEventArgs>? ContractsReloaded
    {
        add { if (Reloader is { } reloader) reloader.ContractsReloaded += value; }
        remove { if (Reloader is { } reloader) reloader.ContractsReloaded -= value; }
    }

    /// <summary>Raised when a changed scenario folder has problems; the last valid contracts keep serving.</summary>
    public event EventHandler<ContractsRefusedEventArgs>? ContractsRefused
    {
        add { if (Reloader is { } reloader) reloader.ContractsRefused += value; }
        remove { if (Reloader is { } reloader) reloader.ContractsRefused -= value; }
    }

    /// <summary>Reads the scenario folder again now, as the watcher does on a change (embedded contracts have no folder to read).</summary>
    public ContractStatusView Reload() =>
        Reloader?.Reload() ?? throw new InvalidOperationException($"the contracts came from {Status.Current.Source}: there is no scenario folder to read again");

    public void Dispose() => Reloader?.Dispose();

    /// <summary>
    /// The pipeline of one contract version, bound to that version's state. Built on a builder of its own, so its routes
    /// are its own and a reload replaces them all at once.
    /// </summary>
    private static ServedRun Build(IServiceProvider services, MockState state, MockEngine engine, ContractStatus status)
    {
        var options = state.Options;
        var app = new ApplicationBuilder(services);
        // An OIDC realm's paths (its token endpoint included) echo the origin and allow credentials: keycloak-js calls
        // them with credentials, which a browser refuses with a wildcard (a real Keycloak echoes its web origins).
        var oidcRealms = state.Contracts.Apis.Select(a => a.Oidc).OfType<OidcSurface>().Select(o => o.RealmPath.TrimEnd('/')).ToArray();
        bool IsOidc(HttpContext context) => oidcRealms.Any(realm => context.Request.Path.StartsWithSegments(realm, StringComparison.OrdinalIgnoreCase));
        app.UseWhen(context => !ControlSurfaceGuard.IsControl(context) && !IsOidc(context), contract => contract.UseCors(cors => HarnessPipeline.ContractCors(cors, options, credentials: false)));
        app.UseWhen(context => !ControlSurfaceGuard.IsControl(context) && IsOidc(context), contract => contract.UseCors(cors => HarnessPipeline.ContractCors(cors, options, credentials: true)));
        // A path the contracts declare goes straight to the engine, past endpoint routing (which would only
        // reach the same catch-all below); the control API, the dashboard and unknown paths are routed.
        app.Use((context, next) =>
            !context.Request.Path.StartsWithSegments(ControlApi.Prefix, StringComparison.OrdinalIgnoreCase)
            && state.Router.At(context.Request.Path.Value ?? "/").Count > 0
                ? engine.HandleAsync(context)
                : next(context));
        app.UseRouting();
        app.UseEndpoints(endpoints =>
        {
            endpoints.MapOpenApiDocuments(state.Contracts);
            endpoints.MapControlApi(state);
            endpoints.MapOverrideApi(state);
            endpoints.MapContractStatus(status);
            endpoints.MapDashboard(state);
            endpoints.MapOidc(state);
            // Lowest precedence: the control API's literal routes win, every other path is an API operation (or a JSON 404).
            endpoints.Map("/{**path}", engine.HandleAsync);
        });
        return new ServedRun(state, engine, app.Build());
    }

    /// <summary>One contract version as served: its state, its engine and the request pipeline over them.</summary>
    private sealed record ServedRun(MockState State, MockEngine Engine, RequestDelegate Pipeline);
}
