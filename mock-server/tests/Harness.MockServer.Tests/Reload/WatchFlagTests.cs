using Harness.MockServer.Tests.Cli;
using Harness.MockServer.Tests.Published;

namespace Harness.MockServer.Tests.Reload;

/// <summary>
/// The command line watches the scenario folder by default (<c>dotnet run --project mock-server</c> runs this
/// program): an edit is served and said on the console, a broken file's problems are printed at file:line:column;
/// <c>--no-watch</c> turns it off.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class WatchFlagTests
{
    private static Task<PublishedServer> StartAsync(params string[] args) =>
        PublishedMock.StartProgramAsync(["dotnet", CommandLine.Assembly], PublishedMock.RepositoryRoot, args);

    [Test]
    public async Task CommandLine_ByDefault_WatchesTheFolder_ServesAnEdit_AndPrintsProblemsOfABrokenOne()
    {
        using var scenarios = ScenarioCopy.Create();
        await using var server = await StartAsync("--scenarios", scenarios.Folder);
        using var http = TestMock.NewClient(server.BaseAddress);
        await WaitForAsync(() => server.Output.Contains("ready in", StringComparison.Ordinal), server);
        server.Output.Should().Contain("(watched");

        scenarios.Edit("keycloak-refresh/contract.yaml", "  access:\n    lifetime: 1800\n", "  access:\n    lifetime: 1800\n    colour: blue\n");
        await WaitForAsync(() => server.Output.Contains("still serving version 1", StringComparison.Ordinal), server);

        server.Output.Should().MatchRegex(@"keycloak-refresh/contract\.yaml:15:5: .*colour", "the console shows the lint's problems");
        var status = JsonNode.Parse(await http.GetStringAsync("__harness/contracts/status"))!;
        status["refused"]!.GetValue<bool>().Should().BeTrue();

        scenarios.Edit("keycloak-refresh/contract.yaml", "    colour: blue\n", "");
        await WaitForAsync(() => server.Output.Contains("serving version 2", StringComparison.Ordinal), server);
    }

    [Test]
    public async Task CommandLine_NoWatch_DoesNotWatch()
    {
        using var scenarios = ScenarioCopy.Create();
        await using var server = await StartAsync("--scenarios", scenarios.Folder, "--no-watch");
        using var http = TestMock.NewClient(server.BaseAddress);

        var status = JsonNode.Parse(await http.GetStringAsync("__harness/contracts/status"))!;

        status["watching"]!.GetValue<bool>().Should().BeFalse();
        status["source"]!.GetValue<string>().Should().Be(scenarios.Folder);
    }

    [Test]
    public async Task Help_ListsNoWatch_AndTheScenariosVariable()
    {
        var help = await CommandLine.RunAsync("--help");

        help.Stdout.Should().Contain("--no-watch").And.Contain("HARNESS_SCENARIOS");
    }

    private static async Task WaitForAsync(Func<bool> condition, PublishedServer server)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (deadline.IsCancellationRequested) Assert.Fail("timed out; the program printed:\n" + server.Output);
            await Task.Delay(50, CancellationToken.None);
        }
    }
}
