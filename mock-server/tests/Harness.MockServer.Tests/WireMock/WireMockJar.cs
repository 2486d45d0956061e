using System.Diagnostics;
using System.Net.Sockets;
using Harness.MockServer.WireMock;

namespace Harness.MockServer.Tests.WireMock;

/// <summary>
/// The real WireMock standalone jar (pinned by mock-server/tests/wiremock/package.json, installed by
/// <c>.ci/setup</c>), run with the machine's java on a free port and stopped by PID.
/// </summary>
internal sealed class WireMockJar : IStubServer
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private WireMockJar(Process process, StringBuilder output, Uri baseAddress)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
    }

    public string Label => "WireMock jar";

    public Uri BaseAddress { get; }

    public async Task<int> LoadedMappingsAsync()
    {
        using var http = new HttpClient();
        var loaded = JsonNode.Parse(await http.GetStringAsync(new Uri(BaseAddress, "__admin/mappings")))!;
        return loaded["meta"]?["total"]?.GetValue<int>() ?? -1;
    }

    /// <summary>The jar names the mapping that answered in a <c>Matched-Stub-Id</c> header.</summary>
    public async Task<(HttpResponseMessage Response, string? AnsweredBy)> SendAsync(HttpClient http, ExampleRequest request)
    {
        var response = await ExampleExchange.SendAsync(http, BaseAddress, request);
        return (response, ExampleExchange.HeaderOf(response, "Matched-Stub-Id"));
    }

    /// <summary>From process start until <c>/__admin/health</c> answered 200.</summary>
    public TimeSpan Startup { get; private set; }

    /// <summary>Where the jar is expected: <c>mock-server/tests/wiremock/node_modules/wiremock/build</c>.</summary>
    public static string BuildDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "mock-server", "tests", "wiremock");
                if (File.Exists(Path.Combine(candidate, "package.json"))) return Path.Combine(candidate, "node_modules", "wiremock", "build");
            }
            return Path.Combine("mock-server", "tests", "wiremock", "node_modules", "wiremock", "build");
        }
    }

    /// <summary>The jar (globbed, so a patch bump of the pin still works), or null when it is not installed.</summary>
    public static string? FindJar() =>
        Directory.Exists(BuildDirectory) ? Directory.EnumerateFiles(BuildDirectory, "wiremock-standalone-*.jar").Order().LastOrDefault() : null;

    /// <summary>java: <c>HARNESS_JAVA</c> (a path; one that does not exist means "no java"), else <c>$JAVA_HOME/bin/java</c>, else PATH.</summary>
    public static string? FindJava()
    {
        if (Environment.GetEnvironmentVariable("HARNESS_JAVA") is { Length: > 0 } given) return File.Exists(given) ? given : null;
        if (Environment.GetEnvironmentVariable("JAVA_HOME") is { Length: > 0 } home && File.Exists(Path.Combine(home, "bin", "java")))
            return Path.Combine(home, "bin", "java");
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? "java.exe" : "java");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static async Task<WireMockJar> StartAsync(string java, string jar, string rootDirectory, TimeSpan timeout)
    {
        var port = FreePort();
        var info = new ProcessStartInfo(java)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar,
                     "--bind-address", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--root-dir", rootDirectory, "--disable-banner",
                 })
            info.ArgumentList.Add(arg);

        var output = new StringBuilder();
        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {java}");
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var server = new WireMockJar(process, output, baseAddress);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (process.HasExited)
            {
                // Read before disposing: a disposed Process has no exit code, and that error would hide WireMock's own.
                var exited = $"WireMock exited with {process.ExitCode} before it was healthy:\n{server.Output}";
                await server.DisposeAsync();
                throw new InvalidOperationException(exited);
            }
            try
            {
                using var health = await http.GetAsync(new Uri(baseAddress, "__admin/health"));
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    server.Startup = Stopwatch.GetElapsedTime(started);
                    return server;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                await server.DisposeAsync();
                throw new TimeoutException($"WireMock was not healthy after {timeout.TotalSeconds:F0} s:\n{server.Output}");
            }
            await Task.Delay(100);
        }
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public async ValueTask DisposeAsync() => await ChildProcess.StopAsync(_process);

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
