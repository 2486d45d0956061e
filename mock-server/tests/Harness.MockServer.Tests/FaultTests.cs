using System.Diagnostics;

namespace Harness.MockServer.Tests;

/// <summary>Faults set per operation through the control API — latency, 5xx with Retry-After, a cut body, an empty answer, a dropped connection — each cleared by DELETE.</summary>
[TestFixtureSource(typeof(MockHosts), nameof(MockHosts.All))]
[Parallelizable(ParallelScope.Self)]
public sealed class FaultTests(MockHost host) : SharedMockFixture(host)
{
    private const string FaultPath = "__harness/operations/ags-signon/signOn/fault";

    [Test]
    public async Task Fault_Latency_DelaysTheAnswerByAtLeastTheConfiguredTime()
    {
        await SetAsync(new JsonObject { ["kind"] = "latency", ["latencyMs"] = 200 });

        var watch = Stopwatch.StartNew();
        var reply = await Mock.SignOnAsync();
        watch.Stop();

        reply.Status.Should().Be(201, "latency delays, it does not fail: {0}", reply);
        watch.ElapsedMilliseconds.Should().BeGreaterThanOrEqualTo(190, "the injected 200 ms, less the timer's few milliseconds of granularity");
    }

    [Test]
    public async Task Fault_ServerError_Answers503WithRetryAfter()
    {
        await SetAsync(new JsonObject { ["kind"] = "server-error", ["status"] = 503, ["retryAfterSeconds"] = 7 });

        var reply = await Mock.SignOnAsync();

        reply.Status.Should().Be(503, "{0}", reply);
        reply.Header("Retry-After").Should().Be("7");
        reply.Json.Should().BeOfType<JsonObject>();
    }

    [Test]
    public async Task Fault_ServerErrorWithA4xxStatus_Answers400Json()
    {
        var reply = await Mock.PostJsonAsync(FaultPath, new JsonObject { ["kind"] = "server-error", ["status"] = 404 });

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Text("error").Should().Be("invalid_status");
    }

    [Test]
    public async Task Fault_UnknownKind_Answers400JsonListingTheKinds()
    {
        var reply = await Mock.PostJsonAsync(FaultPath, new JsonObject { ["kind"] = "gremlins" });

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Text("message").Should().Contain("latency").And.Contain("drop-connection");
    }

    [Test]
    public async Task Fault_ServerErrorOnRefresh_TheRetryWithTheSameTokenSucceeds()
    {
        var session = await Ags.NewSessionAsync(Mock);
        (await Mock.FaultAsync("ags-refresh", "refresh", new JsonObject { ["kind"] = "server-error", ["count"] = 1 })).Status.Should().Be(200);

        var failed = await Mock.RefreshAsync(session.RefreshToken);
        var retry = await Mock.RefreshAsync(session.RefreshToken);

        failed.Status.Should().Be(503, "{0}", failed);
        retry.Status.Should().Be(200, "a 503 'temporarily unavailable' must not have consumed the refresh token: {0}", retry);
    }

    [Test]
    public async Task Fault_MalformedBody_AnswersABodyThatIsNotJson()
    {
        await SetAsync(new JsonObject { ["kind"] = "malformed-body" });

        var reply = await Mock.SignOnAsync();

        reply.Status.Should().Be(201, "{0}", reply);
        reply.Body.Should().NotBeEmpty();
        reply.IsJson.Should().BeFalse("the body is cut off mid-JSON: {0}", reply);
    }

    [Test]
    public async Task Fault_EmptyResponse_Answers200WithNoBody()
    {
        await SetAsync(new JsonObject { ["kind"] = "empty-response" });

        var reply = await Mock.SignOnAsync();

        reply.Status.Should().Be(200, "{0}", reply);
        reply.Body.Should().BeEmpty();
    }

    [Test]
    public async Task Fault_DropConnection_MakesHttpClientThrow()
    {
        await SetAsync(new JsonObject { ["kind"] = "drop-connection" });

        var call = () => Mock.SignOnAsync();

        var thrown = await call.Should().ThrowAsync<Exception>();
        thrown.Which.Should().Match<Exception>(e => e is HttpRequestException || e is IOException, "the connection is cut mid-body: {0}", thrown.Which);
    }

    [TestCase("latency")]
    [TestCase("server-error")]
    [TestCase("malformed-body")]
    [TestCase("empty-response")]
    [TestCase("drop-connection")]
    public async Task Fault_ClearedByDelete_ServesNormallyAgain(string kind)
    {
        await SetAsync(new JsonObject { ["kind"] = kind, ["latencyMs"] = 50 });

        var cleared = await Mock.DeleteAsync(FaultPath);
        var reply = await Mock.SignOnAsync();
        var state = await Mock.GetAsync("__harness/state");

        cleared.Status.Should().Be(200, "{0}", cleared);
        reply.Status.Should().Be(201, "{0}", reply);
        reply.IsJson.Should().BeTrue();
        state.Json!["faults"]!.AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task Fault_CountOne_FailsOnceThenServesNormally()
    {
        await SetAsync(new JsonObject { ["kind"] = "server-error", ["count"] = 1 });

        var first = await Mock.SignOnAsync();
        var second = await Mock.SignOnAsync();

        first.Status.Should().Be(503);
        second.Status.Should().Be(201, "{0}", second);
    }

    [Test]
    public async Task Fault_OnOneOperation_LeavesTheOthersAlone()
    {
        await SetAsync(new JsonObject { ["kind"] = "server-error" });

        var other = await Mock.IssueAsync();

        other.Status.Should().Be(200, "{0}", other);
    }

    private async Task SetAsync(JsonObject fault)
    {
        var reply = await Mock.PostJsonAsync(FaultPath, fault);
        reply.Status.Should().Be(200, "setting the fault must work: {0}", reply);
    }
}
