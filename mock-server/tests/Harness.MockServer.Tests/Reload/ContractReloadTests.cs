namespace Harness.MockServer.Tests.Reload;

/// <summary>
/// Scenario files changed under a running mock: a valid folder replaces the contracts (what a reload keeps and clears
/// is <see cref="ContractReloader"/>'s documented choice), one with problems is refused with every problem at
/// file:line:column and the last valid contracts keep serving, and a request in flight finishes on the contracts it started on.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class ContractReloadTests
{
    private const string KeycloakContract = "keycloak-refresh/contract.yaml";
    private const string KeycloakAccessLifetime = "  access:\n    lifetime: 1800\n";
    private const string ShorterAccessLifetime = "  access:\n    lifetime: 900\n";

    private static async Task<TestMock> StartAsync(ScenarioCopy scenarios, bool watch = false) =>
        await TestMock.WrapAsync(HarnessMock.StartAsync(new MockServerOptions { Port = 0, ScenarioFolder = scenarios.Folder, WatchScenarios = watch }));

    [Test]
    public async Task Reload_ValidChange_ServesTheNewContract_KeepsClockAndJournal_ClearsSessions()
    {
        using var scenarios = ScenarioCopy.Create();
        await using var mock = await StartAsync(scenarios);
        (await mock.IssueAsync()).Number("expires_in").Should().Be(1800);
        var session = await Keycloak.NewSessionAsync(mock);
        await mock.AdvanceAsync(600);
        var clockBefore = mock.Mock.Clock.GetUtcNow();
        var journalBefore = mock.Mock.State.Journal.Total;
        ContractsReloadedEventArgs? heard = null;
        mock.Mock.Served.ContractsReloaded += (_, e) => heard = e;

        scenarios.Edit(KeycloakContract, KeycloakAccessLifetime, ShorterAccessLifetime);
        var status = mock.Mock.Served.Reload();

        status.Version.Should().Be(2);
        status.Refused.Should().BeFalse();
        heard.Should().NotBeNull("the hosts hear of the new contracts");
        heard!.State.Should().BeSameAs(mock.Mock.State, "the state served is the one handed to the hosts");
        (await mock.IssueAsync()).Number("expires_in").Should().Be(900, "the new contract serves");
        mock.Mock.Clock.GetUtcNow().Should().BeOnOrAfter(clockBefore, "the clock keeps its offset");
        (mock.Mock.Clock.GetUtcNow() - clockBefore).Should().BeLessThan(TimeSpan.FromMinutes(5));
        var journal = mock.Mock.Journal(10);
        journal.Should().Contain(e => e.Condition == "contracts-reloaded" && e.Forced!.Contains("version 2", StringComparison.Ordinal),
            "the journal says the contract changed");
        mock.Mock.State.Journal.Total.Should().BeGreaterThan(journalBefore, "the journal is kept, not cleared");
        var old = await mock.KeycloakRefreshAsync(session.RefreshToken);
        old.Status.Should().Be(400, "a session of the old contracts is forgotten, as on reset: {0}", old);
    }

    [Test]
    public async Task Reload_ChangeWithProblems_IsRefusedAtFileLineColumn_AndTheLastValidContractKeepsServing()
    {
        using var scenarios = ScenarioCopy.Create();
        await using var mock = await StartAsync(scenarios);
        ContractsRefusedEventArgs? heard = null;
        mock.Mock.Served.ContractsRefused += (_, e) => heard = e;

        scenarios.Edit(KeycloakContract, KeycloakAccessLifetime, "  access:\n    lifetime: 900\n    colour: blue\n");
        var refused = mock.Mock.Served.Reload();

        refused.Refused.Should().BeTrue();
        refused.Version.Should().Be(1, "nothing was swapped");
        refused.Problems.Should().ContainSingle().Which.Should().MatchRegex(@"keycloak-refresh/contract\.yaml:15:5: .*colour");
        heard!.Problems.Should().ContainSingle();
        (await mock.IssueAsync()).Number("expires_in").Should().Be(1800, "the last valid contract keeps serving");
        var shown = await mock.GetAsync("__harness/contracts/status");
        shown.Status.Should().Be(200);
        shown.Json!["refused"]!.GetValue<bool>().Should().BeTrue();
        shown.Json!["problems"]![0]!.GetValue<string>().Should().Contain("contract.yaml:15:5", "the dashboard's banner reads this");
        mock.Mock.Journal(5).Should().Contain(e => e.Condition == "contracts-refused");

        scenarios.Edit(KeycloakContract, "    colour: blue\n", "");
        var fixedAgain = mock.Mock.Served.Reload();

        fixedAgain.Refused.Should().BeFalse();
        fixedAgain.Problems.Should().BeEmpty();
        fixedAgain.Version.Should().Be(2);
        (await mock.IssueAsync()).Number("expires_in").Should().Be(900);
    }

    [Test]
    public async Task Reload_RequestInFlight_FinishesOnTheContractItStartedOn()
    {
        using var scenarios = ScenarioCopy.Create();
        await using var mock = await StartAsync(scenarios);
        // A latency fault waits on the mock's clock: the request is held inside the old contracts' pipeline.
        await mock.FaultAsync("keycloak-refresh", "issue", new JsonObject { ["kind"] = "latency", ["latencyMs"] = 60_000, ["count"] = 1 });
        var inFlight = mock.IssueAsync();
        await WaitUntilAsync(() => Task.FromResult(mock.Mock.Clock.PendingWaits == 1), "the request to wait out its latency");

        scenarios.Edit(KeycloakContract, KeycloakAccessLifetime, ShorterAccessLifetime);
        mock.Mock.Served.Reload().Version.Should().Be(2);
        mock.Mock.Clock.Advance(TimeSpan.FromMinutes(2));
        var held = await inFlight;

        held.Status.Should().Be(200, "{0}", held);
        held.Number("expires_in").Should().Be(1800, "a request runs wholly on the contracts it started on");
        (await mock.IssueAsync()).Number("expires_in").Should().Be(900, "the next one runs on the new contracts, without the old fault");
    }

    [Test]
    public async Task Watcher_FileEdited_IsServedWithoutBeingAsked()
    {
        using var scenarios = ScenarioCopy.Create();
        await using var mock = await StartAsync(scenarios, watch: true);
        mock.Mock.Served.Status.Current.Watching.Should().BeTrue();

        scenarios.Edit(KeycloakContract, KeycloakAccessLifetime, ShorterAccessLifetime);

        await WaitUntilAsync(() => Task.FromResult(mock.Mock.Served.Status.Current.Version == 2), "the watcher to reload the edited folder");
        (await mock.IssueAsync()).Number("expires_in").Should().Be(900);
    }

    [Test]
    public async Task Watcher_FileRemoved_IsRefused_AndTheLastValidContractKeepsServing()
    {
        using var scenarios = ScenarioCopy.Create();
        await using var mock = await StartAsync(scenarios, watch: true);

        File.Delete(scenarios.PathOf("catalog.yaml"));

        await WaitUntilAsync(() => Task.FromResult(mock.Mock.Served.Status.Current.Refused), "the watcher to refuse the folder");
        mock.Mock.Served.Status.Current.Problems.Should().Contain(p => p.Contains("catalog.yaml", StringComparison.Ordinal));
        (await mock.IssueAsync()).Status.Should().Be(200);
    }

    [Test]
    public async Task Reload_WithoutWatching_ChangesNothingUntilAsked()
    {
        using var scenarios = ScenarioCopy.Create();
        await using var mock = await StartAsync(scenarios, watch: false);

        scenarios.Edit(KeycloakContract, KeycloakAccessLifetime, ShorterAccessLifetime);

        mock.Mock.Served.Status.Current.Watching.Should().BeFalse();
        (await mock.GetAsync("__harness/contracts/status")).Json!["watching"]!.GetValue<bool>().Should().BeFalse();
        (await mock.IssueAsync()).Number("expires_in").Should().Be(1800);
    }

    [Test]
    public async Task Reload_ContractsGivenAsASet_HaveNoFolderToRead()
    {
        await using var mock = await TestMock.StartAsync();

        var reload = () => mock.Mock.Served.Reload();

        reload.Should().Throw<InvalidOperationException>();
        mock.Mock.Served.Status.Current.Version.Should().Be(1);
    }

    /// <summary>Polls a condition the mock reaches on its own (a file watcher, a held request); fails after 20 s.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (deadline.IsCancellationRequested) Assert.Fail($"timed out waiting for {what}");
            await Task.Delay(50, CancellationToken.None);
        }
    }
}
