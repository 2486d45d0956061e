using Harness.MockServer.Journal;

namespace Harness.MockServer.Tests.WireMock.UserMappings;

/// <summary>
/// <c>--mappings DIR</c>: users' WireMock mapping files, in the jar's format (what export-wiremock writes) or WireMock.Net's,
/// loaded at start and again when they change; a malformed one is reported by name and reason and the others still load.
/// </summary>
public sealed class UserMappingFolderTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("user-mappings-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private const string JarHello = """{ "request": { "method": "GET", "urlPath": "/hello" }, "response": { "status": 200, "body": "hello from a jar-format file" } }""";
    private const string NetHello = """{ "Request": { "Path": "/net", "Methods": ["GET"] }, "Response": { "StatusCode": 201, "Body": "hello from a WireMock.Net file" } }""";

    private string Write(string name, string json, string? under = null)
    {
        var folder = under is null ? _folder : Directory.CreateDirectory(Path.Combine(_folder, under)).FullName;
        var file = Path.Combine(folder, name);
        File.WriteAllText(file, json);
        return file;
    }

    [Test]
    public async Task Attach_GoodAndMalformedFiles_ServesTheGoodOnes_ReportsTheMalformedByNameAndReason()
    {
        Write("good.json", JarHello);
        Write("net.json", NetHello);
        const string broken = """{ "request": { "method": "GET", "urlPath": "/broken" }, "response": { "status": 200, """;
        Write("broken.json", broken);
        using var mock = UserStubServer.Start(mappings: _folder);

        (await mock.SendAsync(HttpMethod.Get, "/hello")).Should().Be((200, "hello from a jar-format file"));
        (await mock.SendAsync(HttpMethod.Get, "/net")).Should().Be((201, "hello from a WireMock.Net file"));
        (await mock.SendAsync(HttpMethod.Get, "/broken")).Status.Should().Be(404, "the broken file's stub is not loaded");

        var problem = mock.Stubs.Problems.Should().ContainSingle().Subject;
        problem.File.Should().Be("broken.json");
        problem.Reason.Should().NotBeNullOrWhiteSpace();
        (problem.Line, problem.Column).Should().Be((1, broken.Length + 1), "the file ends there, in the middle of the response");
        mock.Console.Should().Contain($"broken.json:1:{broken.Length + 1}: {problem.Reason}");
        var entry = mock.Journal.Latest(10).Should().ContainSingle(e => e.Source == JournalSources.MappingFile).Subject;
        entry.Path.Should().Be("broken.json");
        entry.ResponseBody.Should().Be(problem.ToString());
    }

    [Test]
    public async Task JarFormatUrl_IsTheRequestsPath_AndWithAQueryIsRefusedWithWhatToWrite()
    {
        // The jar's "url" is the path (and query) compared whole; WireMock.Net 1.25's importer compares it with the absolute URL.
        var file = Write("url.json", """{ "request": { "method": "GET", "url": "/by-url" }, "response": { "status": 200, "body": "matched by url" } }""");
        Write("query.json", """{ "request": { "method": "GET", "url": "/by-url?x=1" }, "response": { "status": 200, "body": "never" } }""");
        using var mock = UserStubServer.Start(mappings: _folder);

        (await mock.SendAsync(HttpMethod.Get, "/by-url")).Should().Be((200, "matched by url"));
        mock.Server.Mappings.Count(m => m.Path == file).Should().Be(1, "the stub is the user's file's, which a change or delete then replaces");
        mock.Stubs.Problems.Should().ContainSingle().Which.Should().Match<Harness.MockServer.WireMock.UserMappings.MappingFileProblem>(p => p.File == "query.json" && p.Reason.Contains("urlPath"));
    }

    [Test]
    public async Task Attach_ValidJsonThatIsNoMapping_IsReported()
    {
        Write("list.json", "[1, 2]");
        using var mock = UserStubServer.Start(mappings: _folder);

        mock.Stubs.Problems.Should().ContainSingle().Which.File.Should().Be("list.json");
        (await mock.SendAsync(HttpMethod.Post, UserStubServer.ContractPath)).Body.Should().Be(UserStubServer.HarnessAnswer);
    }

    [Test]
    public async Task Attach_RootFolderWithMappingsSubfolder_ReadsTheSubfolder_AsTheJarsRootDir()
    {
        Write("good.json", JarHello, under: "mappings");
        using var mock = UserStubServer.Start(mappings: _folder);

        mock.Stubs.Folder!.Folder.Should().Be(Path.Combine(_folder, "mappings"));
        (await mock.SendAsync(HttpMethod.Get, "/hello")).Body.Should().Be("hello from a jar-format file");
        mock.Stubs.Folder.Files.Keys.Should().Equal(Path.Combine("mappings", "good.json"));
    }

    [Test]
    public async Task FileChanged_NewAnswerServed_ThenFileDeleted_StubGone()
    {
        var file = Write("hello.json", JarHello);
        using var mock = UserStubServer.Start(mappings: _folder);
        (await mock.SendAsync(HttpMethod.Get, "/hello")).Body.Should().Be("hello from a jar-format file");

        File.WriteAllText(file, JarHello.Replace("hello from a jar-format file", "changed answer"));
        (await mock.EventuallyAsync(HttpMethod.Get, "/hello", a => a.Body == "changed answer")).Body.Should().Be("changed answer");
        mock.Server.Mappings.Count(m => m.Path == file).Should().Be(1, "a changed file replaces its mappings rather than adding beside them");

        File.Delete(file);
        (await mock.EventuallyAsync(HttpMethod.Get, "/hello", a => a.Status == 404)).Status.Should().Be(404);
    }

    [Test]
    public async Task FileAddedBroken_ThenFixed_ProblemReportedThenCleared()
    {
        using var mock = UserStubServer.Start(mappings: _folder);
        var file = Write("later.json", "{ this is not json");
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (mock.Stubs.Problems.Count == 0 && DateTimeOffset.UtcNow < deadline) await Task.Delay(50);
        mock.Stubs.Problems.Should().ContainSingle().Which.File.Should().Be("later.json");

        File.WriteAllText(file, JarHello);
        (await mock.EventuallyAsync(HttpMethod.Get, "/hello", a => a.Status == 200)).Body.Should().Be("hello from a jar-format file");
        mock.Stubs.Problems.Should().BeEmpty();
    }

    [Test]
    public async Task JarFormat_PriorityAndIdKept_ALowerPriorityStubLeavesTheContractAnswering()
    {
        // WireMock.Net's importer of the jar's format drops both; the folder puts them back.
        const string id = "5d1f1c1e-0000-4000-8000-000000000abc";
        Write("after-contract.json", $$"""{ "id": "{{id}}", "priority": 2000000, "request": { "method": "POST", "urlPath": "{{UserStubServer.ContractPath}}" }, "response": { "status": 418 } }""");
        using var mock = UserStubServer.Start(mappings: _folder);

        var mapping = mock.Server.Mappings.Should().ContainSingle(m => m.Guid == Guid.Parse(id)).Subject;
        mapping.Priority.Should().Be(2_000_000);
        (await mock.SendAsync(HttpMethod.Post, UserStubServer.ContractPath)).Body.Should().Be(UserStubServer.HarnessAnswer);
    }
}
