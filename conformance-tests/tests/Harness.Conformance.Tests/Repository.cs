using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.Conformance.Tests;

/// <summary>The repository's own scenario folder, loaded once for all tests.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    private static readonly Lazy<ContractSet> Loaded = new(() => ScenarioLoader.Load(Path.Combine(Root, "scenarios")));

    public static ContractSet Contracts => Loaded.Value;

    public static string ReportFolder(string name)
    {
        var folder = Path.Combine(Root, "reports", "out", name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Harness.sln not found above " + AppContext.BaseDirectory);
    }
}
