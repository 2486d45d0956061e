using System.Net;
using Harness.MockServer.Defects;

namespace Harness.MockServer.Hosting;

/// <summary>How to start a mock. Validated once, up front, by <see cref="Validate"/>; every problem is reported together.</summary>
public sealed record MockServerOptions
{
    public const int DefaultPort = 5080;
    public const string PortVariable = "HARNESS_MOCK_PORT";
    public const string ControlTokenVariable = "HARNESS_CONTROL_TOKEN";
    public const string ScenariosVariable = "HARNESS_SCENARIOS";
    public const int MinControlTokenLength = 16;

    /// <summary>0 picks a free port (for embedding in tests).</summary>
    public int Port { get; init; } = DefaultPort;
    public string Host { get; init; } = "127.0.0.1";
    public string? ScenarioFolder { get; init; }
    public int Seed { get; init; } = 1;
    public IReadOnlySet<Defect> Defects { get; init; } = new HashSet<Defect>();

    /// <summary>
    /// Origins allowed by CORS. On the contract APIs empty means any origin; the control surface
    /// (<c>/__harness</c>) answers only these origins and the mock's own pages, whatever the list.
    /// </summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>
    /// Names besides the bound address, <c>localhost</c>, <c>127.0.0.1</c> and <c>[::1]</c> that a request's Host
    /// header may carry (<c>mock</c> in a compose file, <c>mock:8080</c> behind a port mapping). Any other Host is
    /// refused on every path, so a DNS-rebinding page cannot reach the mock under its own name.
    /// </summary>
    public IReadOnlyList<string> HostNames { get; init; } = [];

    /// <summary>Binding an address other than loopback must be asked for: it opens the control API to the network.</summary>
    public bool AllowRemote { get; init; }

    /// <summary>
    /// When set, every control call must carry it (<c>Authorization: Bearer …</c> or <c>X-Harness-Control-Token</c>);
    /// required with <see cref="AllowRemote"/>.
    /// </summary>
    public string? ControlToken { get; init; }
    public TimeProvider? TimeSource { get; init; }

    /// <summary>Refuse plain HTTP where a contract declares insecure-transport (the mock itself serves HTTP, so off by default).</summary>
    public bool RequireHttps { get => _requireHttps || Https; init => _requireHttps = value; }
    private readonly bool _requireHttps;

    /// <summary>
    /// Serve HTTPS on <see cref="Port"/> with a development certificate made at start-up, and plain HTTP on
    /// <see cref="HttpPort"/> (0: a free one) so a client can be shown that plain HTTP is refused. Implies <see cref="RequireHttps"/>.
    /// </summary>
    public bool Https { get; init; }
    public int HttpPort { get; init; }

    /// <summary>Where <see cref="Https"/> writes its certificate's PEM (default: the temp folder).</summary>
    public string? CertificateFolder { get; init; }

    /// <summary>
    /// Reload the contracts when a file of the scenario folder changes (the command line's default; <c>--no-watch</c>
    /// turns it off). A folder with problems is refused and the last valid contracts keep serving; see
    /// <see cref="ContractReloader"/> for what a reload keeps. Off by default here: a test that embeds the mock
    /// reloads, if ever, with <see cref="ServedContracts.Reload"/>.
    /// </summary>
    public bool WatchScenarios { get; init; }

    /// <summary>How many sessions (token families) the mock keeps; past it the least recently used is evicted (<c>--max-sessions</c>).</summary>
    public int MaxSessions { get; init; } = Tokens.TokenStore.DefaultMaxSessions;

    /// <summary>
    /// WireMock.Net host only: a folder of users' own WireMock mapping files (or a root folder with a <c>mappings/</c>
    /// subfolder, as the WireMock jar's <c>--root-dir</c>), loaded at start and again when a file changes (<c>--mappings</c>).
    /// </summary>
    public string? MappingsFolder { get; init; }

    /// <summary>WireMock.Net host only: the backend every request no mapping matches is proxied to (<c>--proxy</c>).</summary>
    public string? ProxyUrl { get; init; }

    /// <summary>The options only the WireMock.Net host serves, as their command-line names; the Kestrel host refuses them.</summary>
    public IReadOnlyList<string> WireMockHostOnly() =>
        [.. new[] { (MappingsFolder, "--mappings"), (ProxyUrl, "--proxy") }.Where(o => o.Item1 is not null).Select(o => o.Item2)];

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem <see cref="Validate"/> finds: what each host does before it starts.</summary>
    public void EnsureValid()
    {
        if (Validate() is { Count: > 0 } problems)
            throw new ArgumentException("invalid mock options: " + string.Join("; ", problems));
    }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Port is < 0 or > 65535) problems.Add($"port {Port} is not between 0 and 65535");
        if (MaxSessions < 1) problems.Add($"max sessions {MaxSessions} is not a positive number");
        if (HttpPort is < 0 or > 65535) problems.Add($"HTTP port {HttpPort} is not between 0 and 65535");
        if (Https && HttpPort != 0 && HttpPort == Port) problems.Add($"--https needs two ports: HTTPS on {Port} and plain HTTP on another (--http-port)");
        if (ScenarioFolder is { } folder && !Directory.Exists(folder)) problems.Add($"scenario folder '{folder}' does not exist");
        if (MappingsFolder is { } mappings && !Directory.Exists(mappings)) problems.Add($"mappings folder '{mappings}' does not exist");
        if (ProxyUrl is { } proxy && !(Uri.TryCreate(proxy, UriKind.Absolute, out var backend) && (backend.Scheme == Uri.UriSchemeHttp || backend.Scheme == Uri.UriSchemeHttps)))
            problems.Add($"proxy '{proxy}' is not an absolute http:// or https:// URL like http://localhost:8080");
        foreach (var origin in CorsOrigins.Where(o => !Uri.TryCreate(o, UriKind.Absolute, out _)))
            problems.Add($"CORS origin '{origin}' is not an absolute URL like http://localhost:3000");
        foreach (var name in HostNames.Where(n => !HostAllowList.IsValidName(n)))
            problems.Add($"host name '{name}' is not a host name or host:port like mock or mock:8080");
        if (!IPAddress.TryParse(Host, out var address))
            problems.Add($"host '{Host}' is not an IP address: give 127.0.0.1 (the default), ::1, or 0.0.0.0 with --allow-remote");
        else if (!IPAddress.IsLoopback(address) && !AllowRemote)
            problems.Add($"binding {Host} opens the mock and its control API to the network: add --allow-remote (a control token is then required), or bind 127.0.0.1");
        if (AllowRemote && ControlToken is null)
            problems.Add($"--allow-remote needs a control token: --control-token TOKEN or ${ControlTokenVariable}");
        if (ControlToken is { } token && (token.Length < MinControlTokenLength || token.Any(char.IsWhiteSpace)))
            problems.Add($"the control token must be at least {MinControlTokenLength} characters without spaces");
        return problems;
    }

    /// <summary>True when the bound address is a loopback one (the default): only this machine can connect.</summary>
    public bool BindsLoopbackOnly => IPAddress.TryParse(Host, out var address) && IPAddress.IsLoopback(address);

    /// <summary>The scenario folder: as given, else <c>scenarios/</c> found by walking up from the working directory or the program.</summary>
    public string ResolveScenarioFolder() =>
        FindScenarioFolder() ?? throw new DirectoryNotFoundException($"no scenarios/ folder found above the working directory; pass --scenarios DIR or set {ScenariosVariable}");

    /// <summary>
    /// The scenario folder: as given, else <c>$HARNESS_SCENARIOS</c>, else <c>scenarios/</c> found by walking up from the
    /// working directory or the program; null when there is none (the mock then serves <see cref="EmbeddedContracts"/>).
    /// </summary>
    public string? FindScenarioFolder()
    {
        if (ScenarioFolder is not null) return Path.GetFullPath(ScenarioFolder);
        if (Environment.GetEnvironmentVariable(ScenariosVariable) is { Length: > 0 } fromEnv) return Path.GetFullPath(fromEnv);
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "scenarios");
                if (File.Exists(Path.Combine(candidate, "catalog.yaml"))) return candidate;
            }
        }
        return null;
    }
}
