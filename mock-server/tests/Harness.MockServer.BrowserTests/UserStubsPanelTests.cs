using Harness.MockServer.Journal;
using Harness.MockServer.WireMock.UserMappings;
using Harness.Scenarios.Redaction;
using WireMock.Server;
using WireMock.Settings;

namespace Harness.MockServer.BrowserTests;

/// <summary>
/// The dashboard's users'-stubs bar. On the Kestrel host it says the feature is the WireMock.Net host's, and asks
/// nothing that would land in the journal. Given what a WireMock.Net server with users' stubs answers
/// (<c>/__admin/mappings</c> and <c>/__harness/user-stubs</c>, taken from a real one), it lists each stub with its
/// priority, method, path and source, and the mapping files that could not be loaded.
/// </summary>
[TestFixture]
// its first case is the Kestrel host's panel; the second feeds the bar a WireMock.Net server's answers
public sealed class UserStubsPanelTests() : BrowserFixture(MockHost.Kestrel)
{
    [Test]
    public async Task On_Kestrel_the_panel_says_WireMock_host_only_and_leaves_the_journal_alone()
    {
        var dashboard = await OpenDashboardAsync();

        await Expect(dashboard.GetByTestId("user-stubs-summary")).ToContainTextAsync("users' stubs: WireMock.Net host only");
        await Expect(dashboard.GetByTestId("user-stubs")).ToHaveAttributeAsync("data-host", "kestrel");
        Assert.That(Mock.Journal(), Is.Empty, "the panel's look-ups are not requests to the contract");
    }

    [Test]
    public async Task Given_a_WireMock_hosts_answers_the_panel_lists_users_stubs_and_bad_files()
    {
        var folder = Directory.CreateTempSubdirectory("user-mappings-").FullName;
        using var server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"], StartAdminInterface = true });
        try
        {
            File.WriteAllText(Path.Combine(folder, "outage.json"), """
                { "name": "refresh outage", "priority": 5, "request": { "method": "POST", "urlPath": "/ags/refresh" }, "response": { "status": 503 } }
                """);
            File.WriteAllText(Path.Combine(folder, "broken.json"), "{ \"request\": ");
            using var stubs = UserStubs.Attach(server, new MockServerOptions { MappingsFolder = folder }, new RequestJournal(new Redactor()),
                TimeProvider.System, Guid.NewGuid(), m => m.Title?.StartsWith("refresh-harness:", StringComparison.Ordinal) == true, TextWriter.Null);
            using var admin = new HttpClient { BaseAddress = new Uri(server.Url!) };
            using var posted = await admin.PostAsync("__admin/mappings", new StringContent(
                """{ "Title": "profile", "Request": { "Path": "/api/profile", "Methods": ["GET"] }, "Response": { "StatusCode": 200 } }""",
                System.Text.Encoding.UTF8, "application/json"));
            Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            foreach (var path in new[] { "/__admin/mappings", UserStubs.StatusPath })
            {
                var answer = await admin.GetStringAsync(path.TrimStart('/'));
                await Context.RouteAsync($"**{path}", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = answer }));
            }

            var dashboard = await OpenDashboardAsync();

            var rows = dashboard.GetByTestId("user-stub-row");
            await Expect(rows).ToHaveCountAsync(2);
            await Expect(rows.Nth(0)).ToContainTextAsync("0GET/api/profileprofilePOST /__admin/mappings");
            await Expect(rows.Nth(1)).ToContainTextAsync("5POST/ags/refreshrefresh outageoutage.json");
            await Expect(dashboard.GetByTestId("user-stubs-problem")).ToContainTextAsync(new Regex(@"^not loaded: broken\.json:1:\d+: \S"));
            await Expect(dashboard.GetByTestId("user-stubs-summary")).ToContainTextAsync("2 stub(s) beside the contract");
            await Expect(dashboard.GetByTestId("user-stubs-summary")).ToContainTextAsync("1 file(s) not loaded");
        }
        finally
        {
            server.Stop();
            Directory.Delete(folder, recursive: true);
        }
    }
}
