using Harness.Scenarios.Loading;
using Harness.Scenarios.Tests.Support;

namespace Harness.Scenarios.Tests;

/// <summary>
/// A scenario folder held in memory (a published program's own copy) loads as the same folder on disk does, and its
/// problems name each file as the caller displays it (the resource name), with line and column.
/// </summary>
[TestFixture]
public sealed class InMemoryScenarioFilesTests
{
    private static Dictionary<string, string> FilesOf(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.StartsWith("src/", StringComparison.Ordinal) && !f.StartsWith("tests/", StringComparison.Ordinal))
            .ToDictionary(f => f, f => File.ReadAllText(Path.Combine(folder, f)));

    private static ScenarioFiles InMemory(Dictionary<string, string> files) => ScenarioFiles.InMemory("test", files, relative => "resource:" + relative);

    [Test]
    public void TryLoad_RepositoryScenariosInMemory_LoadAsOnDisk()
    {
        var folder = Fixtures.RepositoryScenarios();
        var onDisk = ScenarioLoader.Load(folder);

        var (inMemory, diagnostics) = ScenarioLoader.TryLoad(InMemory(FilesOf(folder)));

        diagnostics.Should().BeEmpty(DiagnosticAssertions.Listing(diagnostics));
        inMemory!.Apis.Select(a => a.Id).Should().Equal(onDisk.Apis.Select(a => a.Id));
        inMemory.Operations.Select(o => o.QualifiedId).Should().Equal(onDisk.Operations.Select(o => o.QualifiedId));
        inMemory.Scenarios.Select(s => s.Id).Should().Equal(onDisk.Scenarios.Select(s => s.Id));
    }

    [Test]
    public void TryLoad_BrokenFileInMemory_NamesItAsDisplayed_AtLineAndColumn()
    {
        var files = FilesOf(Fixtures.RepositoryScenarios());
        files["keycloak-refresh/contract.yaml"] = files["keycloak-refresh/contract.yaml"]
            .Replace("  access:\n    lifetime: 1800\n", "  access:\n    lifetime: 1800\n    colour: blue\n", StringComparison.Ordinal);

        var (_, diagnostics) = ScenarioLoader.TryLoad(InMemory(files));

        diagnostics.Should().ContainSingle().Which.ShouldBeAt("resource:keycloak-refresh/contract.yaml", 15, 5, "colour");
    }

    [Test]
    public void TryLoad_MissingSchemaInMemory_IsReported()
    {
        var files = FilesOf(Fixtures.RepositoryScenarios());
        var schemas = files.Keys.Where(f => f.EndsWith(".schema.json", StringComparison.Ordinal)).ToList();
        schemas.Should().NotBeEmpty("the repository's scenarios check a body against a schema file");
        foreach (var schema in schemas) files.Remove(schema);

        var (_, diagnostics) = ScenarioLoader.TryLoad(InMemory(files));

        diagnostics.Should().Contain(d => d.Message.Contains("schema file", StringComparison.Ordinal));
    }
}
