using System.Collections.Concurrent;

namespace Harness.MockServer.BrowserTests;

/// <summary>
/// What a web page on another origin can do to a mock running on the developer's machine, tried from a real page in
/// Chromium (served by a second local listener on another port): it cannot drive or read the control API, and it can
/// still call the contract APIs as a frontend does. Every attempt is checked against the mock's own state, not only
/// against what the page saw.
/// </summary>
[TestFixtureSource(typeof(MockHosts), nameof(MockHosts.Hosts))]
public sealed class ControlSurfaceBrowserTests(MockHost host) : BrowserFixture(host)
{
    private const string Page = "<!doctype html><html><head><title>some site</title></head><body><h1>some site the developer has open</h1></body></html>";

    [Test]
    public async Task A_page_on_another_origin_is_refused_the_preflight_to_reset()
    {
        await using var site = await ForeignOrigin.ServePageAsync(Page);
        var (page, preflights) = await OpenWatchingPreflightsAsync(site);
        await SignOnDirectlyAsync();

        var outcome = await page.EvaluateAsync<string>("""
            async (mock) => {
              try {
                await fetch(mock + '/__harness/reset', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
                return 'sent';
              } catch (e) { return 'blocked: ' + e.message; }
            }
            """, MockOrigin);

        Assert.That(outcome, Does.StartWith("blocked"), "the browser must not send the reset after the refused preflight");
        // DevTools events reach this process a moment after the page saw the failure.
        Assert.That(() => preflights, Does.Contain(MockOrigin + "/__harness/reset").After(5000, 50), "the JSON content type made the browser ask first");
        var health = await Http.GetFromJsonAsync<JsonElement>("__harness/health");
        Assert.That(health.GetProperty("sessions").GetInt32(), Is.EqualTo(1), "the mock was not reset");
    }

    [Test]
    public async Task A_no_cors_text_plain_POST_from_another_origin_forces_nothing()
    {
        await using var site = await ForeignOrigin.ServePageAsync(Page);
        var page = await OpenAsync("site", site.DemoUrl.ToString());
        var path = "/__harness/operations/ags-refresh/refresh/force";
        var answered = page.WaitForResponseAsync(r => r.Url == MockOrigin + path);

        // A "simple" request: no preflight, the page cannot read the answer, but the request itself does reach the mock.
        var outcome = await page.EvaluateAsync<string>("""
            async ([mock, path]) => {
              const r = await fetch(mock + path, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: '{"status":403,"count":1000000}' });
              return r.type;
            }
            """, new[] { MockOrigin, path });

        Assert.That(outcome, Is.EqualTo("opaque"));
        var response = await answered;
        Assert.That(response.Status, Is.EqualTo(403).Or.EqualTo(415), "the mock refused it (origin_not_allowed, else unsupported_media_type)");
        var state = await Http.GetFromJsonAsync<JsonElement>("__harness/state");
        Assert.That(state.GetProperty("forced").GetArrayLength(), Is.Zero, "nothing was forced: " + state.GetProperty("forced"));
    }

    [Test]
    public async Task A_cross_origin_read_of_the_target_values_is_blocked()
    {
        await using var site = await ForeignOrigin.ServePageAsync(Page);
        var page = await OpenAsync("site", site.DemoUrl.ToString());

        var outcome = await page.EvaluateAsync<string>("""
            async (mock) => {
              try { return 'read: ' + await (await fetch(mock + '/__harness/target')).text(); }
              catch (e) { return 'blocked: ' + e.message; }
            }
            """, MockOrigin);

        Assert.That(outcome, Does.StartWith("blocked"));
        Assert.That(outcome, Does.Not.Contain(Mock.TargetValues["session-token"]));
    }

    [Test]
    public async Task A_cross_origin_refresh_on_a_contract_API_still_works_without_the_overrides()
    {
        await using var site = await ForeignOrigin.ServePageAsync(Page);
        var page = await OpenAsync("site", site.DemoUrl.ToString());
        var target = Mock.TargetValues;

        var statuses = await page.EvaluateAsync<string[]>("""
            async ([mock, auth, tenant, session, client, user]) => {
              const headers = { 'Content-Type': 'application/json', 'x-auth-service-id': auth, 'nv-tenant-id': tenant };
              const signOn = await fetch(mock + '/ags/signOnWithSessionToken', { method: 'POST', headers,
                body: JSON.stringify({ parameters: [{ name: 'sessionToken', value: session }], clientId: client }) });
              const tokens = await signOn.json();
              const refresh = (extra) => fetch(mock + '/ags/refresh', { method: 'POST',
                headers: { ...headers, Authorization: 'Bearer ' + tokens.refresh_token, ...extra },
                body: JSON.stringify({ parameters: [{ name: 'username', value: user }] }) });
              let forced;
              try { forced = String((await refresh({ 'X-Harness-Force-Status': '403' })).status); }
              catch (e) { forced = 'blocked'; }
              const refreshed = await refresh({});
              return [String(signOn.status), forced, String(refreshed.status), typeof (await refreshed.json()).refresh_token];
            }
            """, new[] { MockOrigin, target["auth-service"], target["tenant"], target["session-token"], target["client-id"], target["username"] });

        Assert.That(statuses, Is.EqualTo(new[] { "201", "blocked", "200", "string" }),
            "sign-on and refresh answer any origin; the X-Harness-Force-Status override is not granted to it");
        var journal = await Http.GetFromJsonAsync<JsonElement>("__harness/journal?limit=10");
        Assert.That(journal.EnumerateArray().Select(e => e.GetProperty("status").GetInt32()), Is.EqualTo(new[] { 200, 201 }),
            "the forced call never left the browser: the mock served only the sign-on and the plain refresh");
    }

    [Test]
    public async Task The_dashboard_and_demo_of_a_mock_with_a_control_token_ask_for_it_and_work()
    {
        const string token = "dashboard-test-control-token-42";
        await using var guarded = await StartMockAsync(new MockServerOptions { Port = 0, ControlToken = token });
        var origin = guarded.BaseAddress.GetLeftPart(UriPartial.Authority);
        var prompts = 0;
        var page = await OpenAsync("dashboard", origin + "/__harness/dashboard", p =>
        {
            p.Dialog += async (_, dialog) =>
            {
                Interlocked.Increment(ref prompts);
                await dialog.AcceptAsync(token);
            };
            return Task.CompletedTask;
        });

        await Expect(page.GetByTestId("apis-summary")).ToHaveTextAsync(new Regex("^5 APIs"));
        await page.GetByTestId("clock-advance-3600").ClickAsync();
        await Expect(page.GetByTestId("clock-offset")).ToHaveAttributeAsync("data-offset-seconds", "3600");

        Assert.That(guarded.ClockOffset, Is.EqualTo(TimeSpan.FromHours(1)), "the dashboard's call carried the token");
        Assert.That(prompts, Is.EqualTo(1), "asked once, then kept for the tab");
        Assert.That(await page.EvaluateAsync<string>("() => sessionStorage.getItem('harness-control-token')"), Is.EqualTo(token));

        // The demo in its own tab: its page carries no test account under a token, so it asks for the token to read one.
        var demo = await OpenAsync("demo", origin + "/__harness/demo", p =>
        {
            p.Dialog += async (_, dialog) => await dialog.AcceptAsync(token);
            return Task.CompletedTask;
        });
        await demo.GetByTestId("demo-signon").ClickAsync();
        await Expect(demo.GetByTestId("demo-status")).ToHaveAttributeAsync("data-status", "201");
    }

    /// <summary>Opens the site's page with Chromium's DevTools watching for CORS preflights (Playwright's own events leave them out).</summary>
    private async Task<(IPage Page, ConcurrentQueue<string> Preflights)> OpenWatchingPreflightsAsync(ForeignOrigin site)
    {
        var preflights = new ConcurrentQueue<string>();
        var page = await OpenAsync("site", site.DemoUrl.ToString(), async p =>
        {
            var devtools = await Context.NewCDPSessionAsync(p);
            devtools.Event("Network.requestWillBeSent").OnEvent += (_, e) =>
            {
                if (e is { } sent && sent.GetProperty("request").GetProperty("method").GetString() == "OPTIONS")
                    preflights.Enqueue(sent.GetProperty("request").GetProperty("url").GetString()!);
            };
            await devtools.SendAsync("Network.enable");
        });
        Assert.That(site.Origin, Is.Not.EqualTo(MockOrigin), "the page must come from another origin than the mock");
        return (page, preflights);
    }

    private async Task SignOnDirectlyAsync()
    {
        var target = Mock.TargetValues;
        using var request = new HttpRequestMessage(HttpMethod.Post, "ags/signOnWithSessionToken")
        {
            Content = JsonContent.Create(new { parameters = new[] { new { name = "sessionToken", value = target["session-token"] } }, clientId = target["client-id"] }),
        };
        request.Headers.Add("x-auth-service-id", target["auth-service"]);
        request.Headers.Add("nv-tenant-id", target["tenant"]);
        using var response = await Http.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
    }
}
