using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Harness.MockServer.Tests.Hosts;

/// <summary>
/// What the WireMock.Net host adds around the one pipeline: every contract operation listed as a mapping on
/// <c>/__admin/mappings</c> (titled, with stable ids, at the documented priorities), the Host filter and the control
/// token on <c>/__admin</c> too, and the harness added to a user's own WireMockServer.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class WireMockHostTests
{
    [Test]
    public async Task AdminMappings_ListEveryContractOperationAndOidcEndpoint_AtTheDocumentedPriorities()
    {
        await using var mock = await WireMockHarnessHost.StartAsync(Contracts.Set, new MockServerOptions { Port = 0 });
        using var http = TestMock.NewClient(mock.BaseAddress);

        var listed = JsonNode.Parse(await http.GetStringAsync("__admin/mappings"))!.AsArray()
            .Select(m => (Title: (string)m!["Title"]!, Guid: Guid.Parse((string)m["Guid"]!), Priority: (int)m["Priority"]!)).ToList();

        foreach (var operation in Contracts.Set.Operations)
        {
            var title = $"{HarnessMappings.TitlePrefix}{operation.QualifiedId} '{operation.Method} {operation.Path}'";
            listed.Should().ContainSingle(m => m.Title == title, "every contract operation is a mapping").Which.Priority.Should().Be(HarnessPriorities.ContractOperation);
        }
        listed.Where(m => m.Title.Contains(".oidc-", StringComparison.Ordinal)).Should().HaveCount(5, "discovery, certs, authorization, userinfo, logout");
        listed.Should().ContainSingle(m => m.Title.EndsWith("control surface /__harness", StringComparison.Ordinal)).Which.Priority.Should().Be(HarnessPriorities.ControlSurface);
        listed.Should().ContainSingle(m => m.Guid == HarnessMappings.FallbackGuid).Which.Priority.Should().Be(HarnessPriorities.Fallback);
        listed.Should().OnlyContain(m => HarnessMappings.IsHarness(m.Title) && m.Guid == HarnessMappings.GuidOf(m.Title.Substring(HarnessMappings.TitlePrefix.Length)),
            "each harness mapping's id is derived from its name, the same on every start");
    }

    [Test]
    public async Task Reload_MovedOperation_IsMappedAtItsNewPath_AndTheOldMappingIsGone()
    {
        using var scenarios = ScenarioCopy.Create();
        await using var mock = await WireMockHarnessHost.StartAsync(new MockServerOptions { Port = 0, ScenarioFolder = scenarios.Folder });
        using var http = TestMock.NewClient(mock.BaseAddress);
        static async Task<List<string>> TitlesAsync(HttpClient http) =>
            [.. JsonNode.Parse(await http.GetStringAsync("__admin/mappings"))!.AsArray().Select(m => (string)m!["Title"]!)];
        (await TitlesAsync(http)).Should().Contain(t => t.Contains("'POST /ags/refresh'", StringComparison.Ordinal));

        scenarios.Edit("ags-refresh/contract.yaml", "path: /ags/refresh", "path: /ags/v2/refresh");
        mock.Served.Reload().Refused.Should().BeFalse();

        var titles = await TitlesAsync(http);
        titles.Should().Contain(t => t.Contains("'POST /ags/v2/refresh'", StringComparison.Ordinal), "the reloaded contract's operation is a mapping");
        titles.Should().NotContain(t => t.Contains("'POST /ags/refresh'", StringComparison.Ordinal), "the operation that moved is no longer mapped at its old path");
        titles.Should().ContainSingle(t => t == HarnessMappings.TitlePrefix + HarnessMappings.FallbackName, "the fallback stays");
        using var moved = await http.PostAsync("ags/v2/refresh", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        ((int)moved.StatusCode).Should().NotBe(404);
        mock.Journal(1).Single().Operation.Should().Be("ags-refresh.refresh", "the engine answers the moved operation");
        using var old = await http.PostAsync("ags/refresh", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        ((int)old.StatusCode).Should().Be(404, "nothing serves the old path now");
    }

    [Test]
    public async Task ContentTypeWithParameters_IsMatchedByTheOperationsOwnMapping()
    {
        await using var mock = await WireMockHarnessHost.StartAsync(Contracts.Set, new MockServerOptions { Port = 0 });
        using var http = TestMock.NewClient(mock.BaseAddress);
        var refresh = Contracts.Set.Operations.Single(o => o.QualifiedId == "keycloak-refresh.refresh");
        using var content = new StringContent("grant_type=refresh_token&refresh_token=nope&client_id=x");
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
        // Heard as it is logged: the host then deletes a harness answer from WireMock.Net's log (it would keep tokens whole).
        var logged = new System.Collections.Concurrent.ConcurrentQueue<global::WireMock.Logging.ILogEntry>();
        mock.Server.LogEntriesChanged += (_, e) =>
        {
            foreach (var entry in e.NewItems?.OfType<global::WireMock.Logging.ILogEntry>() ?? []) logged.Enqueue(entry);
        };

        using var response = await http.PostAsync(refresh.Path.TrimStart('/'), content);

        ((int)response.StatusCode).Should().BeLessThan(500);
        logged.Should().ContainSingle(e => e.RequestMessage.Path == refresh.Path)
            .Which.MappingTitle.Should().StartWith($"{HarnessMappings.TitlePrefix}keycloak-refresh.", "the content type is matched with a wildcard, so '; charset=' still matches the operation");
    }

    [Test]
    public async Task Admin_FromAnotherHostName_Is421_AndFromAnotherOrigin_Is403()
    {
        await using var mock = await WireMockHarnessHost.StartAsync(Contracts.Set, new MockServerOptions { Port = 0 });
        using var http = TestMock.NewClient(mock.BaseAddress);

        using var rebound = new HttpRequestMessage(HttpMethod.Get, "__admin/mappings") { Headers = { Host = "attacker.example" } };
        using var reboundReply = await http.SendAsync(rebound);
        using var foreign = new HttpRequestMessage(HttpMethod.Post, "__admin/mappings") { Content = new StringContent("{}", Encoding.UTF8, "text/plain") };
        foreign.Headers.Add("Origin", "http://attacker.example");
        using var foreignReply = await http.SendAsync(foreign);

        ((int)reboundReply.StatusCode).Should().Be(421, "the DNS-rebinding check covers WireMock.Net's admin API");
        ((int)foreignReply.StatusCode).Should().Be(403);
        JsonNode.Parse(await foreignReply.Content.ReadAsStringAsync())!["error"]!.GetValue<string>().Should().Be("origin_not_allowed");
    }

    [Test]
    public async Task Admin_WithAControlToken_RequiresIt()
    {
        const string token = "a-control-token-0123456789";
        await using var mock = await WireMockHarnessHost.StartAsync(Contracts.Set, new MockServerOptions { Port = 0, ControlToken = token });
        using var http = TestMock.NewClient(mock.BaseAddress);

        using var without = await http.GetAsync("__admin/mappings");
        using var with = new HttpRequestMessage(HttpMethod.Get, "__admin/mappings");
        with.Headers.Add(ControlSurfaceTokenHeader, token);
        using var withReply = await http.SendAsync(with);

        ((int)without.StatusCode).Should().Be(401);
        ((int)withReply.StatusCode).Should().Be(200);
    }

    private const string ControlSurfaceTokenHeader = "X-Harness-Control-Token";

    [Test]
    public async Task AddRefreshHarness_OnAUsersServer_ServesTheApisBesideTheirStubs_WithAHandle()
    {
        using var server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"], MaxRequestLogCount = 100 }.ForRefreshHarness());
        server.Given(Request.Create().WithPath("/my/backend").UsingGet()).RespondWith(Response.Create().WithBody("mine"));
        var harness = server.AddRefreshHarness(Contracts.Set, new MockServerOptions());
        using var http = TestMock.NewClient(new Uri(server.Urls[0].TrimEnd('/') + "/"));
        var values = harness.TargetValues;
        var client = new TestMockClient(http, values);

        var signOn = await client.SignOnAsync();
        harness.Force("ags-signon.signOn", 403);
        var forced = await client.SignOnAsync();
        harness.Reset();
        var mine = await http.GetStringAsync("my/backend");

        signOn.Should().Be(201);
        forced.Should().Be(403, "Force works through the handle");
        mine.Should().Be("mine", "the user's own stub answers beside the harness");
        harness.Journal().Should().BeEmpty("Reset forgets the journal");

        await harness.DisposeAsync();
        server.Mappings.Should().NotContain(m => HarnessMappings.IsHarness(m), "disposing the handle removes the harness's mappings");
        server.Mappings.Should().Contain(m => m.Title == null || !HarnessMappings.IsHarness(m));
    }

    [TestCase(MockHost.Kestrel, "(seed 1; Kestrel host)", false)]
    [TestCase(MockHost.WireMockNet, "(seed 1; WireMock.Net host)", true)]
    public async Task Serve_Banner_NamesItsHost_AndTheAdminApiWhereThereIsOne(MockHost host, string named, bool admin)
    {
        using var ready = new CancellationTokenSource();
        var output = new StopWhenReady(ready);
        MockHostStarter starter = host == MockHost.Kestrel ? HarnessMock.StartRunningAsync : WireMockHarnessHost.StartRunningAsync;

        var exit = await Harness.MockServer.Cli.ServeCommand.RunAsync(new MockServerOptions { Port = 0 }, output, TextWriter.Null, ready.Token, host: starter);

        exit.Should().Be(0);
        output.ToString().Should().Contain(named);
        output.ToString().Contains("/__admin/mappings", StringComparison.Ordinal).Should().Be(admin, output.ToString());
    }

    /// <summary>The banner's writer: its last line ("ready in …") stops the mock, as Ctrl+C would.</summary>
    private sealed class StopWhenReady(CancellationTokenSource stop) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.StartsWith("ready in", StringComparison.Ordinal) == true) stop.Cancel();
        }
    }

    /// <summary>An AGS sign-on against any base address, from the mock's target values.</summary>
    private sealed class TestMockClient(HttpClient http, IReadOnlyDictionary<string, string> values)
    {
        public async Task<int> SignOnAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Ags.SignOnPath);
            request.Headers.Add("x-auth-service-id", values["auth-service"]);
            request.Headers.Add("nv-tenant-id", values["tenant"]);
            var body = new JsonObject
            {
                ["parameters"] = new JsonArray(new JsonObject { ["name"] = "sessionToken", ["value"] = values["session-token"] }),
                ["clientId"] = values["client-id"],
            };
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(request);
            return (int)response.StatusCode;
        }
    }
}
