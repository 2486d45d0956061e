namespace Harness.MockServer.BrowserTests;

/// <summary>
/// The dashboard's run-time overrides panel in real Chromium: a form adds the common overrides, the panel lists what
/// is in force (an undocumented status marked outside the contract), the journal marks what such an override answered,
/// and a clear button takes one away. It works from the dashboard's own origin, with the control token when one is set.
/// </summary>
[TestFixtureSource(typeof(MockHosts), nameof(MockHosts.Hosts))]
public sealed class OverridesPanelTests(MockHost host) : BrowserFixture(host)
{
    private const string AgsRefresh = "ags-refresh.refresh";

    [Test]
    public async Task A_header_override_added_on_the_dashboard_is_listed_counted_and_cleared()
    {
        var dashboard = await OpenDashboardAsync();
        await AddAsync(dashboard, "header", async () =>
        {
            await dashboard.GetByTestId("override-operation").SelectOptionAsync(AgsRefresh);
            await dashboard.GetByTestId("override-header-name").FillAsync("X-Request-Id");
            await dashboard.GetByTestId("override-header-value").FillAsync("from-the-dashboard");
            await dashboard.GetByTestId("override-count").FillAsync("2");
        });

        var row = dashboard.GetByTestId("override-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToHaveAttributeAsync("data-kind", "header");
        await Expect(row.GetByTestId("override-description")).ToHaveTextAsync($"{AgsRefresh}: header X-Request-Id: from-the-dashboard");
        await Expect(row.GetByTestId("override-remaining")).ToHaveTextAsync("×2 · applied 0");
        await Expect(row.GetByTestId("override-outside-contract")).ToHaveCountAsync(0);
        Assert.That(Mock.State.Overrides.Snapshot().Single().Describe(), Is.EqualTo("header X-Request-Id: from-the-dashboard"), "the form's call set it in the mock");

        using var answer = await Http.PostAsync("ags/refresh", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.That(answer.Headers.GetValues("X-Request-Id"), Is.EqualTo(new[] { "from-the-dashboard" }));
        await Expect(row.GetByTestId("override-remaining")).ToHaveTextAsync("×1 · applied 1");

        await dashboard.GetByTestId("override-clear-1").ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await Expect(dashboard.GetByTestId("overrides-empty")).ToBeVisibleAsync();
        Assert.That(Mock.State.Overrides.IsEmpty, Is.True);
    }

    [Test]
    public async Task An_undocumented_status_is_marked_outside_the_contract_in_the_panel_and_the_journal()
    {
        var dashboard = await OpenDashboardAsync();
        await AddAsync(dashboard, "status", async () =>
        {
            await dashboard.GetByTestId("override-operation").SelectOptionAsync(AgsRefresh);
            await dashboard.GetByTestId("override-status").FillAsync("418");
        });
        var row = dashboard.GetByTestId("override-row");
        await Expect(row.GetByTestId("override-outside-contract")).ToHaveTextAsync("OUTSIDE CONTRACT");
        await Expect(row).ToHaveAttributeAsync("data-outside-contract", "true");

        using var answer = await Http.PostAsync("ags/refresh", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.That((int)answer.StatusCode, Is.EqualTo(418));

        await Expect(row).ToHaveCountAsync(0); // a one-off: spent by that answer
        var newest = dashboard.GetByTestId("journal-row").First;
        await Expect(newest).ToHaveAttributeAsync("data-status", "418");
        await Expect(newest).ToHaveAttributeAsync("data-outside-contract", "true");
        await Expect(newest.GetByTestId("journal-outside-contract")).ToHaveTextAsync("OUTSIDE CONTRACT");
        await Expect(newest.GetByTestId("journal-forced")).ToContainTextAsync("override #1: status 418 outside-contract");
    }

    [Test]
    public async Task A_claims_override_is_added_through_a_mock_that_requires_its_control_token()
    {
        const string token = "overrides-panel-control-token-7";
        await using var guarded = await HarnessMock.StartAsync(new MockServerOptions { Port = 0, ControlToken = token });
        var dashboard = await OpenAsync("dashboard", guarded.BaseAddress.GetLeftPart(UriPartial.Authority) + "/__harness/dashboard", page =>
        {
            page.Dialog += async (_, dialog) => await dialog.AcceptAsync(token);
            return Task.CompletedTask;
        });

        await AddAsync(dashboard, "claims", async () =>
        {
            await dashboard.GetByTestId("override-claims").FillAsync("{\"roles\": [\"admin\"]}");
            await dashboard.GetByTestId("override-user").FillAsync(guarded.TargetValues["username"]);
        });

        var row = dashboard.GetByTestId("override-row");
        await Expect(row).ToHaveAttributeAsync("data-kind", "claims");
        await Expect(row.GetByTestId("override-description")).ToContainTextAsync("{\"roles\":[\"admin\"]}");
        await Expect(row.GetByTestId("override-remaining")).ToHaveTextAsync("×∞ · applied 0");
        Assert.That(((Harness.MockServer.Control.ClaimsOverride)guarded.State.Overrides.Snapshot().Single()).User, Is.EqualTo(guarded.TargetValues["username"]));
    }

    /// <summary>Picks the kind, fills the form, submits it, and waits for the toast that says it was set.</summary>
    private static async Task AddAsync(IPage dashboard, string kind, Func<Task> fill)
    {
        await Expect(dashboard.GetByTestId("apis-summary")).ToHaveTextAsync(new Regex("APIs"));
        await dashboard.GetByTestId("override-kind").SelectOptionAsync(kind);
        await fill();
        await dashboard.GetByTestId("override-submit").ClickAsync();
        await Expect(dashboard.GetByTestId("toast")).ToContainTextAsync("override #");
    }
}
