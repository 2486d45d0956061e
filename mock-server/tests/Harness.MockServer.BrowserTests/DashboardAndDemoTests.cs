using System.Collections.Concurrent;

namespace Harness.MockServer.BrowserTests;

/// <summary>
/// The dashboard and the demo frontend driven together in real Chromium: the dashboard sets the mock up
/// (forced answers, the clock), the demo is the app under test, and each shows what the other caused.
/// </summary>
[TestFixtureSource(typeof(MockHosts), nameof(MockHosts.Hosts))]
public sealed class DashboardAndDemoTests(MockHost host) : BrowserFixture(host)
{
    private const string AgsRefresh = "ags-refresh-refresh";
    private const long RefreshLifetime = 172800;

    [Test]
    public async Task A_forced_403_on_refresh_is_shown_by_the_demo()
    {
        var dashboard = await OpenDashboardAsync();
        await dashboard.GetByTestId($"force-status-{AgsRefresh}").SelectOptionAsync("403|wrong-tenant");
        await dashboard.GetByTestId($"force-count-{AgsRefresh}").FillAsync("1");
        await dashboard.GetByTestId($"force-submit-{AgsRefresh}").ClickAsync();
        await Expect(dashboard.GetByTestId($"op-active-{AgsRefresh}")).ToHaveTextAsync("forced 403 wrong-tenant ×1");

        var demo = await OpenDemoAsync();
        await demo.GetByTestId("demo-signon").ClickAsync();
        await Expect(demo.GetByTestId("demo-status")).ToHaveAttributeAsync("data-status", "201");
        await demo.GetByTestId("demo-refresh").ClickAsync();

        await Expect(demo.GetByTestId("demo-status")).ToHaveAttributeAsync("data-status", "403");
        await Expect(demo.GetByTestId("demo-error")).ToBeVisibleAsync();
        await Expect(demo.GetByTestId("demo-error-status")).ToHaveTextAsync("403 Forbidden");
        await Expect(demo.GetByTestId("demo-error-where")).ToHaveTextAsync("POST /ags/refresh");
        await Expect(demo.GetByTestId("demo-error-body")).ToContainTextAsync("403");
        // A forbidden refresh is not the end of the session: the app keeps its tokens.
        await Expect(demo.GetByTestId("demo-signed-in")).ToHaveTextAsync("yes");

        // The one forced answer is used up, and the journal says the 403 was forced.
        await dashboard.BringToFrontAsync();
        await Expect(dashboard.GetByTestId($"op-active-{AgsRefresh}")).ToBeEmptyAsync();
        var newest = dashboard.GetByTestId("journal-row").First;
        await Expect(newest).ToHaveAttributeAsync("data-path", "/ags/refresh");
        await Expect(newest).ToHaveAttributeAsync("data-status", "403");
        await Expect(newest.GetByTestId("journal-forced")).ToHaveTextAsync(" · forced 403");
    }

    [Test]
    public async Task B_moving_the_clock_past_the_refresh_lifetime_ends_the_session()
    {
        var demo = await OpenDemoAsync();
        await demo.GetByTestId("demo-signon").ClickAsync();
        await Expect(demo.GetByTestId("demo-status")).ToHaveAttributeAsync("data-status", "201");
        await Expect(demo.GetByTestId("demo-refresh-expires-in")).ToHaveAttributeAsync("data-seconds", RefreshLifetime.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var dashboard = await OpenDashboardAsync();
        var session = dashboard.GetByTestId("session-row");
        await Expect(session).ToHaveCountAsync(1);
        await Expect(session).ToHaveAttributeAsync("data-live", "true");

        var past = (RefreshLifetime + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await dashboard.GetByTestId("clock-custom-seconds").FillAsync(past);
        await dashboard.GetByTestId("clock-custom-advance").ClickAsync();
        await Expect(dashboard.GetByTestId("clock-offset")).ToHaveAttributeAsync("data-offset-seconds", past);

        await demo.BringToFrontAsync();
        await demo.GetByTestId("demo-refresh").ClickAsync();
        await Expect(demo.GetByTestId("demo-status")).ToHaveAttributeAsync("data-status", "401");
        await Expect(demo.GetByTestId("demo-error-status")).ToHaveTextAsync("401 Unauthorized");
        await Expect(demo.GetByTestId("demo-error-hint")).ToContainTextAsync("sign on again");
        await Expect(demo.GetByTestId("demo-signed-in")).ToHaveTextAsync("no");

        await dashboard.BringToFrontAsync();
        await Expect(session).ToHaveCountAsync(1);
        await Expect(session).ToHaveAttributeAsync("data-live", "false");
        await Expect(session.GetByTestId("session-state")).ToContainTextAsync("not live");
    }

    [Test]
    public async Task C_the_demo_served_from_another_origin_refreshes_after_a_CORS_preflight()
    {
        await using var foreign = await ForeignOrigin.ServeDemoOfAsync(Mock.BaseAddress);
        Assert.That(foreign.Origin, Is.Not.EqualTo(MockOrigin), "the page must come from another origin than the API");

        // Playwright's own request events leave CORS preflights out; Chromium's DevTools protocol reports them.
        var preflights = new ConcurrentQueue<string>();
        var refreshPreflight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var demo = await OpenDemoAsync(foreign.DemoUrl.ToString(), async page =>
        {
            var devtools = await Context.NewCDPSessionAsync(page);
            devtools.Event("Network.requestWillBeSent").OnEvent += (_, e) =>
            {
                if (e is not { } sent || sent.GetProperty("request").GetProperty("method").GetString() != "OPTIONS") return;
                var url = sent.GetProperty("request").GetProperty("url").GetString()!;
                preflights.Enqueue(url);
                if (url == MockOrigin + "/ags/refresh") refreshPreflight.TrySetResult();
            };
            await devtools.SendAsync("Network.enable");
        });
        Assert.That(new Uri(demo.Url).GetLeftPart(UriPartial.Authority), Is.EqualTo(foreign.Origin));
        await Expect(demo.GetByTestId("demo-base-url")).ToHaveValueAsync(MockOrigin);
        await Expect(demo.GetByTestId("demo-cross-origin")).ToHaveAttributeAsync("data-cross-origin", "true");

        await demo.GetByTestId("demo-signon").ClickAsync();
        await Expect(demo.GetByTestId("demo-status")).ToHaveAttributeAsync("data-status", "201");
        var signedOn = await demo.GetByTestId("demo-refresh-token").TextContentAsync();
        var signedOnFingerprint = await demo.GetByTestId("demo-refresh-token").GetAttributeAsync("data-fingerprint");

        var answer = demo.WaitForResponseAsync(r => r.Url == MockOrigin + "/ags/refresh" && r.Request.Method == "POST");
        await demo.GetByTestId("demo-refresh").ClickAsync();
        var refreshed = await answer;

        await Expect(demo.GetByTestId("demo-status")).ToHaveAttributeAsync("data-status", "200");
        await Expect(demo.GetByTestId("demo-status")).ToContainTextAsync("200 OK");
        await Expect(demo.GetByTestId("demo-error")).ToBeHiddenAsync();
        await Expect(demo.GetByTestId("demo-refresh-count")).ToHaveTextAsync("1");
        await Expect(demo.GetByTestId("demo-refresh-token")).Not.ToHaveTextAsync(signedOn!);
        await Expect(demo.GetByTestId("demo-refresh-token")).Not.ToHaveAttributeAsync("data-fingerprint", signedOnFingerprint!);

        // The browser asked first (OPTIONS), then the mock's answer carried the CORS grant for the real call.
        await refreshPreflight.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(preflights, Does.Contain(MockOrigin + "/ags/signOnWithSessionToken"));
        var headers = await refreshed.AllHeadersAsync();
        Assert.That(headers.GetValueOrDefault("access-control-allow-origin"), Is.EqualTo("*"));
        Assert.That((await refreshed.Request.AllHeadersAsync()).GetValueOrDefault("origin"), Is.EqualTo(foreign.Origin));

        // And the mock saw the call come from the other origin.
        var journal = await Http.GetFromJsonAsync<JsonElement>("__harness/journal?limit=5");
        var refresh = journal.EnumerateArray().First(e => e.GetProperty("path").GetString() == "/ags/refresh");
        Assert.That(refresh.GetProperty("status").GetInt32(), Is.EqualTo(200));
        Assert.That(HeaderOf(refresh, "Origin"), Is.EqualTo(foreign.Origin));
    }

    [Test]
    public async Task D_the_dashboard_lists_every_api_and_redacts_the_demos_tokens()
    {
        var apis = await Http.GetFromJsonAsync<JsonElement>("__harness/apis");
        Assert.That(apis.GetArrayLength(), Is.EqualTo(5));

        var dashboard = await OpenDashboardAsync();
        await Expect(dashboard.GetByTestId("apis-summary")).ToHaveTextAsync(new Regex("^5 APIs"));
        foreach (var api in apis.EnumerateArray())
        {
            var id = api.GetProperty("id").GetString()!;
            await Expect(dashboard.GetByTestId($"api-name-{id}")).ToHaveTextAsync(id);
            foreach (var op in api.GetProperty("operations").EnumerateArray())
            {
                var documented = op.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("status").GetInt32())
                    .Distinct().Order().Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                await Expect(dashboard.GetByTestId($"statuses-{id}-{op.GetProperty("id").GetString()}").Locator(".pill")).ToHaveTextAsync(documented);
            }
        }

        var tokens = new List<string>();
        var demo = await OpenDemoAsync();
        foreach (var (button, path, status) in new[] { ("demo-signon", "/ags/signOnWithSessionToken", "201"), ("demo-refresh", "/ags/refresh", "200") })
        {
            var answer = demo.WaitForResponseAsync(r => r.Url.EndsWith(path, StringComparison.Ordinal) && r.Request.Method == "POST");
            await demo.GetByTestId(button).ClickAsync();
            var body = await (await answer).JsonAsync();
            tokens.Add(body!.Value.GetProperty("access_token").GetString()!);
            tokens.Add(body.Value.GetProperty("refresh_token").GetString()!);
            await Expect(demo.GetByTestId("demo-status")).ToHaveAttributeAsync("data-status", status);
        }
        await Expect(demo.GetByTestId("demo-access-exp")).ToContainTextAsync("by the server's clock");
        await Expect(demo.GetByTestId("demo-last-response")).ToContainTextAsync(new Regex(@"refresh_token"": ""eyJhbG…\[len=\d+\] #[0-9a-f]{8}"));

        await dashboard.BringToFrontAsync();
        var rows = dashboard.GetByTestId("journal-row");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-path", "/ags/refresh");
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-path", "/ags/signOnWithSessionToken");
        await Expect(rows.Nth(0).GetByTestId("journal-request-headers")).ToContainTextAsync(new Regex(@"Authorization: Bearer eyJhbG…\[redacted:len=\d+\]"));
        await Expect(rows.Nth(0).GetByTestId("journal-response-body")).ToContainTextAsync(new Regex(@"""refresh_token"": ""eyJhbG…\[redacted:len=\d+\]"""));
        await Expect(rows.Nth(1).GetByTestId("journal-request-body")).ToContainTextAsync("…[redacted:len=");

        // Nothing the demo received reaches the dashboard's DOM, the raw journal or even the demo's own DOM in full.
        var dashboardHtml = await dashboard.ContentAsync();
        var demoHtml = await demo.ContentAsync();
        var rawJournal = await Http.GetStringAsync("__harness/journal");
        foreach (var token in tokens)
        {
            var signature = token[(token.LastIndexOf('.') + 1)..];
            Assert.That(dashboardHtml, Does.Not.Contain(token).And.Not.Contain(signature), "the dashboard shows a token");
            Assert.That(rawJournal, Does.Not.Contain(signature), "the journal holds a token");
            Assert.That(demoHtml, Does.Not.Contain(signature), "the demo shows a token in full");
        }

        // More activity for the README pictures: a forced 401 the demo recovers from, and a latency fault left on.
        await dashboard.GetByTestId($"force-status-{AgsRefresh}").SelectOptionAsync("401|token-expired");
        await dashboard.GetByTestId($"force-submit-{AgsRefresh}").ClickAsync();
        await Expect(dashboard.GetByTestId($"op-active-{AgsRefresh}")).ToHaveTextAsync("forced 401 token-expired ×1");
        const string keycloak = "keycloak-refresh-refresh";
        await dashboard.GetByTestId($"fault-kind-{keycloak}").SelectOptionAsync("latency");
        await dashboard.GetByTestId($"fault-latency-{keycloak}").FillAsync("800");
        await dashboard.GetByTestId($"fault-submit-{keycloak}").ClickAsync();
        await Expect(dashboard.GetByTestId($"op-active-{keycloak}")).ToHaveTextAsync("fault latency 800 ms ×∞");

        await demo.BringToFrontAsync();
        foreach (var (button, status) in new[] { ("demo-refresh", "401"), ("demo-signon", "201"), ("demo-refresh", "200") })
        {
            await demo.GetByTestId(button).ClickAsync();
            await Expect(demo.GetByTestId("demo-status")).ToHaveAttributeAsync("data-status", status);
        }

        await dashboard.BringToFrontAsync();
        await Expect(rows).ToHaveCountAsync(5);
        await Expect(rows.Nth(2)).ToHaveAttributeAsync("data-status", "401");
        await Expect(rows.Nth(2).GetByTestId("journal-forced")).ToHaveTextAsync(" · forced 401");
        // Two sign-ons, two sessions, both live (a forced 401 ends nothing on the mock), however alike their redacted ids.
        await Expect(dashboard.GetByTestId("session-row")).ToHaveCountAsync(2);
        await Expect(dashboard.Locator("[data-testid=session-row][data-live=true]")).ToHaveCountAsync(2);
        await Expect(dashboard.GetByTestId("sessions-summary")).ToHaveTextAsync("2 live · 0 not live");
        var signOnRow = rows.Nth(1);
        await Expect(signOnRow).ToHaveAttributeAsync("data-path", "/ags/signOnWithSessionToken");
        await signOnRow.Locator("summary").ClickAsync();
        await Expect(signOnRow.GetByTestId("journal-response-body")).ToBeVisibleAsync();
        await SaveReadmeScreenshotAsync(dashboard, "dashboard.png");
        await SaveReadmeScreenshotAsync(demo, "demo.png");
    }

    private static string? HeaderOf(JsonElement entry, string name) =>
        entry.GetProperty("requestHeaders").EnumerateObject().FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value.GetString();

    /// <summary>
    /// Into <c>reports/out/screenshots/</c> (ignored by git): a test run never rewrites the tracked README images;
    /// <c>docs/screenshots/refresh</c> copies these over them when the pages change.
    /// </summary>
    private static async Task SaveReadmeScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "reports", "out", "screenshots");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, name);
        await page.BringToFrontAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, Type = ScreenshotType.Png });
        Assert.That(new FileInfo(file).Length, Is.LessThan(300 * 1024), $"{file} must stay under 300 KB");
    }
}
