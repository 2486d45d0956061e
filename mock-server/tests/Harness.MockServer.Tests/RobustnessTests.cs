// The CI-sized variant of bench/run's robustness run (bench/load): 16 connections for 3 seconds against an
// in-process mock, mixing valid refreshes (with rotation) on three rotating APIs, reuse attempts, malformed
// bodies and forced answers, while one fault at a time is injected (5xx, dropped connection, latency).
// Asserts no timings: zero unexpected 5xx, zero socket errors except the injected drops, every token family
// the client still trusts consistent afterwards (its newest token refreshes once, the token it replaced is then
// refused as reused, and the new one as revoked: never two live successors), and the journal's counters equal
// what the client sent and received, status by status.
//
// Place it as mock-server/tests/Harness.MockServer.Tests/RobustnessTests.cs (it uses Support/: TestMock, Ags,
// SoftwareAg, SecMgmt, Reply). Run alone: dotnet test mock-server/tests/Harness.MockServer.Tests --filter TestCategory=Robustness
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using FluentAssertions.Execution;

namespace Harness.MockServer.Tests;

[TestFixture]
[Category("Robustness")]
[NonParallelizable] // it keeps 16 connections busy for a few seconds
public sealed class RobustnessTests
{
    private const int Connections = 16;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    [Test]
    [CancelAfter(120_000)]
    public async Task MixedTrafficWithInjectedFaults_OnlyInjected5xx_FamiliesConsistent_JournalMatchesTheClient()
    {
        await using var mock = await TestMock.StartAsync();
        Api[] apis = [new AgsApi(mock), new SoftwareAgApi(mock), new SecMgmtApi(mock)];
        var run = new Run();
        var deadline = DateTime.UtcNow + Duration;

        var workers = Enumerable.Range(0, Connections).Select(i => new Worker(mock, apis, run, new Random(7919 * (i + 1)))).ToList();
        var chaos = new Chaos(mock, apis, new Random(1));
        var chaosTask = chaos.RunAsync(deadline);
        await Task.WhenAll(workers.Select(w => w.RunAsync(deadline)));
        await chaosTask;

        // Faults set but never taken by a request were not injected; then clear them all.
        var left = mock.Mock.State.Faults.Snapshot();
        var injected5xx = chaos.ServerErrors - left.Where(f => f.Fault.Kind == Control.FaultKind.ServerError).Sum(f => f.Fault.Remaining ?? 1);
        var injectedDrops = chaos.Drops - left.Where(f => f.Fault.Kind == Control.FaultKind.DropConnection).Sum(f => f.Fault.Remaining ?? 1);
        mock.Mock.State.Faults.Clear();

        var families = workers.SelectMany(w => w.TrustedFamilies()).ToList();
        await Task.WhenAll(families.Select((family, i) => workers[i % workers.Count].CheckFamilyAsync(family)));

        var journal = mock.Mock.State.Journal;
        var client = run.ByStatus();
        using (new AssertionScope())
        {
            run.Failures.Should().BeEmpty("every answer must be the documented one");
            run.Unexpected5xx.Should().Be(0, "the only 5xx allowed are the injected ones");
            run.Injected5xx.Should().Be(injected5xx, "each injected server error reaches exactly one client");
            run.SocketErrors.Should().Be(injectedDrops, "the only broken connections are the injected drops");
            run.ConsistentFamilies.Should().Be(families.Count, "no family may have two live successors or lose its newest token");
            journal.Total.Should().Be(run.Sent, "the journal counts every API request the client sent");
            journal.CountsByStatus.Should().BeEquivalentTo(client, "the journal's status counters match what the client saw (0 = dropped)");
            run.Refreshes.Should().BePositive("valid refreshes were part of the mix");
            run.Reuses.Should().BePositive("reuse attempts were part of the mix");
            run.Malformed.Should().BePositive("malformed requests were part of the mix");
        }
        TestContext.Progress.WriteLine($"robustness: {run.Sent} requests, {run.Refreshes} refreshes, {run.Reuses} reuse checks, {run.Malformed} malformed, " +
                                       $"{run.Forced} forced, {injected5xx} injected 5xx, {injectedDrops} drops, {families.Count} families checked");
    }

    private sealed class Family(Api api, string access, string refresh)
    {
        public Api Api { get; } = api;
        public string Access { get; set; } = access;
        public string Refresh { get; set; } = refresh;
    }

    private sealed record Answer(int Status, string Body, bool Injected, bool Dropped)
    {
        public bool Faulted => Injected || Dropped;
    }

    private sealed class Run
    {
        private readonly ConcurrentDictionary<int, long> _byStatus = new();
        private long _sent, _refreshes, _reuses, _malformed, _forced, _injected, _unexpected, _socket, _consistent;

        public ConcurrentQueue<string> Failures { get; } = new();
        public long Sent => Interlocked.Read(ref _sent);
        public long Refreshes => Interlocked.Read(ref _refreshes);
        public long Reuses => Interlocked.Read(ref _reuses);
        public long Malformed => Interlocked.Read(ref _malformed);
        public long Forced => Interlocked.Read(ref _forced);
        public long Injected5xx => Interlocked.Read(ref _injected);
        public long Unexpected5xx => Interlocked.Read(ref _unexpected);
        public long SocketErrors => Interlocked.Read(ref _socket);
        public long ConsistentFamilies => Interlocked.Read(ref _consistent);

        public void Answered(int status, bool injected)
        {
            Interlocked.Increment(ref _sent);
            _byStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (status == 0) Interlocked.Increment(ref _socket);
            else if (injected) Interlocked.Increment(ref _injected);
            else if (status >= 500) Interlocked.Increment(ref _unexpected);
        }

        public void Refreshed() => Interlocked.Increment(ref _refreshes);
        public void Reused() => Interlocked.Increment(ref _reuses);
        public void SentMalformed() => Interlocked.Increment(ref _malformed);
        public void SentForced() => Interlocked.Increment(ref _forced);
        public void Consistent() => Interlocked.Increment(ref _consistent);

        public void Fail(string what)
        {
            if (Failures.Count < 50) Failures.Enqueue(what);
        }

        public Dictionary<int, long> ByStatus() => _byStatus.ToDictionary(kv => kv.Key, kv => kv.Value);
    }

    /// <summary>One connection: its own HttpClient (one request at a time, so one connection) and a family per API.</summary>
    private sealed class Worker(TestMock mock, Api[] apis, Run run, Random random)
    {
        private readonly HttpClient _http = TestMock.NewClient(mock.BaseAddress);
        private readonly Dictionary<Api, Family> _current = [];
        private readonly List<Family> _retired = [];

        public IEnumerable<Family> TrustedFamilies() => _current.Values.Concat(_retired.TakeLast(2));

        public async Task RunAsync(DateTime deadline)
        {
            while (DateTime.UtcNow < deadline)
            {
                var api = apis[random.Next(apis.Length)];
                if (!_current.TryGetValue(api, out var family))
                {
                    if (await SignOnAsync(api) is { } started) _current[api] = started;
                    continue;
                }
                var roll = random.Next(100);
                if (roll < 55) await RefreshAsync(family);
                else if (roll < 63) await ReuseAsync(api);
                else if (roll < 80) await MalformedAsync(family);
                else if (roll < 90) await ForcedAsync(family);
                else if (await SignOnAsync(api) is { } replacement)
                {
                    _retired.Add(family);
                    _current[api] = replacement;
                }
            }
        }

        private async Task<Family?> SignOnAsync(Api api)
        {
            var answer = await SendAsync(api.Issue());
            if (answer.Faulted) return null;
            if (answer.Status != api.IssueStatus || api.Read(answer.Body) is not var (access, refresh))
            {
                run.Fail($"{api.Name} issue answered {answer.Status}: {Cut(answer.Body)}");
                return null;
            }
            return new Family(api, access, refresh);
        }

        private async Task RefreshAsync(Family family)
        {
            var answer = await SendAsync(family.Api.Refresh(family.Access, family.Refresh));
            // An injected 5xx answers before the operation runs: the family is as it was. A dropped
            // connection may have rotated it: the client no longer knows its newest token.
            if (answer.Injected) return;
            if (answer.Dropped)
            {
                _current.Remove(family.Api);
                return;
            }
            if (answer.Status == 200 && family.Api.Read(answer.Body) is var (access, refresh))
            {
                run.Refreshed();
                family.Access = access;
                family.Refresh = refresh;
                return;
            }
            run.Fail($"{family.Api.Name} refresh of a live family answered {answer.Status}: {Cut(answer.Body)}");
            _current.Remove(family.Api);
        }

        /// <summary>A throw-away family: refresh once, present the replaced token (refused: reused), then the newest (refused: revoked).</summary>
        private async Task ReuseAsync(Api api)
        {
            if (await SignOnAsync(api) is not { } family) return;
            var first = family.Refresh;
            var rotated = await SendAsync(api.Refresh(family.Access, first));
            if (rotated.Faulted) return;
            if (rotated.Status != 200 || api.Read(rotated.Body) is not var (access, refresh))
            {
                run.Fail($"{api.Name} first refresh answered {rotated.Status}: {Cut(rotated.Body)}");
                return;
            }
            run.Refreshed();
            var reuse = await SendAsync(api.Refresh(family.Access, first));
            if (reuse.Faulted) return;
            run.Reused();
            if (reuse.Status != api.RejectStatus) run.Fail($"{api.Name} reuse answered {reuse.Status}, not {api.RejectStatus}: {Cut(reuse.Body)}");
            var revoked = await SendAsync(api.Refresh(access, refresh));
            if (!revoked.Faulted && revoked.Status != api.RejectStatus)
                run.Fail($"{api.Name} refresh after a reuse answered {revoked.Status}, not {api.RejectStatus}: {Cut(revoked.Body)}");
        }

        private async Task MalformedAsync(Family family)
        {
            var malformed = family.Api.Malformed(family.Access, family.Refresh);
            var (name, request) = malformed[random.Next(malformed.Count)];
            var answer = await SendAsync(request);
            run.SentMalformed();
            if (!answer.Faulted && answer.Status is < 400 or > 499)
                run.Fail($"{family.Api.Name} malformed request '{name}' answered {answer.Status}: {Cut(answer.Body)}");
        }

        private async Task ForcedAsync(Family family)
        {
            var status = family.Api.Forceable[random.Next(family.Api.Forceable.Length)];
            var request = family.Api.Refresh(family.Access, family.Refresh);
            request.Headers.TryAddWithoutValidation(Engine.MockEngine.ForceStatusHeader, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var answer = await SendAsync(request);
            run.SentForced();
            if (!answer.Faulted && answer.Status != status) run.Fail($"{family.Api.Name} forced {status} answered {answer.Status}: {Cut(answer.Body)}");
        }

        /// <summary>After the run: the newest token refreshes once; then the token it replaced is refused (reuse), and so is its successor (revoked).</summary>
        public async Task CheckFamilyAsync(Family family)
        {
            var api = family.Api;
            var first = await SendAsync(api.Refresh(family.Access, family.Refresh));
            if (first.Status != 200 || api.Read(first.Body) is not var (access, refresh))
            {
                run.Fail($"consistency: {api.Name} newest token answered {first.Status}: {Cut(first.Body)}");
                return;
            }
            var reuse = await SendAsync(api.Refresh(family.Access, family.Refresh));
            var after = await SendAsync(api.Refresh(access, refresh));
            if (reuse.Status == api.RejectStatus && after.Status == api.RejectStatus) run.Consistent();
            else run.Fail($"consistency: {api.Name} replaced token answered {reuse.Status}, its successor then {after.Status} (both should be {api.RejectStatus})");
        }

        private async Task<Answer> SendAsync(HttpRequestMessage request)
        {
            using (request)
            {
                try
                {
                    using var response = await _http.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    var status = (int)response.StatusCode;
                    var injected = status == 503 && body.Contains("injected fault", StringComparison.Ordinal);
                    run.Answered(status, injected);
                    if (status >= 500 && !injected) run.Fail($"unexpected {status} for {request.Method} {request.RequestUri}: {Cut(body)}");
                    return new Answer(status, body, injected, false);
                }
                catch (Exception e) when (e is HttpRequestException or IOException)
                {
                    run.Answered(0, false); // the journal records a dropped connection as status 0
                    return new Answer(0, e.Message, false, true);
                }
            }
        }

        private static string Cut(string text) => text.Length <= 200 ? text : text[..200] + "…";
    }

    /// <summary>Sets one fault at a time on a refresh operation and waits until a request took it.</summary>
    private sealed class Chaos(TestMock mock, Api[] apis, Random random)
    {
        public int ServerErrors { get; private set; }
        public int Drops { get; private set; }

        public async Task RunAsync(DateTime deadline)
        {
            await Task.Delay(100);
            while (DateTime.UtcNow < deadline - TimeSpan.FromMilliseconds(300))
            {
                var api = apis[random.Next(apis.Length)];
                var roll = random.Next(100);
                var fault = roll < 45 ? new JsonObject { ["kind"] = "server-error", ["status"] = 503, ["retryAfterSeconds"] = 0, ["count"] = 1 }
                    : roll < 90 ? new JsonObject { ["kind"] = "drop-connection", ["count"] = 1 }
                    : new JsonObject { ["kind"] = "latency", ["latencyMs"] = 5, ["jitterMs"] = 5, ["count"] = 3 };
                var set = await mock.FaultAsync(api.FaultApi, "refresh", fault);
                set.Status.Should().Be(200, "setting a fault must work: {0}", set);
                if (roll < 45) ServerErrors++;
                else if (roll < 90) Drops++;
                var waitUntil = DateTime.UtcNow.AddSeconds(1);
                while (DateTime.UtcNow < waitUntil && !mock.Mock.State.Faults.IsEmpty) await Task.Delay(5);
                await Task.Delay(random.Next(20, 80));
            }
        }
    }

    /// <summary>A rotating refresh API as the run drives it, through the requests of Support/Apis.cs.</summary>
    private abstract class Api(TestMock mock, string name, string faultApi)
    {
        protected TestMock Mock { get; } = mock;
        public string Name { get; } = name;
        public string FaultApi { get; } = faultApi;
        public abstract int IssueStatus { get; }
        public abstract int RejectStatus { get; }
        public abstract int[] Forceable { get; }
        public abstract HttpRequestMessage Issue();
        public abstract HttpRequestMessage Refresh(string access, string refresh);
        public abstract List<(string Name, HttpRequestMessage Request)> Malformed(string access, string refresh);

        public (string Access, string Refresh)? Read(string body)
        {
            var reply = ParsePair(body);
            return reply is { } pair && pair.Access is { } access && pair.Refresh is { } refresh ? (access, refresh) : null;
        }

        protected abstract (string? Access, string? Refresh)? ParsePair(string body);

        protected static (string?, string?)? Get(string body, string accessPath, string refreshPath)
        {
            try
            {
                var json = JsonNode.Parse(body);
                return (Text(json, accessPath), Text(json, refreshPath));
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }

        private static string? Text(JsonNode? json, string path) =>
            BodyPath.Get(json, path, out var found) is JsonValue v && found && v.TryGetValue<string>(out var s) ? s : null;

        protected static HttpRequestMessage Raw(HttpMethod method, string path, byte[] body, string contentType)
        {
            var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            return request;
        }

        protected static HttpRequestMessage Text(HttpMethod method, string path, string body, string contentType) => Raw(method, path, Encoding.UTF8.GetBytes(body), contentType);
    }

    private sealed class AgsApi(TestMock mock) : Api(mock, "ags", "ags-refresh")
    {
        public override int IssueStatus => 201;
        public override int RejectStatus => 401;
        public override int[] Forceable => [400, 401, 403];
        public override HttpRequestMessage Issue() => Ags.SignOnRequest(Mock);
        public override HttpRequestMessage Refresh(string access, string refresh) => Ags.RefreshRequest(Mock, refresh);
        protected override (string?, string?)? ParsePair(string body) => Get(body, "access_token", "refresh_token");

        public override List<(string, HttpRequestMessage)> Malformed(string access, string refresh) =>
        [
            ("truncated json", WithHeaders(Text(HttpMethod.Post, Ags.RefreshPath, "{\"parameters\":[", "application/json"), refresh)),
            ("parameters not an array", WithHeaders(Text(HttpMethod.Post, Ags.RefreshPath, "{\"parameters\":\"x\"}", "application/json"), refresh)),
            ("text/plain body", WithHeaders(Text(HttpMethod.Post, Ags.RefreshPath, "parameters=", "text/plain"), refresh)),
            ("invalid utf-8", WithHeaders(Raw(HttpMethod.Post, Ags.RefreshPath, [0x7b, 0xc3, 0x28, 0x7d], "application/json"), refresh)),
            ("no refresh token", WithHeaders(Text(HttpMethod.Post, Ags.RefreshPath, "{\"parameters\":[]}", "application/json"), null)),
            ("garbage token", WithHeaders(Text(HttpMethod.Post, Ags.RefreshPath, "{\"parameters\":[]}", "application/json"), "not.a.token")),
            ("oversized body", WithHeaders(Text(HttpMethod.Post, Ags.RefreshPath, "{\"parameters\":[],\"pad\":\"" + new string('x', 70_000) + "\"}", "application/json"), refresh)),
        ];

        private HttpRequestMessage WithHeaders(HttpRequestMessage request, string? refresh)
        {
            if (refresh is not null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + refresh);
            request.Headers.Add("x-auth-service-id", Mock.T("auth-service"));
            return request;
        }
    }

    private sealed class SoftwareAgApi(TestMock mock) : Api(mock, "softwareag", "softwareag-refresh")
    {
        private const string Form = "application/x-www-form-urlencoded";
        public override int IssueStatus => 200;
        public override int RejectStatus => 400;
        public override int[] Forceable => [400, 401, 405];
        public override HttpRequestMessage Issue() => SoftwareAg.IssueRequest(Mock);
        public override HttpRequestMessage Refresh(string access, string refresh) => SoftwareAg.RefreshRequest(Mock, refresh);
        protected override (string?, string?)? ParsePair(string body) => Get(body, "access_token", "refresh_token");

        public override List<(string, HttpRequestMessage)> Malformed(string access, string refresh) =>
        [
            ("repeated parameter", Basic(Text(HttpMethod.Post, SoftwareAg.RefreshPath, "grant_type=refresh_token&grant_type=refresh_token&refresh_token=" + refresh, Form))),
            ("json instead of a form", Basic(Text(HttpMethod.Post, SoftwareAg.RefreshPath, "{\"grant_type\":\"refresh_token\"}", "application/json"))),
            ("unknown grant type", Basic(Text(HttpMethod.Post, SoftwareAg.RefreshPath, "grant_type=magic&refresh_token=" + refresh, Form))),
            ("no client authentication", Text(HttpMethod.Post, SoftwareAg.RefreshPath, "grant_type=refresh_token&refresh_token=" + refresh, Form)),
            ("wrong client secret", Basic(Text(HttpMethod.Post, SoftwareAg.RefreshPath, "grant_type=refresh_token&refresh_token=" + refresh, Form), "wrong-secret")),
            ("invalid utf-8", Basic(Raw(HttpMethod.Post, SoftwareAg.RefreshPath, [0x67, 0x3d, 0xff, 0xfe], Form))),
        ];

        private HttpRequestMessage Basic(HttpRequestMessage request, string? secret = null)
        {
            request.Headers.Authorization = ContractRequests.Basic(Mock.T("client-id"), secret ?? Mock.T("client-secret"));
            return request;
        }
    }

    private sealed class SecMgmtApi(TestMock mock) : Api(mock, "secmgmt", "secmgmt-refresh")
    {
        public override int IssueStatus => 200;
        public override int RejectStatus => 401;
        public override int[] Forceable => [400, 401];
        public override HttpRequestMessage Issue() => SecMgmt.CreateRequest(Mock);
        public override HttpRequestMessage Refresh(string access, string refresh) => SecMgmt.RefreshRequest(access, refresh);
        protected override (string?, string?)? ParsePair(string body) => Get(body, "content[0].token", "content[0].refreshToken");

        public override List<(string, HttpRequestMessage)> Malformed(string access, string refresh) =>
        [
            ("token is a number", Text(HttpMethod.Put, SecMgmt.TokenPath, $"{{\"token\":5,\"refreshToken\":\"{refresh}\"}}", "application/json")),
            ("not json", Text(HttpMethod.Put, SecMgmt.TokenPath, "token=" + access, "application/json")),
            ("missing refreshToken", Text(HttpMethod.Put, SecMgmt.TokenPath, $"{{\"token\":\"{access}\"}}", "application/json")),
            ("garbage access token", Text(HttpMethod.Put, SecMgmt.TokenPath, $"{{\"token\":\"x.y.z\",\"refreshToken\":\"{refresh}\"}}", "application/json")),
            ("deeply nested", Text(HttpMethod.Put, SecMgmt.TokenPath, new string('[', 200) + new string(']', 200), "application/json")),
        ];
    }
}
