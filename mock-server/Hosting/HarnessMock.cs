using System.Net;
using System.Text.Json.Nodes;
using Harness.MockServer.Control;
using Harness.MockServer.Defects;
using Harness.MockServer.Engine;
using Harness.MockServer.Journal;
using Harness.MockServer.OpenApi;
using Harness.MockServer.Oidc;
using Harness.MockServer.Time;
using Harness.MockServer.Tokens;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Harness.MockServer.Hosting;

/// <summary>
/// A running mock, standalone or embedded in a test: <c>await using var mock = await HarnessMock.StartAsync(options)</c>
/// binds (port 0 picks a free one), reads back its real address, and stops when disposed.
/// </summary>
public sealed class HarnessMock : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HarnessMock(WebApplication app, MockState state, Uri baseAddress, Uri? httpBaseAddress, DevelopmentCertificate? certificate)
    {
        _app = app;
        State = state;
        BaseAddress = baseAddress;
        HttpBaseAddress = httpBaseAddress;
        Certificate = certificate;
    }

    public Uri BaseAddress { get; }

    /// <summary>With <see cref="MockServerOptions.Https"/>: the plain-HTTP address, where operations that require HTTPS are refused.</summary>
    public Uri? HttpBaseAddress { get; }

    /// <summary>With <see cref="MockServerOptions.Https"/>: the certificate served, for a client to trust.</summary>
    public DevelopmentCertificate? Certificate { get; }

    /// <summary>Everything the running mock holds; internal: an embedding host works through the members here and the control API.</summary>
    internal MockState State { get; }

    /// <summary>Where the control API, dashboard and journal are served: <c>/__harness</c>.</summary>
    public const string ControlPrefix = Control.ControlApi.Prefix;

    /// <summary>The defects this mock plays (<see cref="MockServerOptions.Defects"/>), each described by <see cref="DefectCatalog"/>.</summary>
    public IReadOnlySet<Defect> Defects => State.Defects;

    public VirtualClock Clock => State.Clock;
    public ContractSet Contracts => State.Contracts;
    public IReadOnlyDictionary<string, string> TargetValues => HttpBaseAddress is { } http
        ? new Dictionary<string, string>(State.World.TargetValues()) { ["http-base-url"] = http.ToString().TrimEnd('/') }
        : State.World.TargetValues();

    public void Reset() => State.Reset();

    public IReadOnlyList<JournalEntry> Journal(int count = 100) => State.Journal.Latest(count);

    /// <summary>Loads the scenario folder (any problem stops start-up with every problem listed) and starts serving.</summary>
    public static async Task<HarnessMock> StartAsync(MockServerOptions options, CancellationToken cancel = default)
    {
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException("invalid mock options: " + string.Join("; ", problems), nameof(options));
        var folder = options.ResolveScenarioFolder();
        // Reading the YAML and building the web host do not depend on each other: on two cores they take
        // about half the time side by side. The host is only built here; nothing listens before the contracts load.
        var loading = Task.Run(() =>
        {
            var contracts = ScenarioLoader.Load(folder);
            CheckAgainstContracts(contracts);
            return Prepare(contracts, options);
        }, cancel);
        var certificate = CertificateFor(options);
        var app = CreateHost(options, certificate);
        WarmUp(app, options);
        (MockState State, MockEngine Engine) prepared;
        try
        {
            prepared = await loading;
        }
        catch
        {
            await app.DisposeAsync();
            certificate?.Dispose();
            throw;
        }
        return await StartAsync(prepared.State, prepared.Engine, options, app, certificate, cancel);
    }

    public static Task<HarnessMock> StartAsync(ContractSet contracts, MockServerOptions options, CancellationToken cancel = default)
    {
        var (state, engine) = Prepare(contracts, options);
        var certificate = CertificateFor(options);
        return StartAsync(state, engine, options, CreateHost(options, certificate), certificate, cancel);
    }

    /// <summary>The run's state and its engine.</summary>
    private static (MockState, MockEngine) Prepare(ContractSet contracts, MockServerOptions options)
    {
        var state = new MockState(contracts, options);
        return (state, new MockEngine(state));
    }

    /// <summary>
    /// First-use costs of what the run needs (the host's services, Bogus loading its locale data, the defect
    /// catalog, System.Text.Json, the crypto library), paid on this thread while the other one still reads the YAML.
    /// </summary>
    private static void WarmUp(WebApplication app, MockServerOptions options)
    {
        // The host's singletons (the server, the hosted web service and what they are made of) are created on
        // first use, through reflection; creating them now makes starting the host, later, only starting it.
        _ = app.Services.GetRequiredService<IServer>();
        _ = app.Services.GetServices<IHostedService>().Count();
        _ = app.Services.GetService<Microsoft.AspNetCore.Cors.Infrastructure.ICorsService>();
        _ = app.Services.GetService<Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider>();
        _ = new Harness.Scenarios.Fakes.HarnessFaker(options.Seed).TokenId();
        _ = DefectCatalog.All.Count;
        _ = JsonNode.Parse("{\"warm\":[1,\"up\"]}")!.ToJsonString();
        System.Security.Cryptography.HMACSHA256.HashData([0], [0]);
    }

    /// <summary>The web host with its Kestrel settings and services, not yet serving anything.</summary>
    private static WebApplication CreateHost(MockServerOptions options, DevelopmentCertificate? certificate)
    {
        // The empty builder: no configuration files (nor their file watchers), no host filtering, no logging
        // providers to clear — the mock is configured by its options alone, and starts measurably faster.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            if (certificate is null) kestrel.Listen(IPAddress.Parse(options.Host), options.Port);
            else ListenWithHttps(kestrel, options, certificate);
        });
        builder.Services.AddCors();
        builder.Services.AddRoutingCore();
        return builder.Build();
    }

    private static async Task<HarnessMock> StartAsync(MockState state, MockEngine engine, MockServerOptions options, WebApplication app, DevelopmentCertificate? certificate, CancellationToken cancel)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException) when (!context.Response.HasStarted)
            {
                await JsonRefusal.WriteAsync(context, 400, "bad_request", "the request could not be read");
            }
            catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
            {
                // Whatever went wrong, a client gets a documented JSON error, never a stack trace.
                await JsonRefusal.WriteAsync(context, 500, "internal_error", "the mock could not handle this request: " + e.GetType().Name);
            }
        });
        // The Host check runs on every path (DNS rebinding); the control surface then keeps to its own CORS rules,
        // and the contract APIs answer any origin (or the --cors-origin ones) as frontends need.
        app.Use(new HostFilter(options).InvokeAsync);
        app.Use(new ControlSurfaceGuard(options).InvokeAsync);
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
        app.MapOpenApiDocuments(state.Contracts);
        app.MapControlApi(state);
        app.MapDashboard(state);
        app.MapOidc(state);
        // Lowest precedence: the control API's literal routes win, every other path is an API operation (or a JSON 404).
        app.Map("/{**path}", engine.HandleAsync);

        // What the engine works out per operation on a first request, worked out while Kestrel starts; a request
        // that arrives first works it out itself (each piece is computed once, whoever asks first).
        _ = Task.Run(engine.Prepare, CancellationToken.None);
        try
        {
            await app.StartAsync(cancel);
        }
        catch
        {
            await app.DisposeAsync();
            certificate?.Dispose();
            throw;
        }
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            // Bound to every address, the mock is reached here through loopback (a Host header it answers).
            .Select(a => new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("//0.0.0.0:", "//127.0.0.1:", StringComparison.Ordinal).TrimEnd('/') + "/")).ToList();
        if (certificate is null) return new HarnessMock(app, state, addresses[0], null, null);
        return new HarnessMock(app, state, addresses.First(a => a.Scheme == Uri.UriSchemeHttps), addresses.First(a => a.Scheme == Uri.UriSchemeHttp), certificate);
    }

    // --- HTTPS (--https): a development certificate made at start-up, and plain HTTP beside it to be refused ---

    private static DevelopmentCertificate? CertificateFor(MockServerOptions options) => options.Https
        ? DevelopmentCertificate.Create(options.Host, options.CertificateFolder ?? Path.GetTempPath(), TimeProvider.System.GetUtcNow())
        : null;

    private static void ListenWithHttps(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, MockServerOptions options, DevelopmentCertificate certificate)
    {
        var address = IPAddress.Parse(options.Host);
        kestrel.Listen(address, options.Port, listen => listen.UseHttps(certificate.Certificate));
        kestrel.Listen(address, options.HttpPort);
    }

    private static void ContractCors(Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder cors, MockServerOptions options, bool credentials)
    {
        if (options.CorsOrigins.Count > 0) cors.WithOrigins([.. options.CorsOrigins]);
        else if (credentials) cors.SetIsOriginAllowed(_ => true);
        else cors.AllowAnyOrigin();
        if (credentials) cors.AllowCredentials();
        cors.AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("Date", "Retry-After", "WWW-Authenticate", "Cache-Control", "Pragma")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
    }

    public Task WaitForShutdownAsync(CancellationToken cancel = default) => _app.WaitForShutdownAsync(cancel);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Certificate is null) return;
        Certificate.Dispose();
        File.Delete(Certificate.Path);
    }

    /// <summary>What the loader cannot know: claim templates and defect rule families the mock itself must understand.</summary>
    private static void CheckAgainstContracts(ContractSet contracts)
    {
        var problems = new List<Diagnostic>();
        foreach (var policy in contracts.Apis.Select(a => a.Tokens).OfType<TokenPolicy>())
        foreach (var (name, value) in policy.AccessClaims.Concat(policy.RefreshClaims))
            if (value is JsonValue v && v.TryGetValue<string>(out var text) && text.StartsWith("${", StringComparison.Ordinal)
                && !ClaimTemplate.Known.Contains(text[2..^1]))
                problems.Add(policy.ClaimsProvenance.Where.Problem($"claim '{name}': the mock cannot fill '{text}' (known: {string.Join(", ", ClaimTemplate.Known.Select(k => "${" + k + "}"))})"));
        foreach (var oidc in contracts.Apis.Select(a => a.Oidc).OfType<OidcSurface>())
        foreach (var (name, value) in oidc.IdClaims.Concat(oidc.UserInfoClaims))
            if (value is JsonValue v && v.TryGetValue<string>(out var text) && text.StartsWith("${", StringComparison.Ordinal)
                && !ClaimTemplate.Known.Contains(text[2..^1]))
                problems.Add(oidc.Where.Problem($"oidc claim '{name}': the mock cannot fill '{text}' (known: {string.Join(", ", ClaimTemplate.Known.Select(k => "${" + k + "}"))})"));
        foreach (var defect in DefectCatalog.All.Where(d => !contracts.Catalog.Rules.ContainsKey(d.Rule)))
            problems.Add(new Diagnostic("catalog.yaml", 0, 0, $"defect '{defect.Name}' breaks rule family '{defect.Rule}', which the catalog does not list"));
        if (problems.Count > 0) throw new ScenarioLoadException(problems);
    }
}
