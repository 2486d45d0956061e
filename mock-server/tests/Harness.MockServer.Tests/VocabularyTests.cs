using Harness.MockServer.Tokens;
using Harness.MockServer.World;
using Harness.Scenarios.Loading;

namespace Harness.MockServer.Tests;

/// <summary>
/// The contract's vocabulary is defined in the model (Harness.Scenarios); the mock only computes it. These hold the
/// mock's side equal to the model's lists, so a word added to the model cannot be one the mock silently lacks.
/// </summary>
[TestFixture]
public sealed class VocabularyTests
{
    [Test]
    public void ClaimFillers_CoverExactlyTheModelsTemplates()
    {
        ClaimTemplate.Filled.Should().BeEquivalentTo(ClaimTemplates.All.Select(t => t.Name),
            "every claim template the loader lets through needs a filler in Tokens/ClaimTemplate.cs, and a filler of no template is dead");
    }

    [Test]
    public void ClaimFillers_WriteTheTypeTheModelGivesEachTemplate()
    {
        var claims = ClaimTemplates.All.ToDictionary(t => t.Name, t => (JsonNode?)JsonValue.Create(t.ToString()));
        var world = new MockWorld(new Harness.Scenarios.Fakes.HarnessFaker(1));
        // An OIDC session (it has a realm URL), so every template, ${realm.issuer} too, has a value to write.
        var family = new TokenFamily("family-1", "realm", world.User, world.Client.Id, world.Tenant, MockWorld.DefaultScope, 1_000, 5_000) { Issuer = "http://127.0.0.1:5080/realms/example" };
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
            ClaimTemplate.Compile(claims).Write(writer, family, TokenKind.Access, "jti-1", 1_000, 1_600);

        var written = JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
        foreach (var template in ClaimTemplates.All)
            written[template.Name]!.GetValueKind().Should().Be(template.Type == ClaimType.Number ? System.Text.Json.JsonValueKind.Number : System.Text.Json.JsonValueKind.String,
                "{0} is a {1} in the model", template, template.Type);
    }

    [Test]
    public void MockTargetValues_AreExactlyTheCatalogs()
    {
        HarnessPipeline.TargetValueNames.Should().BeEquivalentTo(Contracts.Set.Catalog.TargetValues.Keys,
            "a target value the catalog lists and the mock lacks makes its scenarios skip against the mock; one the catalog does not list is never read");
        new MockWorld(new Harness.Scenarios.Fakes.HarnessFaker(1)).TargetValues().Values.Should().OnlyContain(v => v.Length > 0);
    }

    [Test]
    public async Task StartAsync_CatalogListsATargetValueTheMockLacks_RefusesToStart()
    {
        var folder = CopyOfScenarios();
        File.AppendAllText(Path.Combine(folder, "catalog.yaml"), "  badge-number: an employee badge the mock knows nothing of\n");

        var start = () => HarnessMock.StartAsync(new MockServerOptions { Port = 0, ScenarioFolder = folder });

        (await start.Should().ThrowAsync<ScenarioLoadException>()).Which.Message.Should().Contain("target value 'badge-number': the mock has no value for it");
    }

    /// <summary>The product's scenario folder copied to a temporary one, for a test that edits it.</summary>
    private static string CopyOfScenarios()
    {
        var source = new MockServerOptions().ResolveScenarioFolder();
        var target = Path.Combine(Path.GetTempPath(), "harness-vocabulary-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("src", StringComparison.Ordinal) || relative.StartsWith("tests", StringComparison.Ordinal)) continue;
            var to = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }
}
