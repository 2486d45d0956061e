using Harness.MockServer.Engine;
using Harness.Scenarios.Loading;

namespace Harness.MockServer.Tests;

/// <summary>
/// Every documented status of every operation can be forced — through the control API for the next N calls,
/// or per request with X-Harness-Force-Status — and answers in the API's error shape, once.
/// </summary>
[TestFixtureSource(typeof(MockHosts), nameof(MockHosts.All))]
[Parallelizable(ParallelScope.Self)]
public sealed class ForcedOutcomeTests(MockHost host) : SharedMockFixture(host)
{
    public static IEnumerable<TestCaseData> EveryOutcome()
    {
        foreach (var operation in Contracts.Set.Operations)
        {
            for (var i = 0; i < operation.Outcomes.Count; i++)
            {
                var outcome = operation.Outcomes[i];
                var data = new TestCaseData(operation.ApiId, operation.Id, i).SetName($"{{m}}({Contracts.Label(operation, outcome)})");
                yield return data;
            }
        }
    }

    public static IEnumerable<TestCaseData> EveryOperation() =>
        Contracts.Set.Operations.Select(o => new TestCaseData(o.ApiId, o.Id).SetName($"{{m}}({o.QualifiedId})"));

    [TestCaseSource(nameof(EveryOutcome))]
    public async Task Force_DocumentedOutcomeViaControlApi_AnswersItOnceThenServesNormally(string apiId, string operationId, int index)
    {
        var (operation, outcome) = Find(apiId, operationId, index);

        var forcing = await Mock.ForceAsync(apiId, operationId, outcome.Status, KebabName.Of(outcome.When), outcome.Field, count: 1);
        forcing.Status.Should().Be(200, "{0} is documented and must be forceable: {1}", Contracts.Label(operation, outcome), forcing);

        var forced = await Mock.SendAsync(await ContractRequests.ValidRequestAsync(Mock, operation));
        forced.ShouldMatch(operation, outcome);

        var next = await Mock.SendAsync(await ContractRequests.ValidRequestAsync(Mock, operation));
        next.ShouldBeSuccessOf(operation);
    }

    [TestCaseSource(nameof(EveryOutcome))]
    public async Task ForceHeader_DocumentedOutcome_AnswersItForThatRequestOnly(string apiId, string operationId, int index)
    {
        var (operation, outcome) = Find(apiId, operationId, index);

        var request = await ContractRequests.ValidRequestAsync(Mock, operation);
        request.Headers.Add(MockEngine.ForceStatusHeader, outcome.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(MockEngine.ForceConditionHeader, KebabName.Of(outcome.When));
        if (outcome.Field is not null) request.Headers.Add("X-Harness-Force-Field", outcome.Field);
        var forced = await Mock.SendAsync(request);
        forced.ShouldMatch(operation, outcome);

        var next = await Mock.SendAsync(await ContractRequests.ValidRequestAsync(Mock, operation));
        next.ShouldBeSuccessOf(operation);
    }

    [TestCaseSource(nameof(EveryOperation))]
    public async Task Force_UndocumentedStatus_Answers400JsonNamingTheDocumentedOnes(string apiId, string operationId)
    {
        var operation = Contracts.Set.Operation(apiId, operationId)!;

        var reply = await Mock.ForceAsync(apiId, operationId, 418);

        reply.Status.Should().Be(400, "418 is documented nowhere: {0}", reply);
        reply.Text("error").Should().Be("undocumented_status", "{0}", reply);
        foreach (var status in operation.Outcomes.Select(o => o.Status).Distinct())
            reply.Text("message").Should().Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture), "the answer names every documented status: {0}", reply);
    }

    [TestCaseSource(nameof(EveryOperation))]
    public async Task ForceHeader_UndocumentedStatus_Answers400JsonNamingTheDocumentedOnes(string apiId, string operationId)
    {
        var operation = Contracts.Set.Operation(apiId, operationId)!;
        var request = await ContractRequests.ValidRequestAsync(Mock, operation);
        request.Headers.Add(MockEngine.ForceStatusHeader, "418");

        var reply = await Mock.SendAsync(request);

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Text("error").Should().Be("invalid_force_header", "{0}", reply);
        foreach (var status in operation.Outcomes.Select(o => o.Status).Distinct())
            reply.Text("message").Should().Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture), "{0}", reply);
    }

    [Test]
    public async Task ForceHeader_NotANumber_Answers400Json()
    {
        var request = Ags.RefreshRequest(Mock, (await Ags.NewSessionAsync(Mock)).RefreshToken);
        request.Headers.Add(MockEngine.ForceStatusHeader, "teapot");

        var reply = await Mock.SendAsync(request);

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Text("error").Should().Be("invalid_force_header", "{0}", reply);
    }

    [Test]
    public async Task ForceHeader_StatusWithoutCondition_AnswersTheFirstOutcomeWithThatStatus()
    {
        var operation = Contracts.Set.Operation("keycloak-refresh", "refresh")!;
        var request = Keycloak.RefreshRequest(Mock, (await Keycloak.NewSessionAsync(Mock)).RefreshToken);
        request.Headers.Add(MockEngine.ForceStatusHeader, "401");

        var reply = await Mock.SendAsync(request);

        reply.ShouldMatch(operation, operation.Outcomes.First(o => o.Status == 401));
    }

    [Test]
    public async Task Force_ConditionNotDocumentedWithThatStatus_Answers400Json()
    {
        var reply = await Mock.ForceAsync("ags-refresh", "refresh", 401, "wrong-tenant");

        reply.Status.Should().Be(400, "ags-refresh documents wrong-tenant as 403, not 401: {0}", reply);
        reply.Json.Should().BeOfType<JsonObject>();
    }

    [Test]
    public async Task Force_MissingStatus_Answers400Json()
    {
        var reply = await Mock.PostJsonAsync("__harness/operations/ags-refresh/refresh/force", "{\"count\": 1}");

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Text("error").Should().Be("invalid_status", "{0}", reply);
    }

    [Test]
    public async Task Force_CountThree_AnswersThreeTimesThenServesNormally()
    {
        (await Mock.ForceAsync("ags-signon", "signOn", 403, "geo-blocked", count: 3)).Status.Should().Be(200);

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++) statuses.Add((await Mock.SignOnAsync()).Status);

        statuses.Should().Equal(403, 403, 403, 201);
    }

    [Test]
    public async Task Force_ThenDelete_ServesNormally()
    {
        (await Mock.ForceAsync("ags-signon", "signOn", 401, count: 5)).Status.Should().Be(200);

        var cleared = await Mock.DeleteAsync("__harness/operations/ags-signon/signOn/force");
        var reply = await Mock.SignOnAsync();

        cleared.Status.Should().Be(200, "{0}", cleared);
        reply.Status.Should().Be(201, "the forcing was cleared: {0}", reply);
    }

    [Test]
    public async Task Force_Pending_ShowsInStateThenInTheJournal()
    {
        await Mock.ForceAsync("secmgmt-refresh", "refresh", 401, "pair-mismatch", count: 2);

        var state = await Mock.GetAsync("__harness/state");
        var session = await SecMgmt.NewSessionAsync(Mock);
        var reply = await Mock.SecRefreshAsync(session.AccessToken, session.RefreshToken);
        var journal = await Mock.JournalAsync(1);

        state.Json!["forced"]!.AsArray().Should().ContainSingle("{0}", state);
        state.Json!["forced"]![0]!["remaining"]!.GetValue<int>().Should().Be(2);
        reply.Text("errorCode").Should().Be("AUTH_1002", "{0}", reply);
        journal.Json![0]!["forced"]!.GetValue<string>().Should().Be("forced 401", "{0}", journal);
        journal.Json![0]!["condition"]!.GetValue<string>().Should().Be("pair-mismatch", "{0}", journal);
    }

    private static (Operation Operation, Outcome Outcome) Find(string apiId, string operationId, int index)
    {
        var operation = Contracts.Set.Operation(apiId, operationId)!;
        return (operation, operation.Outcomes[index]);
    }
}
