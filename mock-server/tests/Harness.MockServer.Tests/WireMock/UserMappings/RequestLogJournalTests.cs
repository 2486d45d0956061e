using Harness.MockServer.Journal;
using Harness.Scenarios.Redaction;

namespace Harness.MockServer.Tests.WireMock.UserMappings;

/// <summary>
/// The journal says what answered each request (contract, user stub, proxy, nothing), redacted like every entry; and
/// WireMock.Net's own request log keeps no request the harness answered, since it would show its tokens in full.
/// </summary>
public sealed class RequestLogJournalTests
{
    private const string Secret = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLXN0dWIifQ.c2lnbmF0dXJlLW9mLXRoZS11c2VyLXN0dWI";
    private const string Password = "planted-password-7f8e9d";

    [Test]
    public async Task UserStubRequest_JournalledAsUserStub_WithoutItsSecrets()
    {
        using var mock = UserStubServer.Start();
        mock.Server.Given(global::WireMock.RequestBuilders.Request.Create().WithPath("/api/login").UsingPost())
            .RespondWith(global::WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBody($"{{\"access_token\":\"{Secret}\"}}"));

        await mock.SendAsync(HttpMethod.Post, "/api/login", r =>
        {
            r.Headers.Add("Authorization", $"Bearer {Secret}");
            r.Content = new StringContent($"{{\"username\":\"ada\",\"password\":\"{Password}\"}}", Encoding.UTF8, "application/json");
        });

        var entry = mock.Journal.Latest(10).Should().ContainSingle().Subject;
        (entry.Source, entry.Method, entry.Path, entry.Status).Should().Be((JournalSources.UserStub, "POST", "/api/login", 200));
        var shown = string.Join("\n", entry.RequestHeaders.Values) + entry.RequestBody + entry.ResponseBody;
        shown.Should().NotContain(Secret).And.NotContain(Password);
        Redactor.IsMasked(entry.RequestHeaders["Authorization"]).Should().BeTrue();
    }

    [Test]
    public async Task HarnessAnsweredRequest_NotKeptInWireMocksLog_NorJournalledTwice()
    {
        using var mock = UserStubServer.Start();
        mock.Server.Given(global::WireMock.RequestBuilders.Request.Create().WithPath("/mine").UsingGet())
            .RespondWith(global::WireMock.ResponseBuilders.Response.Create().WithBody("mine"));

        await mock.SendAsync(HttpMethod.Post, UserStubServer.ContractPath, r => r.Headers.Add("Authorization", $"Bearer {Secret}"));
        await mock.SendAsync(HttpMethod.Get, "/nowhere");
        await mock.SendAsync(HttpMethod.Get, "/mine");

        mock.Server.LogEntries.Select(e => e.RequestMessage.Path).Should().Equal("/mine");
        var requests = await mock.Http.GetStringAsync("__admin/requests");
        requests.Should().NotContain(Secret).And.NotContain(UserStubServer.ContractPath);
        mock.Journal.Latest(10).Select(e => (e.Source, e.Path)).Should().Equal((JournalSources.UserStub, "/mine"));
    }

    [Test]
    public async Task NoMappingMatches_OnAServerWithoutFallback_JournalledAsUnmatched()
    {
        using var mock = UserStubServer.Start(withFallback: false);

        (await mock.SendAsync(HttpMethod.Get, "/nowhere")).Status.Should().Be(404);

        var entry = mock.Journal.Latest(10).Should().ContainSingle().Subject;
        (entry.Source, entry.Path, entry.Status).Should().Be((JournalSources.Unmatched, "/nowhere", 404));
    }

    [Test]
    public async Task Attach_BoundsWireMocksRequestLog()
    {
        using var server = global::WireMock.Server.WireMockServer.Start(new global::WireMock.Settings.WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        server.Given(global::WireMock.RequestBuilders.Request.Create().WithPath("/mine").UsingGet())
            .RespondWith(global::WireMock.ResponseBuilders.Response.Create().WithBody("mine"));
        using var bridge = Harness.MockServer.WireMock.UserMappings.RequestLogJournal.Attach(server, new RequestJournal(new Redactor()), new ManualTime(),
            UserStubServer.IsHarness, maxRequestLogCount: 3);
        using var http = new HttpClient { BaseAddress = new Uri(server.Url!) };

        for (var i = 0; i < 5; i++) await http.GetStringAsync("mine");

        server.LogEntries.Should().HaveCount(3);
    }

    [Test]
    public async Task KestrelJournal_ShowsSourceContract_InItsJson()
    {
        await using var harness = await MockFixture.StartAsync();
        using var http = new HttpClient { BaseAddress = harness.BaseAddress };
        await http.GetAsync("no-such-path");

        var journal = JsonNode.Parse(await http.GetStringAsync("__harness/journal"))!.AsArray();

        journal.Should().ContainSingle().Which!["source"]!.GetValue<string>().Should().Be(JournalSources.Contract);
    }

    [Test]
    public void HarnessEntries_DefaultToSourceContract()
    {
        new JournalEntry(1, DateTimeOffset.UnixEpoch, "GET", "/", null, 200, null, null, 0, new Dictionary<string, string>(), "", "").Source.Should().Be(JournalSources.Contract);
    }
}
