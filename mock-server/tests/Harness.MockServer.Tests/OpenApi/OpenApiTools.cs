using System.Diagnostics;
using System.Net.Sockets;
using Harness.MockServer.Tests.Published;

namespace Harness.MockServer.Tests.OpenApi;

/// <summary>
/// The third-party OpenAPI tools, pinned by mock-server/tests/openapi/package.json and installed by <c>.ci/setup</c>:
/// Redocly CLI (lint) and Prism (a mock server that serves an OpenAPI document's examples).
/// </summary>
internal static class OpenApiTools
{
    public static string Folder => Path.Combine(PublishedMock.RepositoryRoot, "mock-server", "tests", "openapi");

    /// <summary>The tool's launcher under node_modules/.bin; where it or node is missing, a skip locally and a failure in CI (<see cref="RequiredTool"/>).</summary>
    public static string Require(string tool)
    {
        var path = RequiredTool.OpenApiTools.RequireFile(Path.Combine(Folder, "node_modules", ".bin", tool));
        RequiredTool.Node.RequireOnPath("node");
        return path;
    }

    public static async Task<CommandResult> RunAsync(string tool, params string[] args) =>
        await PublishedMock.RunAsync(Require(tool), args, TimeSpan.FromMinutes(2));
}

/// <summary><c>prism mock DOC</c> on a free port of 127.0.0.1, stopped by PID.</summary>
internal sealed class PrismServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PrismServer(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static async Task<PrismServer> StartAsync(string document)
    {
        var prism = OpenApiTools.Require("prism");
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var info = new ProcessStartInfo(prism) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "mock", "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), document }) info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start prism");
        var server = new PrismServer(process, new Uri($"http://127.0.0.1:{port}/"));
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Line(string? line)
        {
            if (line is null) return;
            lock (server._output) server._output.AppendLine(line);
            if (line.Contains("Prism is listening", StringComparison.Ordinal)) listening.TrySetResult();
        }
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("prism exited during start-up:\n" + server.Output));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    public async ValueTask DisposeAsync() => await ChildProcess.StopAsync(_process);
}
