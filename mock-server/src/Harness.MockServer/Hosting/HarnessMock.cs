using System.Net;
using System.Text.Json.Nodes;
using Harness.MockServer.Defects;
using Harness.MockServer.Engine;
using Harness.MockServer.Journal;
using Harness.MockServer.Time;
using Harness.Scenarios.Model;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Harness.MockServer.Hosting;

/// <summary>
/// A running mock, standalone or embedded in a test: <c>await using var mock = await HarnessMock.StartAsync(options)</c>
/// binds (port 0 picks a free one), reads back its real address, and stops when disposed.
/// </summary>
public sealed class HarnessMock : IRunningMock
{
    private readonly WebApplication _app;

    private HarnessMock(WebApplication app, ServedContracts served, Uri baseAddress, Uri? httpBaseAddress, DevelopmentCertificate? certificate)
    {
        _app = app;
        Served = served;
        BaseAddress = baseAddress;
        HttpBaseAddress = httpBaseAddress;
        Certificate = certificate;
    }

    public string HostName => "Kestrel";

    public Uri BaseAddress { get; }

    /// <summary>With <see cref="MockServerOptions.Https"/>: the plain-HTTP address, where operations that require HTTPS are refused.</summary>
    public Uri? HttpBaseAddress { get; }

    /// <summary>With <see cref="MockServerOptions.Https"/>: the certificate served, for a client to trust.</summary>
    public DevelopmentCertificate? Certificate { get; }
    public ServedContracts Served { get; }

    /// <summary>The state of the contracts served now (a reload replaces it; see <see cref="ServedContracts.ContractsReloaded"/>).</summary>
    internal MockState State => Served.State;

    /// <summary>Where the control API, dashboard and journal are served: <c>/__harness</c>.</summary>
    public const string ControlPrefix = Control.ControlApi.Prefix;

    /// <summary>The defects this mock plays (<see cref="MockServerOptions.Defects"/>), each described by <see cref="DefectCatalog"/>.</summary>
    public IReadOnlySet<Defect> Defects => State.Defects;
    public VirtualClock Clock => State.Clock;
    public ContractSet Contracts => State.Contracts;
    public IReadOnlyDictionary<string, string> TargetValues => HarnessPipeline.TargetValues(State, HttpBaseAddress);

    public void Reset() => State.Reset();

    public IReadOnlyList<JournalEntry> Journal(int count = 100) => State.Journal.Latest(count);

    /// <summary>Loads the scenario folder (any problem stops start-up with every problem listed) and starts serving.</summary>
    public static async Task<HarnessMock> StartAsync(MockServerOptions options, CancellationToken cancel = default)
    {
        options.EnsureValid();
        // Reading the YAML and building the web host do not depend on each other: on two cores they take
        // about half the time side by side. The host is only built here; nothing listens before the contracts load.
        var loading = Task.Run(() =>
        {
            var loaded = HarnessPipeline.LoadContracts(options);
            var (state, engine) = HarnessPipeline.Prepare(loaded.Contracts, options);
            return (loaded, state, engine);
        }, cancel);
        var certificate = CertificateFor(options);
        var app = CreateHost(options, certificate);
        WarmUp(app, options);
        (LoadedContracts Loaded, MockState State, MockEngine Engine) prepared;
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
        return await StartAsync(prepared.Loaded, prepared.State, prepared.Engine, options, app, certificate, cancel);
    }

    /// <summary><see cref="StartAsync(MockServerOptions, CancellationToken)"/> as a <see cref="MockHostStarter"/>.</summary>
    public static async Task<IRunningMock> StartRunningAsync(MockServerOptions options, CancellationToken cancel) => await StartAsync(options, cancel);

    public static Task<HarnessMock> StartAsync(ContractSet contracts, MockServerOptions options, CancellationToken cancel = default)
    {
        options.EnsureValid();
        var (state, engine) = HarnessPipeline.Prepare(contracts, options);
        var certificate = CertificateFor(options);
        // A contract set given whole has no folder to reload from.
        return StartAsync(new LoadedContracts(contracts, contracts.Folder, null), state, engine, options, CreateHost(options, certificate), certificate, cancel);
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
        var builder = HarnessPipeline.CreateBuilder();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = HarnessPipeline.MaxRequestBodyBytes;
            if (certificate is null) kestrel.Listen(IPAddress.Parse(options.Host), options.Port);
            else ListenWithHttps(kestrel, options, certificate);
        });
        return builder.Build();
    }

    private static async Task<HarnessMock> StartAsync(LoadedContracts loaded, MockState state, MockEngine engine, MockServerOptions options, WebApplication app,
        DevelopmentCertificate? certificate, CancellationToken cancel)
    {
        var served = ServedContracts.Create(app.Services, loaded, state, engine);
        HarnessPipeline.Configure(app, served);

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
        // Watching starts once the pipeline serves: no change can be read before it can be served.
        served.StartWatching();
        if (certificate is null) return new HarnessMock(app, served, addresses[0], null, null);
        return new HarnessMock(app, served, addresses.First(a => a.Scheme == Uri.UriSchemeHttps), addresses.First(a => a.Scheme == Uri.UriSchemeHttp), certificate);
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

    public Task WaitForShutdownAsync(CancellationToken cancel = default) => _app.WaitForShutdownAsync(cancel);

    public async ValueTask DisposeAsync()
    {
        Served.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Certificate is null) return;
        Certificate.Dispose();
        File.Delete(Certificate.Path);
    }
}
