using System.Diagnostics;
using System.Text.RegularExpressions;
using Harness.MockServer.Tests.Published;

namespace Harness.MockServer.Tests.Packaging;

/// <summary>
/// The packages as a user gets them: <c>dotnet pack</c> of the tool and the three libraries into a local folder,
/// then <c>dotnet tool install --tool-path … --add-source … refresh-harness</c>. Done once per test run.
/// </summary>
internal static partial class ToolPackage
{
    private static readonly Lazy<Task<Installed>> Installation = new(InstallAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The projects packed, and the package id each gives.</summary>
    public static readonly (string Project, string Id)[] Projects =
    [
        ("mock-server/refresh-harness.csproj", "refresh-harness"),
        ("mock-server/src/Harness.MockServer/Harness.MockServer.csproj", "Harness.MockServer"),
        ("scenarios/src/Harness.Scenarios/Harness.Scenarios.csproj", "Harness.Scenarios"),
        ("reports/src/Harness.Reports/Harness.Reports.csproj", "Harness.Reports"),
    ];

    public static Task<Installed> InstalledAsync() => Installation.Value;

    private static async Task<Installed> InstallAsync()
    {
        var root = Directory.CreateTempSubdirectory("harness-packages-").FullName;
        var feed = Path.Combine(root, "feed");
        foreach (var (project, _) in Projects)
        {
            TestContext.Progress.WriteLine($"packaging: dotnet pack {project} (a build when the project changed)");
            var pack = await RunAsync("dotnet", ["pack", Path.Combine(PublishedMock.RepositoryRoot, project), "-o", feed, "-nologo"], PublishedMock.RepositoryRoot, TimeSpan.FromMinutes(8));
            if (pack.ExitCode != 0) Assert.Fail($"dotnet pack {project} failed (exit {pack.ExitCode}):\n{pack.Output}");
        }
        var tools = Path.Combine(root, "tools");
        TestContext.Progress.WriteLine($"packaging: dotnet tool install refresh-harness from {feed}");
        var install = await RunAsync("dotnet", ["tool", "install", "--tool-path", tools, "--add-source", feed, "refresh-harness", "--version", Version(feed)],
            PublishedMock.RepositoryRoot, TimeSpan.FromMinutes(3));
        if (install.ExitCode != 0) Assert.Fail($"dotnet tool install refresh-harness failed (exit {install.ExitCode}):\n{install.Output}");
        return new Installed(root, feed, Path.Combine(tools, "refresh-harness"));
    }

    /// <summary>The version the tool package was built with (Directory.Build.props VersionPrefix), read from its file name.</summary>
    private static string Version(string feed) =>
        ToolFile().Match(Path.GetFileName(Directory.EnumerateFiles(feed, "refresh-harness.*.nupkg").Single())).Groups["version"].Value;

    public static Task<CommandResult> RunAsync(string file, IEnumerable<string> args, string workingDirectory, TimeSpan timeout) =>
        PublishedMock.RunAsync(file, args, workingDirectory, timeout);

    [GeneratedRegex(@"^refresh-harness\.(?<version>\d+\.\d+\.\d+.*)\.nupkg$")]
    private static partial Regex ToolFile();
}

/// <summary>Where the packages went and the installed tool's launcher.</summary>
internal sealed record Installed(string Root, string Feed, string Tool)
{
    public Task<CommandResult> RunAsync(params string[] args) => RunInAsync(PublishedMock.RepositoryRoot, args);

    public Task<CommandResult> RunInAsync(string workingDirectory, params string[] args) =>
        ToolPackage.RunAsync(Tool, args, workingDirectory, TimeSpan.FromMinutes(1));
}
