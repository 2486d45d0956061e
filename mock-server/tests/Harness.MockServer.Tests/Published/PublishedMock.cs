using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Harness.MockServer.Tests.Published;

/// <summary>
/// The mock as it ships: <c>dotnet publish mock-server/src/Harness.MockServer.Kestrel</c>, compiled ahead of time (Native AOT). The tests build
/// it once per run, into this test's output folder, and run its commands and its server as a user would.
/// </summary>
public static partial class PublishedMock
{
    private static readonly Lazy<Task<string>> Published = new(PublishAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The published executable; the first caller publishes it (about a minute on two cores). HARNESS_PUBLISHED_MOCK
    /// names a binary published elsewhere (a release artifact) to test instead.
    /// </summary>
    public static Task<string> ExecutableAsync() => Published.Value;

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Harness.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException("Harness.sln not found above " + AppContext.BaseDirectory);
        }
    }

    private static async Task<string> PublishAsync()
    {
        if (Environment.GetEnvironmentVariable("HARNESS_PUBLISHED_MOCK") is { Length: > 0 } given) return Path.GetFullPath(given);
        if (!OnPath("clang")) RequiredTool.Clang.Missing("'clang' is not on PATH, and dotnet publish (Native AOT) links with it");
        var work = Path.Combine(AppContext.BaseDirectory, "published-mock");
        var output = Path.Combine(work, "bin");
        // Its own artifacts folder: a publish for a runtime must not rewrite the restore files the solution build uses.
        var result = await RunAsync("dotnet", ["publish", Path.Combine(RepositoryRoot, "mock-server", "src", "Harness.MockServer.Kestrel"), "-c", "Release", "-o", output,
            "--artifacts-path", Path.Combine(work, "artifacts"), "-nologo"], TimeSpan.FromMinutes(10));
        var executable = Path.Combine(output, "Harness.MockServer.Kestrel");
        if (result.ExitCode != 0 || !File.Exists(executable))
            Assert.Fail($"dotnet publish mock-server/src/Harness.MockServer.Kestrel failed (exit {result.ExitCode}); Native AOT needs clang and zlib1g-dev, which .ci/setup installs:\n{Tail(result.Output, 40)}");
        return executable;
    }

    /// <summary>Runs a command of the published mock to its end.</summary>
    public static async Task<CommandResult> RunCommandAsync(params string[] args) =>
        await RunAsync(await ExecutableAsync(), args, TimeSpan.FromMinutes(1));

    public static Task<CommandResult> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout) => RunAsync(file, args, RepositoryRoot, timeout);

    /// <summary>Runs a program to its end in <paramref name="workingDirectory"/>; a run past <paramref name="timeout"/> is killed and fails the test.</summary>
    public static async Task<CommandResult> RunAsync(string file, IEnumerable<string> args, string workingDirectory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(file)} {string.Join(' ', info.ArgumentList)} did not finish within {timeout.TotalSeconds:F0} s");
        }
        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts <c>Harness.MockServer.Kestrel --port 0</c> and waits for the address it prints.</summary>
    public static async Task<PublishedServer> StartAsync(params string[] args) => await StartProgramAsync([await ExecutableAsync()], RepositoryRoot, args);

    /// <summary>Starts a program of the mock (<paramref name="command"/> is the file, then its leading arguments) with <c>--port 0</c> in <paramref name="workingDirectory"/>.</summary>
    public static async Task<PublishedServer> StartProgramAsync(IReadOnlyList<string> command, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var arg in (string[])[.. command.Skip(1), "--port", "0", .. args]) info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the published mock");
        var server = new PublishedServer(process);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            server.Append(e.Data);
            if (e.Data is { } line && Listening().Match(line) is { Success: true } match) listening.TrySetResult(new Uri(match.Groups["url"].Value + "/"));
        };
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("the published mock exited during start-up:\n" + server.Output));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            server.BaseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, command)));

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));

    [GeneratedRegex(@"listening on (?<url>https?://\S+?)/? ")]
    private static partial Regex Listening();
}

public sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;
}

/// <summary>A running published mock; disposing it kills the process.</summary>
public sealed class PublishedServer(Process process) : IAsyncDisposable
{
    private readonly StringBuilder _output = new();

    public Uri BaseAddress { get; internal set; } = new("http://127.0.0.1/");

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    internal void Append(string? line)
    {
        lock (_output) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync() => await ChildProcess.StopAsync(process);
}
