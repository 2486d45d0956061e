using Harness.MockServer.Defects;

namespace Harness.MockServer.Hosting;

/// <summary>How to start a mock. Validated once, up front, by <see cref="Validate"/>; every problem is reported together.</summary>
public sealed record MockServerOptions
{
    public const int DefaultPort = 5080;
    public const string PortVariable = "HARNESS_MOCK_PORT";

    /// <summary>0 picks a free port (for embedding in tests).</summary>
    public int Port { get; init; } = DefaultPort;
    public string Host { get; init; } = "127.0.0.1";
    public string? ScenarioFolder { get; init; }
    public int Seed { get; init; } = 1;
    public IReadOnlySet<Defect> Defects { get; init; } = new HashSet<Defect>();

    /// <summary>Origins allowed by CORS; empty means any origin.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];
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

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Port is < 0 or > 65535) problems.Add($"port {Port} is not between 0 and 65535");
        if (HttpPort is < 0 or > 65535) problems.Add($"HTTP port {HttpPort} is not between 0 and 65535");
        if (Https && HttpPort != 0 && HttpPort == Port) problems.Add($"--https needs two ports: HTTPS on {Port} and plain HTTP on another (--http-port)");
        if (ScenarioFolder is { } folder && !Directory.Exists(folder)) problems.Add($"scenario folder '{folder}' does not exist");
        foreach (var origin in CorsOrigins.Where(o => !Uri.TryCreate(o, UriKind.Absolute, out _)))
            problems.Add($"CORS origin '{origin}' is not an absolute URL like http://localhost:3000");
        return problems;
    }

    /// <summary>The scenario folder: as given, else <c>scenarios/</c> found by walking up from the working directory or the program.</summary>
    public string ResolveScenarioFolder()
    {
        if (ScenarioFolder is not null) return Path.GetFullPath(ScenarioFolder);
        if (Environment.GetEnvironmentVariable("HARNESS_SCENARIOS") is { Length: > 0 } fromEnv) return Path.GetFullPath(fromEnv);
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "scenarios");
                if (File.Exists(Path.Combine(candidate, "catalog.yaml"))) return candidate;
            }
        }
        throw new DirectoryNotFoundException("no scenarios/ folder found above the working directory; pass --scenarios DIR or set HARNESS_SCENARIOS");
    }
}
