using System.Diagnostics;
using Harness.MockServer.Tests.Published;

namespace Harness.MockServer.Tests.Cli;

/// <summary>
/// The command line as a user runs it: <c>dotnet refresh-harness.dll …</c> from this test's output folder (the
/// same assembly <c>dotnet run --project mock-server</c> builds), in the repository root, to its end.
/// </summary>
internal static class CommandLine
{
    public static string Assembly => Path.Combine(AppContext.BaseDirectory, "refresh-harness.dll");

    public static Task<CommandResult> RunAsync(params string[] args) => RunAsync(args, new Dictionary<string, string?>());

    public static async Task<CommandResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = PublishedMock.RepositoryRoot };
        info.ArgumentList.Add(Assembly);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"refresh-harness {string.Join(' ', args)} did not finish within a minute");
        }
        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }
}
