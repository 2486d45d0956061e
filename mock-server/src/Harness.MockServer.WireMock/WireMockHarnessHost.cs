using System.Net;
using Harness.MockServer.Hosting;
using Harness.MockServer.Journal;
using Harness.MockServer.Time;
using Harness.Scenarios.Model;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using WireMock.Server;
using WireMock.Settings;

namespace Harness.MockServer.WireMock;

/// <summary>
/// The mock on WireMock.Net, standalone (what <c>dotnet run --project mock-server</c> starts): a WireMockServer with its
/// admin API at <c>/__admin</c>, the harness's mappings beside users' own, and the same pipeline as the Kestrel host.
/// <c>await using var mock = await WireMockHarnessHost.StartAsync(options)</c>, as <see cref="HarnessMock.StartAsync(MockServerOptions, CancellationToken)"/>.
/// </summary>
public sealed class WireMockHarnessHost : IRunningMock
{
    /// <summary>WireMock.Net's request log keeps this many entries (unset, it grows without bound).</summary>
    public const int RequestLogSize = 1000;

    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WireMockHarnessHost(WireMockServer server, RefreshHarness harness, UserMappings.UserStubs stubs, Uri baseAddress, Uri? httpBaseAddress, DevelopmentCertificate? certificate)
    {
        Server = server;
        Harness = harness;
        Stubs = stubs;
        BaseAddress = baseAddress;
        HttpBaseAddress = httpBaseAddress;
        Certificate = certificate;
    }

    public string HostName => "WireMock.Net";

    public string? AdminPath => FrontDoor.AdminPrefix;

    /// <summary>The WireMock.Net server: add users' mappings here, or through <c>POST /__admin/mappings</c>.</summary>
    public WireMockServer Server { get; }

    /// <summary>The harness's mappings and handle on <see cref="Server"/>.</summary>
    public RefreshHarness Harness { get; }

    public Uri BaseAddress { get; }
    public Uri? HttpBaseAddress { get; }
    public DevelopmentCertificate? Certificate { get; }
    /// <summary>Users' stubs beside the contract: the --mappings folder, the --proxy, and the files that could not be loaded.</summary>
    public UserMappings.UserStubs Stubs { get; }

    public ServedContracts Served => Harness.Served;
    internal MockState State => Harness.State;
    public IReadOnlySet<Defects.Defect> Defects => State.Defects;
    public VirtualClock Clock => State.Clock;
    public ContractSet Contracts => State.Contracts;

    public IReadOnlyDictionary<string, string> TargetValues => HarnessPipeline.TargetValues(State, HttpBaseAddress);

    public void Reset() => State.Reset();

    public IReadOnlyList<JournalEntry> Journal(int count = 100) => State.Journal.Latest(count);

    /// <summary>Loads the scenario folder (any problem stops start-up with every problem listed) and starts serving.</summary>
    public static async Task<WireMockHarnessHost> StartAsync(MockServerOptions options, CancellationToken cancel = default)
    {
        options.EnsureValid();
        // The YAML and WireMock.Net's start (which polls until Kestrel listens) side by side, as the Kestrel host does.
        var loading = Task.Run(() => HarnessPipeline.LoadContracts(options), cancel);
        return await StartAsync(loading, options, cancel);
    }

    public static Task<WireMockHarnessHost> StartAsync(ContractSet contracts, MockServerOptions options, CancellationToken cancel = default)
    {
        options.EnsureValid();
        // A contract set given whole has no folder to reload from.
        return StartAsync(Task.FromResult(new LoadedContracts(contracts, contracts.Folder, null)), options, cancel);
    }

    /// <summary><see cref="StartAsync(MockServerOptions, CancellationToken)"/> as a <see cref="MockHostStarter"/> for the command line.</summary>
    public static async Task<IRunningMock> StartRunningAsync(MockServerOptions options, CancellationToken cancel) => await StartAsync(options, cancel);

    private static async Task<WireMockHarnessHost> StartAsync(Task<LoadedContracts> loading, MockServerOptions options, CancellationToken cancel)
    {
        var certificate = options.Https
            ? DevelopmentCertificate.Create(options.Host, options.CertificateFolder ?? Path.GetTempPath(), TimeProvider.System.GetUtcNow())
            : null;
        WireMockServer? server = null;
        try
        {
            var settings = Settings(options, certificate);
            server = await Task.Run(() => WireMockServer.Start(settings), cancel);
            var loaded = await loading;
            var harness = RefreshHarnessExtensions.Add(server, loaded, options, fallback: true);
            // Users' stubs (--mappings, POST /__admin/mappings) and the --proxy beside the contract, journalled with their source.
            var stubs = UserMappings.UserStubs.Attach(server, options, harness.State.Journal, harness.Clock, HarnessMappings.FallbackGuid, HarnessMappings.IsHarness, Console.Out);
            harness.Served.StartWatching();
            var urls = server.Urls.Select(Loopback).ToList();
            return certificate is null
                ? new WireMockHarnessHost(server, harness, stubs, urls[0], null, null)
                : new WireMockHarnessHost(server, harness, stubs, urls.First(u => u.Scheme == Uri.UriSchemeHttps), urls.First(u => u.Scheme == Uri.UriSchemeHttp), certificate);
        }
        catch
        {
            server?.Stop();
            server?.Dispose();
            DisposeCertificate(certificate);
            throw;
        }
    }

    private static WireMockServerSettings Settings(MockServerOptions options, DevelopmentCertificate? certificate)
    {
        var front = new FrontDoor(options);
        var settings = new WireMockServerSettings
        {
            Urls = certificate is null
                ? [Url(Uri.UriSchemeHttp, options.Host, options.Port)]
                : [Url(Uri.UriSchemeHttps, options.Host, options.Port), Url(Uri.UriSchemeHttp, options.Host, options.HttpPort)],
            CertificateSettings = certificate is null ? null : CertificateFile(certificate),
            StartAdminInterface = true,
            MaxRequestLogCount = RequestLogSize,
            // A body on any method reaches the engine, as on the Kestrel host (which answers it by the contract).
            AllowBodyForAllHttpMethods = true,
            PreWireMockMiddlewareInit = app => ((IApplicationBuilder)app).Use(front.InvokeAsync),
            AdditionalServiceRegistration = services => services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false),
        };
        return settings.ForRefreshHarness();
    }

    /// <summary>
    /// The certificate as a PKCS#12 file beside its PEM: WireMock.Net writes its settings to its debug log with
    /// Newtonsoft.Json, which fails on an in-memory certificate's private key, so it is handed over by path.
    /// </summary>
    private static WireMockCertificateSettings CertificateFile(DevelopmentCertificate certificate)
    {
        var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var path = Path.ChangeExtension(certificate.Path, ".pfx");
        File.WriteAllBytes(path, certificate.Certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, password));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // it holds the private key
        return new WireMockCertificateSettings { X509CertificateFilePath = path, X509CertificatePassword = password };
    }

    private static string Url(string scheme, string host, int port) =>
        $"{scheme}://{(IPAddress.TryParse(host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]" : host)}:{port}";

    /// <summary>Bound to every address (or to localhost), the mock is reached here through 127.0.0.1 (a Host header it answers).</summary>
    private static Uri Loopback(string url) =>
        new(url.Replace("//localhost:", "//127.0.0.1:", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal)
            .Replace("//0.0.0.0:", "//127.0.0.1:", StringComparison.Ordinal).TrimEnd('/') + "/");

    public async Task WaitForShutdownAsync(CancellationToken cancel = default)
    {
        using var registration = cancel.Register(() => _stopped.TrySetResult());
        await _stopped.Task;
    }

    public async ValueTask DisposeAsync()
    {
        Stubs.Dispose();
        await Harness.DisposeAsync();
        Server.Stop();
        Server.Dispose();
        _stopped.TrySetResult();
        DisposeCertificate(Certificate);
    }

    private static void DisposeCertificate(DevelopmentCertificate? certificate)
    {
        if (certificate is null) return;
        certificate.Dispose();
        File.Delete(certificate.Path);
        File.Delete(Path.ChangeExtension(certificate.Path, ".pfx"));
    }
}
