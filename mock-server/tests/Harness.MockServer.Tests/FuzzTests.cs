using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Harness.MockServer.Tests;

/// <summary>
/// Thousands of malformed requests against every operation path, and some that are no path at all: the mock
/// answers each with a JSON 4xx (never a 5xx, never a stack trace) and is healthy afterwards. Seeded: a failure
/// prints the seed and every failing request exactly as sent.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed partial class FuzzTests
{
    private const int Seed = 20_261_122;
    private const int Count = 3_000;

    [Test]
    public async Task Fuzz_ThreeThousandMalformedRequests_AnswerJson4xxWithoutStackTraces()
    {
        await using var mock = await TestMock.StartAsync();
        var generator = new FuzzGenerator(Seed, await TemplatesAsync(mock), knownCrashes: false);
        var requests = Enumerable.Range(0, Count).Select(generator.Next).ToList();
        var failures = new ConcurrentBag<(FuzzRequest Request, string Problem)>();
        TestContext.Out.WriteLine($"fuzz seed {Seed}, {Count} requests");

        var statuses = new ConcurrentDictionary<int, int>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (request, _) =>
        {
            var (status, problem) = await ProblemWith(mock, request);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (problem is not null) failures.Add((request, problem));
        });
        TestContext.Out.WriteLine("answers by status: " + string.Join(", ", statuses.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}×{kv.Value}")));

        failures.Should().BeEmpty($"fuzz seed {Seed}: {failures.Count} of {Count} requests were mishandled:\n{Listing(failures)}");
        await ShouldStillServeAsync(mock);
    }

    [TestCase("POST", Ags.SignOnPath, "{\"parameters\": [], \"parameters\": []}", TestName = "{m}(sign-on, duplicate parameters)")]
    [TestCase("POST", Ags.SignOnPath, "{\"parameters\": [{\"name\": \"sessionToken\", \"name\": \"x\", \"value\": \"v\"}]}", TestName = "{m}(sign-on, duplicate name in an item)")]
    [TestCase("POST", Ags.RefreshPath, "{\"parameters\": [], \"parameters\": []}", TestName = "{m}(ags refresh, duplicate parameters)")]
    [TestCase("PUT", SecMgmt.TokenPath, "{\"token\": \"a\", \"token\": \"b\", \"refreshToken\": \"c\"}", TestName = "{m}(secmgmt refresh, duplicate token)")]
    [TestCase("POST", SecMgmt.TokenPath, "{\"username\": \"\\uDEAD\", \"password\": \"x\"}", TestName = "{m}(secmgmt create, lone surrogate)")]
    [TestCase("POST", Ags.SignOnPath, "{\"parameters\": [{\"name\": \"sessionToken\", \"value\": \"\\uD800\"}]}", TestName = "{m}(sign-on, lone surrogate)")]
    [TestCase("POST", Ags.SignOnPath, "{\"parameters\": [{\"name\": \"sessionToken\", \"value\": \"\\u00e9\"}]}", TestName = "{m}(sign-on, escaped character)")]
    public async Task Fuzz_KnownCrashingJsonBody_AnswersJson400(string method, string path, string body)
    {
        await using var mock = await TestMock.StartAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-auth-service-id", mock.Target["auth-service"]);

        var reply = await mock.SendAsync(request);

        reply.Status.Should().BeInRange(400, 499, "{0} /{1} with {2}: {3}", method, path, body, reply);
        reply.IsJson.Should().BeTrue("{0}", reply);
    }

    /// <summary>JSON member names that are not text (a lone surrogate), at the top, nested, in an array item and repeated.</summary>
    private static readonly (string Name, string Body)[] BadKeyBodies =
    [
        ("lone surrogate key", "{\"\\ud800\": 1}"),
        ("lone low surrogate key", "{\"\\udc00\": \"x\"}"),
        ("repeated lone surrogate key", "{\"\\ud800\": 1, \"\\ud800\": 2}"),
        ("lone surrogate key nested", "{\"parameters\": [], \"a\": {\"b\": {\"\\ud800\": 1}}}"),
        ("lone surrogate key in an array item", "{\"parameters\": [{\"name\": \"sessionToken\", \"value\": \"x\", \"\\ud800\": 1}]}"),
        ("surrogate pair key (valid text, unknown member)", "{\"\\ud83d\\ude00\": 1}"),
    ];

    private static IEnumerable<TestCaseData> BadKeyCases() =>
        from operation in Contracts.Set.Operations
        from body in BadKeyBodies
        select new TestCaseData(operation.QualifiedId, body.Body).SetArgDisplayNames(operation.QualifiedId, body.Name);

    [TestCaseSource(nameof(BadKeyCases))]
    public async Task Fuzz_BadJsonKey_AnswersJson4xxAndIsJournaled(string operationId, string body)
    {
        await using var mock = await TestMock.StartAsync();
        var operation = mock.Mock.Contracts.Operations.Single(o => o.QualifiedId == operationId);
        var valid = await ContractRequests.ValidRequestAsync(mock, operation);
        valid.Content = new StringContent(body, Encoding.UTF8, "application/json");

        var reply = await mock.SendAsync(valid);

        var notText = body.Contains("\\ud800", StringComparison.Ordinal) || body.Contains("\\udc00", StringComparison.Ordinal);
        if (notText) reply.Status.Should().BeInRange(400, 499, "{0} with {1}: {2}", operationId, body, reply);
        else reply.Status.Should().BeLessThan(500, "{0} with {1}: {2}", operationId, body, reply);
        reply.IsJson.Should().BeTrue("{0}", reply);
        var entry = mock.Mock.Journal(1).Should().ContainSingle().Subject;
        var atThePath = mock.Mock.Contracts.Operations.Where(o => o.Path == operation.Path).Select(o => o.QualifiedId);
        entry.Operation.Should().BeOneOf(atThePath, "the request is in the journal");
        entry.Status.Should().Be(reply.Status);
        if (notText && operation.ContentType is "application/json")
            entry.Condition.Should().Be("malformed-body", "a name that is not text makes the body malformed");
    }

    /// <summary>The status (0 when there was no answer) and, when the mock mishandled the request, what was wrong.</summary>
    private static async Task<(int Status, string? Problem)> ProblemWith(TestMock mock, FuzzRequest request)
    {
        Reply reply;
        try
        {
            using var message = request.ToMessage();
            using var response = await mock.Http.SendAsync(message);
            reply = new Reply(response, await response.Content.ReadAsStringAsync());
        }
        catch (Exception e)
        {
            return (0, $"no answer: {e.GetType().Name}: {e.Message}");
        }
        return (reply.Status, Judge(request, reply));
    }

    private static string? Judge(FuzzRequest request, Reply reply)
    {
        if (reply.Status >= 500) return $"answered {reply}";
        // Kestrel's own parser refuses a NUL in the path with an empty 400 before the mock is called: not the mock's to answer.
        if (reply is { Status: 400, Body.Length: 0, MediaType: null } && request.Path.Contains("%00", StringComparison.Ordinal)) return null;
        if (StackFrame().IsMatch(reply.Body)) return $"stack trace in the body: {reply}";
        if (request.Method == "HEAD") return null;
        if (!reply.IsJson) return $"body is not JSON: {reply}";
        if (reply.MediaType != "application/json") return $"content type is not JSON: {reply}";
        return null;
    }

    /// <summary>A valid request of every operation, with real tokens, for the generator to bend.</summary>
    private static async Task<IReadOnlyList<RequestTemplate>> TemplatesAsync(TestMock mock)
    {
        var templates = new List<RequestTemplate>();
        foreach (var operation in mock.Mock.Contracts.Operations)
            templates.Add(await RequestTemplate.FromAsync(operation, await ContractRequests.ValidRequestAsync(mock, operation)));
        return templates;
    }

    private static async Task ShouldStillServeAsync(TestMock mock)
    {
        var health = await mock.GetAsync("__harness/health");
        health.Status.Should().Be(200, "{0}", health);
        health.Text("status").Should().Be("ok");
        var byStatus = (await mock.GetAsync("__harness/state")).Json!["byStatus"]!.AsObject();
        byStatus.Select(kv => int.Parse(kv.Key, System.Globalization.CultureInfo.InvariantCulture)).Should().OnlyContain(s => s < 500, "the journal counted no 5xx");
        foreach (var operation in mock.Mock.Contracts.Operations.Where(o => o.Role == OperationRole.Refresh))
        {
            var reply = await mock.SendAsync(await ContractRequests.ValidRequestAsync(mock, operation));
            reply.ShouldBeSuccessOf(operation);
        }
    }

    private static string Listing(IEnumerable<(FuzzRequest Request, string Problem)> failures) =>
        string.Join("\n", failures.OrderBy(f => f.Request.Index).Take(15).Select(f => $"{f.Request}\n  -> {f.Problem}"));

    [GeneratedRegex(@"(^|\n)\s+at [\w.<>`]+[.(]")]
    private static partial Regex StackFrame();
}
