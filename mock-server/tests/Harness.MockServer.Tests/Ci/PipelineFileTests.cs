using System.Text.RegularExpressions;
using Harness.MockServer.Tests.Cli;
using Harness.MockServer.Tests.Published;
using YamlDotNet.RepresentationModel;

namespace Harness.MockServer.Tests.Ci;

/// <summary>
/// The ready-to-copy pipelines of docs/ci: valid YAML, every command they run exists (projects, files, CLI commands),
/// and every command is one the README documents, so a copied pipeline does what the README says.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed partial class PipelineFileTests
{
    /// <summary>Each pipeline file and where its CI system keeps the shell commands.</summary>
    public static IEnumerable<TestCaseData> Pipelines()
    {
        yield return new TestCaseData("github-actions.yml", (Func<YamlNode, IEnumerable<string>>)GitHubCommands).SetArgDisplayNames("github-actions");
        yield return new TestCaseData("gitlab-ci.yml", (Func<YamlNode, IEnumerable<string>>)GitLabCommands).SetArgDisplayNames("gitlab-ci");
        yield return new TestCaseData("azure-pipelines.yml", (Func<YamlNode, IEnumerable<string>>)AzureCommands).SetArgDisplayNames("azure-pipelines");
    }

    private static string Root => PublishedMock.RepositoryRoot;

    [TestCaseSource(nameof(Pipelines))]
    public void Pipeline_runs_the_suite_and_publishes_its_reports(string file, Func<YamlNode, IEnumerable<string>> commands)
    {
        var text = File.ReadAllText(Path.Combine(Root, "docs", "ci", file));
        var run = commands(Load(file)).ToList();

        run.Should().Contain(c => c.StartsWith("dotnet test conformance-tests", StringComparison.Ordinal), "the pipeline runs the conformance suite");
        run.Should().Contain(c => c.Contains("--logger \"junit", StringComparison.Ordinal), "the pipeline uses the JUnit test logger convention");
        text.Should().Contain("reports/out/ci/junit.xml", "the suite's own JUnit file is published to the CI system's test view");
        text.Should().Contain("HARNESS_REPORT_DIR", "the reports go where the upload step looks");
    }

    [TestCaseSource(nameof(Pipelines))]
    public async Task Every_command_exists_and_is_the_one_the_readme_documents(string file, Func<YamlNode, IEnumerable<string>> commands)
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var run = commands(Load(file)).Where(c => c.StartsWith("dotnet ", StringComparison.Ordinal)).ToList();
        run.Should().NotBeEmpty();

        foreach (var command in run)
        {
            var words = Words(command);
            if (words[1] == "test")
            {
                // dotnet test takes a folder holding one project or solution file (conformance-tests has the suite's solution).
                Directory.EnumerateFiles(Path.Combine(Root, words[2])).Where(f => f.EndsWith(".csproj", StringComparison.Ordinal) || f.EndsWith(".sln", StringComparison.Ordinal))
                    .Should().ContainSingle($"{command}: {words[2]} holds the test project or its solution");
                var settings = words.IndexOf("--settings");
                if (settings > 0) File.Exists(Path.Combine(Root, words[settings + 1])).Should().BeTrue($"{command}: its run settings file exists");
                readme.Should().Contain($"dotnet test {words[2]}", $"{file} runs `{command}`");
                continue;
            }
            words.Take(4).Should().Equal(["dotnet", "run", "--project", "mock-server"], $"{command}: the pipelines run the product's one command line");
            var verb = words.Skip(5).TakeWhile(w => !w.StartsWith('-')).ToList();
            var help = await CommandLine.RunAsync([.. verb.Take(1), "--help"]);
            help.ExitCode.Should().Be(0, $"{command}: `{verb[0]}` is a command of the CLI\n{help.Output}");
            readme.Should().Contain($"dotnet run --project mock-server -- {string.Join(' ', verb)}", $"{file} runs `{command}`");
        }
    }

    [Test]
    public void The_readme_points_at_every_pipeline()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));

        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "docs", "ci"), "*.yml"))
            readme.Should().Contain($"docs/ci/{Path.GetFileName(file)}");
    }

    private static YamlNode Load(string file)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root, "docs", "ci", file));
        yaml.Load(reader);   // throws with line and column on invalid YAML
        yaml.Documents.Should().HaveCount(1);
        return yaml.Documents[0].RootNode;
    }

    private static IEnumerable<string> GitHubCommands(YamlNode root) =>
        Map(root, "jobs").Children.Values
            .SelectMany(job => Sequence(job, "steps"))
            .Select(step => Scalar(step, "run")).OfType<string>()
            .SelectMany(Lines);

    private static IEnumerable<string> GitLabCommands(YamlNode root) =>
        ((YamlMappingNode)root).Children.Values.OfType<YamlMappingNode>()
            .SelectMany(job => new[] { "before_script", "script", "after_script" }.SelectMany(key => Sequence(job, key)))
            .OfType<YamlScalarNode>().Select(s => s.Value!).SelectMany(Lines);

    private static IEnumerable<string> AzureCommands(YamlNode root) =>
        Sequence(root, "steps").Select(step => Scalar(step, "script") ?? Scalar(step, "bash")).OfType<string>().SelectMany(Lines);

    private static YamlMappingNode Map(YamlNode node, string key) =>
        (YamlMappingNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    private static IEnumerable<YamlNode> Sequence(YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode seq ? seq.Children : [];

    private static string? Scalar(YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>One command per line; a line ending in a backslash goes on.</summary>
    private static IEnumerable<string> Lines(string script) =>
        script.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));

    /// <summary>Shell words, quotes kept together (enough for the commands the pipelines run).</summary>
    private static List<string> Words(string command) => ShellWord().Matches(command).Select(m => m.Value.Trim('"')).ToList();

    [GeneratedRegex("\"[^\"]*\"|\\S+")]
    private static partial Regex ShellWord();
}
