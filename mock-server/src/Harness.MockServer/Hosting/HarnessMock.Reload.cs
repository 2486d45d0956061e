using Harness.MockServer.Control;
using Harness.MockServer.Dashboard;
using Harness.MockServer.Engine;
using Harness.MockServer.OpenApi;
using Harness.MockServer.Oidc;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Hosting;

/// <summary>The part of the host that depends on the contracts, built once per contract version and swapped whole.</summary>
public sealed partial class HarnessMock
{
    private readonly Served _served;

    /// <summary>Where the contracts came from: the scenario folder, or <c>embedded</c> (the program's own copy).</summary>
    public string ContractSource => ContractStatus.Source;

    /// <summary>The served contract version and, when the folder changed with problems since, what they are.</summary>
    public ContractStatusView ContractStatus => _served.Status.Current;

    /// <summary>
    /// Raised after a changed scenario folder was loaded and is being served (see <see cref="ContractReloader"/> for what
    /// a reload keeps). Only a mock started on a folder reloads; the handlers run after the request pipeline was swapped.
    /// </summary>
    public event EventHandler<ContractsReloadedEventArgs>? ContractsReloaded
    {
        add { if (_served.Reloader is { } reloader) reloader.ContractsReloaded += value; }
        remove { if (_served.Reloader is { } reloader) reloader.ContractsReloaded -= value; }
    }

    /// <summary>Raised when a changed scenario folder has problems; the last valid contracts keep serving.</summary>
    public event EventHandler<ContractsRefusedEventArgs>? ContractsRefused
    {
        add { if (_served.Reloader is { } reloader) reloader.ContractsRefused += value; }
        remove { if (_served.Reloader is { } reloader) reloader.ContractsRefused -= value; }
    }

    /// <summary>Reads the scenario folder again now, as the watcher does on a change (embedded contracts have no folder to read).</summary>
    public ContractStatusView ReloadContracts() =>
        _served.Reloader?.Reload() ?? throw new InvalidOperationException($"the contracts came from {ContractSource}: there is no scenario folder to read again");

    /// <summary>
    /// The pipeline of one contract version: CORS (which depends on the realms), the engine for the contracts' paths,
    /// and the routed endpoints (control API, dashboard, OpenAPI, OIDC) bound to that version's state. Built on a
    /// builder of its own, so its routes are its own and a reload replaces them all at once.
    /// </summary>
    private static ServedRun Build(IServiceProvider services, MockState state, MockEngine engine, ContractStatus status)
    {
        var options = state.Options;
        var app = new ApplicationBuilder(services);
        // An OIDC realm's paths (its token endpoint included) echo the origin and allow credentials: keycloak-js calls
        // them with credentials, which a browser refuses with a wildcard (a real Keycloak echoes its web origins).
        var oidcRealms = state.Contracts.Apis.Select(a => a.Oidc).OfType<OidcSurface>().Select(o => o.RealmPath.TrimEnd('/')).ToArray();
        bool IsOidc(HttpContext context) => oidcRealms.Any(realm => context.Request.Path.StartsWithSegments(realm, StringComparison.OrdinalIgnoreCase));
        app.UseWhen(context => !ControlSurfaceGuard.IsControl(context) && !IsOidc(context), contract => contract.UseCors(cors => ContractCors(cors, options, credentials: false)));
        app.UseWhen(context => !ControlSurfaceGuard.IsControl(context) && IsOidc(context), contract => contract.UseCors(cors => ContractCors(cors, options, credentials: true)));
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
            endpoints.MapOpenApiDocuments(state);
            endpoints.MapControlApi(state);
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

    /// <summary>The version served now: one reference, replaced when the reloader has built the next one.</summary>
    private sealed class Served
    {
        private volatile ServedRun _run;

        public Served(IServiceProvider services, ServedRun run, ContractStatus status, ContractReloader? reloader)
        {
            _run = run;
            Status = status;
            Reloader = reloader;
            // Subscribed before anyone else: the pipeline is swapped before other handlers (the console, a
            // WireMock host) hear of the new version.
            if (reloader is not null) reloader.ContractsReloaded += (_, e) => _run = Build(services, e.State, e.Engine, status);
        }

        public ServedRun Run => _run;
        public ContractStatus Status { get; }
        public ContractReloader? Reloader { get; }
    }
}
