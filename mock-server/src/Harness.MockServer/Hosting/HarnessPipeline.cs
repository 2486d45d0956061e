using System.Text.Json.Nodes;
using Harness.MockServer.Control;
using Harness.MockServer.Defects;
using Harness.MockServer.Engine;
using Harness.MockServer.OpenApi;
using Harness.MockServer.Oidc;
using Harness.MockServer.Tokens;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Hosting;

/// <summary>
/// The mock's one ASP.NET Core pipeline (error guard, Host filter, control-surface guard, CORS, the engine, the control
/// API, dashboard, OIDC, OpenAPI, the JSON 404), built here for every host: the Kestrel host serves it on sockets, the
/// WireMock.Net host runs it in memory for each request a harness mapping answers. No behaviour lives in one host only.
/// </summary>
internal static class HarnessPipeline
{
    /// <summary>Bodies larger than this are refused by the Kestrel host's server; the WireMock.Net host applies the same limit.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// Reads the scenario folder (or, when none is found, the contracts embedded in the program) and checks it against
    /// what the mock understands (any problem: <see cref="ScenarioLoadException"/>).
    /// </summary>
    public static LoadedContracts LoadContracts(MockServerOptions options)
    {
        var folder = options.FindScenarioFolder();
        var contracts = folder is null ? ScenarioLoader.Load(EmbeddedContracts.Files()) : ScenarioLoader.Load(folder);
        CheckAgainstContracts(contracts);
        return new LoadedContracts(contracts, folder ?? EmbeddedContracts.Source, folder);
    }

    /// <summary>The run's state and its engine.</summary>
    public static (MockState State, MockEngine Engine) Prepare(ContractSet contracts, MockServerOptions options)
    {
        var state = new MockState(contracts, options);
        return (state, new MockEngine(state));
    }

    /// <summary>The values a conformance profile reads from a running mock; with HTTPS, its plain-HTTP address too.</summary>
    public static IReadOnlyDictionary<string, string> TargetValues(MockState state, Uri? httpBaseAddress) => httpBaseAddress is { } http
        ? new Dictionary<string, string>(state.World.TargetValues()) { [HttpBaseUrlValue] = http.ToString().TrimEnd('/') }
        : state.World.TargetValues();

    /// <summary>
    /// The host's builder: no configuration files (nor their file watchers), no host filtering, no logging providers
    /// to clear — the mock is configured by its options alone, and starts measurably faster. The caller picks the server.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddCors();
        builder.Services.AddRoutingCore();
        return builder;
    }

    /// <summary>
    /// Adds the mock's middleware to <paramref name="app"/>, in the one order every host uses: the error guard, the Host
    /// check and the control surface's rules, then the pipeline of the contract version <paramref name="served"/> serves now.
    /// </summary>
    public static void Configure(WebApplication app, ServedContracts served)
    {
        var options = served.State.Options;
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
        // Everything below depends on the contracts: one pipeline per contract version, swapped whole on a reload.
        app.Run(context => served.Pipeline(context));
    }

    internal static void ContractCors(Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder cors, MockServerOptions options, bool credentials)
    {
        if (options.CorsOrigins.Count > 0) cors.WithOrigins([.. options.CorsOrigins]);
        else if (credentials) cors.SetIsOriginAllowed(_ => true);
        else cors.AllowAnyOrigin();
        if (credentials) cors.AllowCredentials();
        cors.AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("Date", "Retry-After", "WWW-Authenticate", "Cache-Control", "Pragma")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
    }

    /// <summary>The target value the mock answers only when it also listens on plain HTTP (<see cref="MockServerOptions.Https"/>).</summary>
    public const string HttpBaseUrlValue = "http-base-url";

    /// <summary>Every target value a mock can answer: its world's, and the plain-HTTP address.</summary>
    public static IEnumerable<string> TargetValueNames => World.MockWorld.TargetValueNames.Append(HttpBaseUrlValue);

    /// <summary>
    /// What the loader cannot know: the target values and defect rule families the mock itself must provide, and where
    /// the realm's URL can come from. (Unknown claim templates are the loader's to refuse: the model lists them.)
    /// </summary>
    internal static void CheckAgainstContracts(ContractSet contracts)
    {
        var problems = new List<Diagnostic>();
        // ${realm.issuer} is the URL of an OIDC realm: a contract without an oidc: section has none to give.
        foreach (var api in contracts.Apis.Where(a => a.Oidc is null && a.Tokens is not null))
        foreach (var (name, value) in api.Tokens!.AccessClaims.Concat(api.Tokens.RefreshClaims))
            if (value is JsonValue v && v.TryGetValue<string>(out var text) && text == "${" + ClaimTemplate.RealmIssuer + "}")
                problems.Add(api.Tokens.ClaimsProvenance.Where.Problem($"claim '{name}': '{text}' is the URL of an OIDC realm, and this contract has no oidc: section"));
        foreach (var name in contracts.Catalog.TargetValues.Keys.Except(TargetValueNames))
            problems.Add(new Diagnostic("catalog.yaml", 0, 0, $"target value '{name}': the mock has no value for it (add it to World/MockWorld.cs), so its scenarios would skip against the mock"));
        foreach (var defect in DefectCatalog.All.Where(d => !contracts.Catalog.Rules.ContainsKey(d.Rule)))
            problems.Add(new Diagnostic("catalog.yaml", 0, 0, $"defect '{defect.Name}' breaks rule family '{defect.Rule}', which the catalog does not list"));
        if (problems.Count > 0) throw new ScenarioLoadException(problems);
    }
}
