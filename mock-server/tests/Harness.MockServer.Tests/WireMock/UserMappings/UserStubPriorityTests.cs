using System.Net.Http.Json;
using Harness.MockServer.Journal;

namespace Harness.MockServer.Tests.WireMock.UserMappings;

/// <summary>
/// A user's mapping on a contract path overrides the harness for the requests it matches (users' mappings default to
/// priority 0, the contract's are 1,000,000); every other request still reaches the harness. Stubs come from a
/// --mappings file or from WireMock.Net's own <c>POST /__admin/mappings</c>.
/// </summary>
public sealed class UserStubPriorityTests
{
    [Test]
    public async Task UserFileOnContractPath_WinsForTheRequestsItMatches_OthersReachTheHarness()
    {
        var folder = Directory.CreateTempSubdirectory("user-mappings-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "outage.json"), $$"""
                { "name": "refresh outage", "request": { "method": "POST", "urlPath": "{{UserStubServer.ContractPath}}",
                    "headers": { "X-Scenario": { "equalTo": "outage" } } },
                  "response": { "status": 503, "body": "{\"error\":\"maintenance\"}" } }
                """);
            using var mock = UserStubServer.Start(mappings: folder);

            var outage = await mock.SendAsync(HttpMethod.Post, UserStubServer.ContractPath, r => r.Headers.Add("X-Scenario", "outage"));
            var normal = await mock.SendAsync(HttpMethod.Post, UserStubServer.ContractPath);

            outage.Should().Be((503, "{\"error\":\"maintenance\"}"));
            normal.Should().Be((200, UserStubServer.HarnessAnswer));
            var stub = mock.Journal.Latest(10).Should().ContainSingle(e => e.Source == JournalSources.UserStub).Subject;
            stub.Status.Should().Be(503);
            stub.Condition.Should().Contain("refresh outage").And.Contain("outage.json");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task AdminPostMapping_AddsAStubAtRunTime_BesideTheContract()
    {
        using var mock = UserStubServer.Start();
        var mapping = JsonNode.Parse("""
            { "Title": "my backend's profile", "Request": { "Path": "/api/profile", "Methods": ["GET"] },
              "Response": { "StatusCode": 200, "BodyAsJson": { "name": "Ada" } } }
            """);

        using var posted = await mock.Http.PostAsJsonAsync("__admin/mappings", mapping);

        posted.StatusCode.Should().Be(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
        (await mock.SendAsync(HttpMethod.Get, "/api/profile")).Should().Be((200, "{\"name\":\"Ada\"}"));
        (await mock.SendAsync(HttpMethod.Post, UserStubServer.ContractPath)).Body.Should().Be(UserStubServer.HarnessAnswer);
        mock.Journal.Latest(10).Should().ContainSingle(e => e.Source == JournalSources.UserStub).Which.Path.Should().Be("/api/profile");
        var listed = JsonNode.Parse(await mock.Http.GetStringAsync("__harness/user-stubs"))!;
        listed["mappings"]!.AsArray().Select(m => (string?)m!["title"]).Should().Equal("my backend's profile");
    }
}
