using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.Scenarios.Tests.Support;

/// <summary>Where the test fixtures (copied next to the test assembly) and the repository's own scenario folder are.</summary>
internal static class Fixtures
{
    public const string SolutionFile = "Harness.sln";

    public static string Root => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures");

    /// <summary>The smallest valid folder: one API with an issue and a refresh operation, every outcome checked once.</summary>
    public static string Valid => Path.Combine(Root, "valid");

    /// <summary>The worked example of scenarios/README.md: a sixth API with a new claim template and a new error envelope.</summary>
    public static string SixthApi => Path.Combine(Root, "sixth-api");

    /// <summary>A copy of <see cref="Valid"/> broken in one way (or, for three-problems, three).</summary>
    public static string Broken(string name) => Path.Combine(Root, "broken", name);

    /// <summary>A copy of <see cref="Valid"/> written differently but still valid.</summary>
    public static string Variant(string name) => Path.Combine(Root, "variants", name);

    private static readonly Lazy<ContractSet> Repository = new(() => ScenarioLoader.Load(RepositoryScenarios()));

    /// <summary>The repository's own contracts, loaded once for the run.</summary>
    public static ContractSet RepositoryContracts => Repository.Value;

    /// <summary>The repository's <c>scenarios/</c> folder, found by walking up from the test assembly to the folder holding the solution.</summary>
    public static string RepositoryScenarios()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return Path.Combine(dir.FullName, "scenarios");
        }
        throw new DirectoryNotFoundException($"no folder above {TestContext.CurrentContext.TestDirectory} holds {SolutionFile}");
    }
}
