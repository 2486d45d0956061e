namespace Harness.MockServer.Tests.Published;

/// <summary>
/// The published binary carries the scenario files: copied alone into an empty folder (no scenarios/ above it, none
/// beside it) and started there, it serves every API of the contracts, says so, and watches nothing.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class PublishedEmbeddedContractsTests
{
    [Test]
    public async Task StartedFromAnEmptyFolder_ServesEveryOperationOfTheEmbeddedContracts()
    {
        var executable = await PublishedMock.ExecutableAsync();
        var scratch = Directory.CreateTempSubdirectory("published-anywhere-").FullName;
        try
        {
            var alone = Path.Combine(scratch, Path.GetFileName(executable));
            File.Copy(executable, alone);
            var work = Directory.CreateDirectory(Path.Combine(scratch, "work")).FullName;
            await using var server = await PublishedMock.StartProgramAsync([alone], work);
            using var http = TestMock.NewClient(server.BaseAddress);

            var status = JsonNode.Parse(await http.GetStringAsync("__harness/contracts/status"))!;
            var apis = JsonNode.Parse(await http.GetStringAsync("__harness/apis"))!.AsArray().Select(a => a!["id"]!.GetValue<string>());
            var target = JsonNode.Parse(await http.GetStringAsync("__harness/target"))!.AsObject()
                .ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());

            status["source"]!.GetValue<string>().Should().Be("embedded", server.Output);
            status["watching"]!.GetValue<bool>().Should().BeFalse("embedded contracts have no folder to watch");
            server.Output.Should().Contain("contracts            embedded");
            apis.Should().BeEquivalentTo(Contracts.Set.Apis.Select(a => a.Id));
            foreach (var operation in Contracts.Set.Operations)
            {
                using var answer = await ExampleExchange.SendAsync(http, server.BaseAddress,
                    await ExampleExchange.WellFormedRequestAsync(http, server.BaseAddress, Contracts.Set, target, operation));
                ((int)answer.StatusCode).Should().BeInRange(200, 299, "{0} from the embedded contracts: {1}", operation.QualifiedId, await answer.Content.ReadAsStringAsync());
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Test]
    public async Task ScenariosOption_StillWinsOverTheEmbeddedContracts()
    {
        using var scenarios = ScenarioCopy.Create();
        await using var server = await PublishedMock.StartAsync("--scenarios", scenarios.Folder, "--no-watch");
        using var http = TestMock.NewClient(server.BaseAddress);

        var status = JsonNode.Parse(await http.GetStringAsync("__harness/contracts/status"))!;

        status["source"]!.GetValue<string>().Should().Be(scenarios.Folder);
        status["watching"]!.GetValue<bool>().Should().BeFalse("--no-watch");
    }
}
