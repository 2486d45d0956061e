using System.Text.Json;

namespace Harness.MockServer.Tests;

/// <summary>The control API: reset, clock, sessions, journal, target values and keys; bad input always answers a JSON 4xx.</summary>
[TestFixtureSource(typeof(MockHosts), nameof(MockHosts.All))]
[Parallelizable(ParallelScope.Self)]
public sealed class ControlApiTests(MockHost host) : SharedMockFixture(host)
{
    [Test]
    public async Task Reset_AfterActivity_ClearsSessionsJournalForcingFaultsAndClock()
    {
        var session = await Ags.NewSessionAsync(Mock);
        await Mock.IssueAsync();
        await Mock.ForceAsync("ags-signon", "signOn", 401, count: 10);
        await Mock.FaultAsync("keycloak-refresh", "issue", new JsonObject { ["kind"] = "empty-response" });
        await Mock.AdvanceAsync(7200);

        var reset = await Mock.PostJsonAsync("__harness/reset", "");
        var state = (await Mock.GetAsync("__harness/state")).Json!;

        reset.Status.Should().Be(200, "{0}", reset);
        state["sessions"]!.GetValue<int>().Should().Be(0, "{0}", state);
        state["tokens"]!.GetValue<int>().Should().Be(0);
        state["served"]!.GetValue<long>().Should().Be(0, "the journal was cleared");
        state["forced"]!.AsArray().Should().BeEmpty();
        state["faults"]!.AsArray().Should().BeEmpty();
        state["clock"]!["offsetSeconds"]!.GetValue<long>().Should().Be(0);
        (await Mock.JournalAsync()).Json!.AsArray().Should().BeEmpty();
        (await Mock.SessionsAsync()).Should().BeEmpty();
        (await Mock.RefreshAsync(session.RefreshToken)).Status.Should().Be(401, "tokens of before the reset are unknown");
        (await Mock.SignOnAsync()).Status.Should().Be(201, "nothing is forced any more");
        (await Mock.IssueAsync()).Body.Should().NotBeEmpty("no fault is left");
    }

    [TestCase("{\"seconds\": -60}", TestName = "{m}(negative)")]
    [TestCase("{\"seconds\": 0}", TestName = "{m}(zero)")]
    [TestCase("{\"seconds\": \"soon\"}", TestName = "{m}(non-numeric string)")]
    [TestCase("{\"seconds\": true}", TestName = "{m}(boolean)")]
    [TestCase("{\"seconds\": NaN}", TestName = "{m}(NaN literal)")]
    [TestCase("{\"seconds\": \"NaN\"}", TestName = "{m}(NaN string)")]
    [TestCase("{\"minutes\": 5}", TestName = "{m}(no seconds)")]
    [TestCase("[3600]", TestName = "{m}(array)")]
    [TestCase("{\"seconds\": ", TestName = "{m}(truncated JSON)")]
    [TestCase("seconds=3600", TestName = "{m}(form text)")]
    public async Task AdvanceClock_InvalidInput_Answers400JsonAndLeavesTheClock(string body)
    {
        var reply = await Mock.PostJsonAsync("__harness/clock/advance", body);

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Json.Should().BeOfType<JsonObject>("{0}", reply);
        reply.Text("error").Should().NotBeNullOrEmpty();
        (await Mock.GetAsync("__harness/clock")).Json!["offsetSeconds"]!.GetValue<long>().Should().Be(0);
    }

    [TestCase("{\"seconds\": 1e300}", TestName = "{m}(1e300)")]
    [TestCase("{\"seconds\": \"Infinity\"}", TestName = "{m}(Infinity)")]
    [TestCase("{\"seconds\": 300000000000}", TestName = "{m}(9500 years)")]
    public async Task AdvanceClock_BeyondWhatTheClockCanHold_Answers400AndTheMockKeepsWorking(string body)
    {
        var reply = await Mock.PostJsonAsync("__harness/clock/advance", body);
        var afterwards = await Mock.SignOnAsync();

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Json.Should().BeOfType<JsonObject>();
        afterwards.Status.Should().Be(201, "a refused advance must leave the mock working: {0}", afterwards);
    }

    [Test]
    public async Task AdvanceClock_ValidBody_MovesTheVirtualClock()
    {
        var before = (await Mock.GetAsync("__harness/clock")).Json!["unixSeconds"]!.GetValue<long>();

        var first = await Mock.PostJsonAsync("__harness/clock/advance", "{\"seconds\": 3600}");
        var second = await Mock.PostJsonAsync("__harness/clock/advance", "{\"seconds\": 60}");

        first.Json!["offsetSeconds"]!.GetValue<long>().Should().Be(3600, "{0}", first);
        second.Json!["offsetSeconds"]!.GetValue<long>().Should().Be(3660, "{0}", second);
        second.Json!["unixSeconds"]!.GetValue<long>().Should().Be(before + 3660, "this fixture's clock stands still otherwise");
        (await Mock.SignOnAsync()).Date.ToUnixTimeSeconds().Should().Be(before + 3660, "answers are dated by the virtual clock");
    }

    [Test]
    public async Task Sessions_Listing_RedactsSessionIds()
    {
        var keycloak = await Keycloak.NewSessionAsync(Mock);
        await Ags.NewSessionAsync(Mock);
        var sessionId = keycloak.Reply.Text("session_state")!;

        var reply = await Mock.GetAsync("__harness/sessions");

        reply.Json!.AsArray().Should().HaveCount(2);
        reply.Body.Should().NotContain(sessionId, "session ids are masked in the listing");
        foreach (var session in reply.Json!.AsArray())
            session!["id"]!.GetValue<string>().Should().Contain("redacted");
        reply.Json!.AsArray().Select(s => s!["realm"]!.GetValue<string>()).Should().BeEquivalentTo("keycloak", "ags");
    }

    [Test]
    public async Task Journal_AfterFlowsOnEveryApi_HoldsNoTokenOrSecret()
    {
        var secrets = new List<string>
        {
            Mock.Target["client-secret"], Mock.Target["second-client-secret"], Mock.Target["restricted-client-secret"],
            Mock.Target["password"], Mock.Target["session-token"], Mock.Target["forbidden-session-token"],
        };
        void Keep(TokenSet tokens) => secrets.AddRange([tokens.AccessToken, tokens.RefreshToken]);

        var ags = await Ags.NewSessionAsync(Mock);
        Keep(ags);
        Keep(Ags.Read(await Mock.RefreshAsync(ags.RefreshToken)));
        await Mock.RefreshAsync(ags.RefreshToken);                                // reuse: the old token travels again
        await Mock.SignOnAsync(sessionToken: Mock.Target["forbidden-session-token"]);
        var keycloak = await Keycloak.NewSessionAsync(Mock);
        Keep(keycloak);
        Keep(Keycloak.Read(await Mock.KeycloakRefreshAsync(keycloak.RefreshToken)));
        var softwareAg = await SoftwareAg.NewSessionAsync(Mock);
        Keep(softwareAg);
        Keep(SoftwareAg.Read(await Mock.SagRefreshAsync(softwareAg.RefreshToken)));
        await Mock.SagRefreshAsync(softwareAg.RefreshToken, Mock.Target["second-client-id"], Mock.Target["second-client-secret"]);
        await Mock.SagRefreshAsync(softwareAg.RefreshToken, Mock.Target["restricted-client-id"], Mock.Target["restricted-client-secret"]);
        var secMgmt = await SecMgmt.NewSessionAsync(Mock);
        Keep(secMgmt);
        Keep(SecMgmt.Read(await Mock.SecRefreshAsync(secMgmt.AccessToken, secMgmt.RefreshToken)));

        var journal = await Mock.JournalAsync();

        journal.Json!.AsArray().Should().HaveCountGreaterThan(10);
        var texts = StringsOf(journal.Json!).Append(journal.Body).ToList();
        foreach (var secret in secrets.Distinct())
            texts.Should().NotContain(t => t.Contains(secret, StringComparison.Ordinal), "the journal must not hold {0}…", secret[..Math.Min(8, secret.Length)]);
        journal.Body.Should().Contain("redacted", "secrets are masked, not dropped");
    }

    [TestCase("POST", "__harness/operations/nope/refresh/force", TestName = "{m}(force, unknown api)")]
    [TestCase("POST", "__harness/operations/ags-refresh/nope/force", TestName = "{m}(force, unknown operation)")]
    [TestCase("DELETE", "__harness/operations/ags-refresh/nope/force", TestName = "{m}(clear forcing)")]
    [TestCase("POST", "__harness/operations/ags-refresh/nope/fault", TestName = "{m}(fault)")]
    [TestCase("DELETE", "__harness/operations/nope/nope/fault", TestName = "{m}(clear fault)")]
    public async Task Operation_Unknown_Answers404JsonListingTheKnownOnes(string method, string path)
    {
        var reply = await Mock.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{\"status\": 401, \"kind\": \"latency\"}", Encoding.UTF8, "application/json") });

        reply.Status.Should().Be(404, "{0}", reply);
        reply.Text("error").Should().Be("unknown_operation");
        reply.Text("message").Should().Contain("ags-refresh/refresh").And.Contain("secmgmt-refresh/refresh");
    }

    /// <summary>A typo in a control call's body is refused, not ignored: "cuont" would otherwise force one answer instead of two.</summary>
    [Test]
    public async Task Force_UnknownKey_Answers400ProblemNamingTheKeyAndForcesNothing()
    {
        var reply = await Mock.PostJsonAsync("__harness/operations/ags-refresh/refresh/force", "{\"status\": 403, \"cuont\": 2}");

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Text("error").Should().Be("invalid_json");
        reply.Text("detail").Should().Contain("unknown key 'cuont'").And.Contain("\"count\": 1").And.NotContain("Harness.", "no .NET type names: {0}", reply);
        (await Mock.GetAsync("__harness/state")).Json!["forced"]!.AsArray().Should().BeEmpty();
    }

    /// <summary>The error body follows RFC 9457 (type, title, status, detail) and keeps error and message for existing clients.</summary>
    [Test]
    public async Task ControlError_Body_IsProblemDetailsWithErrorAndMessage()
    {
        var reply = await Mock.PostJsonAsync("__harness/clock/advance", "{\"seconds\": -1}");

        reply.Status.Should().Be(400, "{0}", reply);
        reply.MediaType.Should().Be("application/json");
        reply.Text("type").Should().Be("about:blank");
        reply.Text("title").Should().Be("Bad Request");
        reply.Json!["status"]!.GetValue<int>().Should().Be(400);
        reply.Text("error").Should().Be("invalid_seconds");
        reply.Text("detail").Should().Contain("seconds").And.Be(reply.Text("message"));
    }

    [TestCase("{\"seconds\": \"60\"}", TestName = "{m}(number as a string)")]
    [TestCase("null", TestName = "{m}(null: nothing given)")]
    public async Task AdvanceClock_BodiesTheFirstVersionTook_AreTakenAsBefore(string body)
    {
        var reply = await Mock.PostJsonAsync("__harness/clock/advance", body);

        if (body == "null") reply.Text("error").Should().Be("invalid_seconds", "{0}", reply);
        else reply.Json!["offsetSeconds"]!.GetValue<long>().Should().Be(60, "{0}", reply);
    }

    [Test]
    public async Task ControlEndpoint_Unknown_Answers404Json()
    {
        var reply = await Mock.GetAsync("__harness/nothing-here");

        reply.Status.Should().Be(404, "{0}", reply);
        reply.Text("error").Should().Be("not_found");
    }

    [Test]
    public async Task ApiPath_Unknown_Answers404JsonListingTheOperations()
    {
        var reply = await Mock.PostJsonAsync("no/such/api", "{}");

        reply.Status.Should().Be(404, "{0}", reply);
        reply.Text("error").Should().Be("not_found");
        reply.Json!["operations"]!.AsArray().Select(o => o!.GetValue<string>()).Should().Contain("POST /ags/refresh");
    }

    [Test]
    public async Task Health_Fresh_IsOk()
    {
        var reply = await Mock.GetAsync("__harness/health");

        reply.Status.Should().Be(200);
        reply.Text("status").Should().Be("ok");
    }

    [Test]
    public async Task Apis_Listing_HoldsEveryOperationAndOutcomeOfTheContracts()
    {
        var reply = await Mock.GetAsync("__harness/apis");

        var operations = reply.Json!.AsArray().SelectMany(a => a!["operations"]!.AsArray()).ToList();
        operations.Should().HaveCount(Contracts.Set.Operations.Count());
        operations.Sum(o => o!["outcomes"]!.AsArray().Count).Should().Be(Contracts.Set.Operations.Sum(o => o.Outcomes.Count));
    }

    [Test]
    public async Task Target_Endpoint_AnswersTheTargetValues()
    {
        var reply = await Mock.GetAsync("__harness/target");

        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(reply.Body)!;
        values.Should().Equal(Mock.Target);
        values.Keys.Should().Contain(["client-id", "session-token", "auth-service", "tenant", "forbidden-tenant", "second-client-id"]);
    }

    [Test]
    public async Task MockFixture_LoadsAndChecksTheScenarioFolder_AndServes()
    {
        await using var mock = await TestMock.WrapAsync(MockFixture.StartAsync(seed: 1));

        (await mock.SignOnAsync()).Status.Should().Be(201);
        mock.Target.Should().Equal(Mock.Target, "the same seed, whichever way the contracts were loaded");
    }

    private static IEnumerable<string> StringsOf(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(kv => StringsOf(kv.Value).Prepend(kv.Key)),
        JsonArray a => a.SelectMany(StringsOf),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
