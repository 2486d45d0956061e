using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.Conformance.Tests;

/// <summary>The repository's own scenario folder, loaded once for all tests.</summary>
public static class Repository
{
    public static string Root { get; } = Harness.Conformance.RepositoryLayout.Root;

    private static readonly Lazy<ContractSet> Loaded = new(() => ScenarioLoader.Load(Path.Combine(Root, "scenarios")));

    public static ContractSet Contracts => Loaded.Value;

    public static string ReportFolder(string name)
    {
        var folder = Path.Combine(Root, "reports", "out", name);
        Directory.CreateDirectory(folder);
        return folder;
    }

}
