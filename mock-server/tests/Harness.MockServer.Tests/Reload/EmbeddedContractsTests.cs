using Harness.Scenarios.Loading;

namespace Harness.MockServer.Tests.Reload;

/// <summary>The scenario files built into the library are the repository's, every one, and load clean.</summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class EmbeddedContractsTests
{
    [Test]
    public void Files_AreEveryScenarioFileOfTheRepository_AndLoadAsTheFolderDoes()
    {
        var (embedded, problems) = ScenarioLoader.TryLoad(EmbeddedContracts.Files());

        problems.Should().BeEmpty(string.Join("\n", problems));
        embedded!.Apis.Select(a => a.Id).Should().Equal(Contracts.Set.Apis.Select(a => a.Id));
        embedded.Scenarios.Select(s => s.Id).Should().Equal(Contracts.Set.Scenarios.Select(s => s.Id));
        var folder = Contracts.Set.Folder;
        var onDisk = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.StartsWith("src/", StringComparison.Ordinal) && !f.StartsWith("tests/", StringComparison.Ordinal) && f != "README.md");
        var names = typeof(EmbeddedContracts).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("scenarios/", StringComparison.Ordinal));
        names.Should().BeEquivalentTo(onDisk.Select(f => "scenarios/" + f), "every contract, scenario and schema file is built in, and nothing else");
    }
}
