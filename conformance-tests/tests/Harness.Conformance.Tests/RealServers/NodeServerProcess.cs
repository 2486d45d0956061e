using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NUnit.Framework;

namespace Harness.Conformance.Tests.RealServers;

/// <summary>
/// One of the real OAuth servers under <c>conformance-tests/real-servers</c>, started as <c>node &lt;script&gt;</c>
/// with <c>PORT=&lt;free port&gt;</c> in that folder. Ready when it prints <c>READY http://127.0.0.1:PORT</c> on stdout
/// (no fixed sleeps; 30 s at most); its stderr is kept for the test output. Disposing kills the process tree by PID.
/// </summary>
public sealed class NodeServerProcess : IAsyncDisposable
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private const int Attempts = 3;

    private readonly Process _process;
    private readonly StringBuilder _stderr;
    private readonly Task _stdoutDrain;

    private NodeServerProcess(string script, Process process, StringBuilder stderr, Uri baseUrl, Task stdoutDrain)
    {
        Script = script;
        _process = process;
        _stderr = stderr;
        BaseUrl = baseUrl;
        _stdoutDrain = stdoutDrain;
    }

    public static string Folder => Path.Combine(Repository.Root, "conformance-tests", "real-servers");

    public string Script { get; }
    public Uri BaseUrl { get; }
    public int ProcessId => _process.Id;

    /// <summary>Everything the server wrote on stderr so far.</summary>
    public string StandardError
    {
        get
        {
            lock (_stderr) return _stderr.ToString();
        }
    }

    /// <summary>Skips the calling test locally, fails it in CI (<see cref="RequiredTool"/>), when node or the server's npm package is not installed.</summary>
    public static void RequireInstalled(string package)
    {
        if (FindNode() is null)
            RequiredTool.Node.Missing("'node' is not on PATH, and the real OAuth servers run on it");
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", package)))
            RequiredTool.RealServers.Missing($"conformance-tests/real-servers/node_modules/{package} does not exist");
    }

    /// <summary>Starts the script on a free port and waits for its READY line; retries on another port if the chosen one was taken meanwhile.</summary>
    public static async Task<NodeServerProcess> StartAsync(string script, IReadOnlyDictionary<string, string> environment, CancellationToken cancel = default)
    {
        var node = FindNode() ?? throw new InvalidOperationException("node is not on PATH; run .ci/setup");
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var start = new ProcessStartInfo(node, [script])
            {
                WorkingDirectory = Folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = false,
                UseShellExecute = false,
            };
            foreach (var (name, value) in environment) start.Environment[name] = value;
            start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);

            var stderr = new StringBuilder();
            var process = new Process { StartInfo = start };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (stderr) stderr.AppendLine(e.Data);
            };
            process.Start();
            process.BeginErrorReadLine();

            var expected = $"READY http://127.0.0.1:{port}";
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(ReadyTimeout);
            string? line = null, failure;
            try
            {
                line = await process.StandardOutput.ReadLineAsync(CancellationToken.None).AsTask().WaitAsync(timeout.Token);
                failure = line is null ? "exited before printing READY" : line.Trim() == expected ? null : $"printed '{line}' instead of '{expected}'";
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                failure = $"printed no READY line within {ReadyTimeout.TotalSeconds:0} s";
            }

            if (failure is null)
            {
                // Only the READY line is promised on stdout; drain the rest so the pipe never fills up.
                var drain = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return new NodeServerProcess(script, process, stderr, new Uri($"http://127.0.0.1:{port}/"), drain);
            }

            await KillAsync(process);
            var exit = process.HasExited ? $" (exit status {process.ExitCode})" : "";
            string errors;
            lock (stderr) errors = stderr.ToString();
            process.Dispose();
            if (attempt < Attempts && errors.Contains("EADDRINUSE", StringComparison.Ordinal)) continue;
            throw new NodeServerStartException($"node {script} on port {port} {failure}{exit}.{Environment.NewLine}--- stderr of {script} ---{Environment.NewLine}{errors}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync(_process);
        try
        {
            await _stdoutDrain.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or IOException or ObjectDisposedException)
        {
            // The pipe closes with the process; a drain that does not finish must not fail the teardown.
        }
        _process.Dispose();
    }

    private static async Task KillAsync(Process process)
    {
        try
        {
            if (process.HasExited) return;
            process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or refuses to die within 10 s: nothing more a teardown can do.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindNode()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "node");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>A real server did not come up; the message carries its stderr.</summary>
public sealed class NodeServerStartException(string message) : Exception(message);
