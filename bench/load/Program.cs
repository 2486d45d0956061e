// Robustness under load (bench/run, item 5): N connections for S seconds mixing valid refreshes with
// rotation, reuse attempts, malformed bodies and forced answers on three rotating APIs, while a chaos loop
// injects one fault at a time (5xx, dropped connection, latency) through the control API. Afterwards:
//   - zero 5xx except the injected ones, zero socket errors except the injected drops;
//   - every rotating family the client still trusts is consistent: its newest refresh token works exactly
//     once, the token it replaced is refused as reused (which revokes the family), and the new one is then refused;
//   - the journal's counters equal what the client sent and received, status by status.
//
//   Harness.Bench.Load --url http://127.0.0.1:5080 [--connections 64] [--seconds 30] [--seed 1]
//
// Prints "LOAD key=value" lines for bench/run and exits 1 when any check fails.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

var url = new Uri(Arg("--url", "http://127.0.0.1:5080").TrimEnd('/') + "/");
var connections = int.Parse(Arg("--connections", "64"));
var seconds = double.Parse(Arg("--seconds", "30"), System.Globalization.CultureInfo.InvariantCulture);
var seed = int.Parse(Arg("--seed", "1"));

using var control = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
(await control.PostAsync("__harness/reset", new StringContent("{}", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
var target = JsonNode.Parse(await control.GetStringAsync("__harness/target"))!.AsObject()
    .ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());
Api[] apis = [new AgsApi(target), new SoftwareAgApi(target), new SecMgmtApi(target)];
var stats = new Stats();

var stopwatch = Stopwatch.StartNew();
var deadline = DateTime.UtcNow.AddSeconds(seconds);
var workers = Enumerable.Range(0, connections).Select(i => new Worker(i, url, apis, stats, new Random(seed * 7919 + i))).ToList();
var chaos = new Chaos(control, apis, new Random(seed));
var chaosTask = chaos.RunAsync(deadline);
await Task.WhenAll(workers.Select(w => w.RunAsync(deadline)));
var loadSeconds = stopwatch.Elapsed.TotalSeconds;
await chaosTask;

// What the chaos loop set but nobody consumed does not count as injected; then clear every fault.
var remaining = await RemainingFaultsAsync(control);
foreach (var api in apis) await control.DeleteAsync($"__harness/operations/{api.FaultPath}/fault");
var consumed5xx = chaos.ServerErrors - remaining.GetValueOrDefault("server-error");
var consumedDrops = chaos.Drops - remaining.GetValueOrDefault("drop-connection");
var loadRequests = stats.Sent;

// Consistency of every family the client still trusts (at most 400: the newest of each worker, then the others).
var families = workers.SelectMany(w => w.TrustedFamilies()).Take(400).ToList();
var checks = families.Select((family, i) => workers[i % workers.Count].CheckFamilyAsync(family)).ToList();
await Task.WhenAll(checks);

var state = JsonNode.Parse(await control.GetStringAsync("__harness/state"))!;
var served = state["served"]!.GetValue<long>();
var journal = state["byStatus"]!.AsObject().ToDictionary(kv => int.Parse(kv.Key), kv => kv.Value!.GetValue<long>());
var client = stats.ByStatus();
var mismatches = journal.Keys.Union(client.Keys).Order()
    .Where(s => journal.GetValueOrDefault(s) != client.GetValueOrDefault(s))
    .Select(s => $"{s}: journal {journal.GetValueOrDefault(s)}, client {client.GetValueOrDefault(s)}").ToList();
if (served != stats.Sent) mismatches.Add($"served: journal {served}, client sent {stats.Sent}");

var failures = new List<string>();
failures.AddRange(stats.Failures.Take(20));
if (stats.Unexpected5xx > 0) failures.Add($"{stats.Unexpected5xx} unexpected 5xx");
if (stats.Injected5xx != consumed5xx) failures.Add($"client saw {stats.Injected5xx} injected 5xx, the mock injected {consumed5xx}");
if (stats.SocketErrors != consumedDrops) failures.Add($"{stats.SocketErrors} socket errors, {consumedDrops} injected drops");
failures.AddRange(mismatches.Select(m => "journal mismatch " + m));

Console.WriteLine($"LOAD connections={connections} seconds={loadSeconds:F1} requests={loadRequests} rps={loadRequests / loadSeconds:F0}");
Console.WriteLine($"LOAD refreshes={stats.Refreshes} reuse_checks={stats.ReuseChecks} malformed={stats.Malformed} forced={stats.Forced} signons={stats.SignOns}");
Console.WriteLine($"LOAD injected_5xx={consumed5xx} seen_5xx={stats.Injected5xx} injected_drops={consumedDrops} socket_errors={stats.SocketErrors} injected_latency={chaos.Latencies} unexpected_5xx={stats.Unexpected5xx}");
Console.WriteLine($"LOAD families_checked={families.Count} families_consistent={stats.ConsistentFamilies} families_abandoned={stats.Abandoned}");
Console.WriteLine($"LOAD journal_served={served} client_sent={stats.Sent} journal_mismatches={mismatches.Count}");
Console.WriteLine($"LOAD statuses={string.Join(",", client.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}:{kv.Value}"))}");
Console.WriteLine($"LOAD failures={failures.Count}");
foreach (var failure in failures) Console.WriteLine("LOAD failure: " + failure);
return failures.Count == 0 && stats.ConsistentFamilies == families.Count ? 0 : 1;

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static async Task<Dictionary<string, long>> RemainingFaultsAsync(HttpClient control)
{
    var state = JsonNode.Parse(await control.GetStringAsync("__harness/state"))!;
    return state["faults"]!.AsArray().GroupBy(f => f!["kind"]!.GetValue<string>())
        .ToDictionary(g => g.Key, g => g.Sum(f => (long)(f!["remaining"]?.GetValue<int>() ?? 1)));
}

/// <summary>A session as the client sees it: its newest pair, and whether the client still knows its state for sure.</summary>
sealed class Family(Api api, string access, string refresh)
{
    public Api Api { get; } = api;
    public string Access { get; set; } = access;
    public string Refresh { get; set; } = refresh;
}

sealed record Reply(int Status, string Body, bool Injected, bool Dropped)
{
    public bool Faulted => Injected || Dropped;
}

sealed class Stats
{
    private readonly long[] _byStatus = new long[600];
    private long _sent, _refreshes, _reuse, _malformed, _forced, _signOns, _injected, _unexpected, _socket, _abandoned, _consistent;

    public ConcurrentQueue<string> Failures { get; } = new();
    public long Sent => Interlocked.Read(ref _sent);
    public long Refreshes => Interlocked.Read(ref _refreshes);
    public long ReuseChecks => Interlocked.Read(ref _reuse);
    public long Malformed => Interlocked.Read(ref _malformed);
    public long Forced => Interlocked.Read(ref _forced);
    public long SignOns => Interlocked.Read(ref _signOns);
    public long Injected5xx => Interlocked.Read(ref _injected);
    public long Unexpected5xx => Interlocked.Read(ref _unexpected);
    public long SocketErrors => Interlocked.Read(ref _socket);
    public long Abandoned => Interlocked.Read(ref _abandoned);
    public long ConsistentFamilies => Interlocked.Read(ref _consistent);

    public void Answered(int status, bool injected)
    {
        Interlocked.Increment(ref _sent);
        Interlocked.Increment(ref _byStatus[Math.Clamp(status, 0, 599)]);
        if (injected) Interlocked.Increment(ref _injected);
        else if (status >= 500) Interlocked.Increment(ref _unexpected);
        if (status == 0) Interlocked.Increment(ref _socket);
    }

    public void Refreshed() => Interlocked.Increment(ref _refreshes);
    public void Reused() => Interlocked.Increment(ref _reuse);
    public void SentMalformed() => Interlocked.Increment(ref _malformed);
    public void SentForced() => Interlocked.Increment(ref _forced);
    public void SignedOn() => Interlocked.Increment(ref _signOns);
    public void AbandonedFamily() => Interlocked.Increment(ref _abandoned);
    public void Consistent() => Interlocked.Increment(ref _consistent);

    public void Fail(string what)
    {
        if (Failures.Count < 1000) Failures.Enqueue(what);
    }

    public Dictionary<int, long> ByStatus()
    {
        var counts = new Dictionary<int, long>();
        for (var s = 0; s < _byStatus.Length; s++)
            if (Interlocked.Read(ref _byStatus[s]) is > 0 and var n) counts[s] = n;
        return counts;
    }
}

/// <summary>One connection of the run: its own HttpClient limited to one connection, and a family per API.</summary>
sealed class Worker
{
    private readonly int _id;
    private readonly Api[] _apis;
    private readonly Stats _stats;
    private readonly Random _random;
    private readonly HttpClient _http;
    private readonly Dictionary<Api, Family> _current = [];
    private readonly List<Family> _retired = [];

    public Worker(int id, Uri url, Api[] apis, Stats stats, Random random)
    {
        _id = id;
        _apis = apis;
        _stats = stats;
        _random = random;
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The families whose state the client knows for sure: the current ones first.</summary>
    public IEnumerable<Family> TrustedFamilies() => _current.Values.Concat(_retired.TakeLast(4));

    public async Task RunAsync(DateTime deadline)
    {
        while (DateTime.UtcNow < deadline)
        {
            var api = _apis[_random.Next(_apis.Length)];
            if (!_current.TryGetValue(api, out var family))
            {
                if (await SignOnAsync(api) is { } started) _current[api] = started;
                continue;
            }
            var roll = _random.Next(100);
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
        var reply = await SendAsync(api.Issue());
        if (reply.Faulted) return null;
        _stats.SignedOn();
        if (reply.Status != api.IssueStatus || api.Read(reply.Body) is not var (access, refresh))
        {
            _stats.Fail($"{api.Name} issue answered {reply.Status}: {Cut(reply.Body)}");
            return null;
        }
        return new Family(api, access, refresh);
    }

    private async Task RefreshAsync(Family family)
    {
        var reply = await SendAsync(family.Api.Refresh(family.Access, family.Refresh));
        // An injected 5xx answers before the operation runs: the family is as it was. A dropped connection
        // may have rotated it first: the client no longer knows its newest token.
        if (reply.Injected) return;
        if (reply.Dropped)
        {
            _current.Remove(family.Api);
            _stats.AbandonedFamily();
            return;
        }
        if (reply.Status == 200 && family.Api.Read(reply.Body) is var (access, refresh))
        {
            _stats.Refreshed();
            family.Access = access;
            family.Refresh = refresh;
            return;
        }
        _stats.Fail($"{family.Api.Name} refresh of a live family answered {reply.Status}: {Cut(reply.Body)}");
        _current.Remove(family.Api);
    }

    /// <summary>A throw-away family: refresh once, present the rotated-away token (refused as reused), then the newest (refused as revoked).</summary>
    private async Task ReuseAsync(Api api)
    {
        if (await SignOnAsync(api) is not { } family) return;
        var first = family.Refresh;
        var rotated = await SendAsync(api.Refresh(family.Access, first));
        if (rotated.Faulted) return;
        if (rotated.Status != 200 || api.Read(rotated.Body) is not var (access, refresh))
        {
            _stats.Fail($"{api.Name} first refresh answered {rotated.Status}: {Cut(rotated.Body)}");
            return;
        }
        _stats.Refreshed();
        var reuse = await SendAsync(api.Refresh(family.Access, first));
        if (reuse.Faulted) return;
        _stats.Reused();
        if (reuse.Status != api.RejectStatus)
            _stats.Fail($"{api.Name} reuse answered {reuse.Status}, expected {api.RejectStatus}: {Cut(reuse.Body)}");
        var revoked = await SendAsync(api.Refresh(access, refresh));
        if (revoked.Faulted) return;
        if (revoked.Status != api.RejectStatus)
            _stats.Fail($"{api.Name} refresh after reuse answered {revoked.Status}, expected {api.RejectStatus} (family revoked): {Cut(revoked.Body)}");
    }

    private async Task MalformedAsync(Family family)
    {
        var malformed = family.Api.Malformed(family.Access, family.Refresh);
        var (name, request) = malformed[_random.Next(malformed.Count)];
        var reply = await SendAsync(request);
        _stats.SentMalformed();
        if (!reply.Faulted && reply.Status is < 400 or > 499)
            _stats.Fail($"{family.Api.Name} malformed request '{name}' answered {reply.Status}: {Cut(reply.Body)}");
    }

    private async Task ForcedAsync(Family family)
    {
        var status = family.Api.Forceable[_random.Next(family.Api.Forceable.Length)];
        var request = family.Api.Refresh(family.Access, family.Refresh);
        request.Headers.TryAddWithoutValidation("X-Harness-Force-Status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var reply = await SendAsync(request);
        _stats.SentForced();
        if (!reply.Faulted && reply.Status != status)
            _stats.Fail($"{family.Api.Name} forced {status} answered {reply.Status}: {Cut(reply.Body)}");
    }

    /// <summary>After the run: the newest token refreshes once; the token it replaced is then refused (reuse), and so is the new one (revoked).</summary>
    public async Task CheckFamilyAsync(Family family)
    {
        var api = family.Api;
        var first = await SendAsync(api.Refresh(family.Access, family.Refresh));
        if (first.Status != 200 || api.Read(first.Body) is not var (access, refresh))
        {
            _stats.Fail($"consistency: {api.Name} newest token answered {first.Status}: {Cut(first.Body)}");
            return;
        }
        _stats.Refreshed();
        var reuse = await SendAsync(api.Refresh(family.Access, family.Refresh));
        var after = await SendAsync(api.Refresh(access, refresh));
        if (reuse.Status == api.RejectStatus && after.Status == api.RejectStatus) _stats.Consistent();
        else _stats.Fail($"consistency: {api.Name} replaced token answered {reuse.Status}, its successor then {after.Status} (both should be {api.RejectStatus})");
    }

    private async Task<Reply> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            try
            {
                using var response = await _http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                var injected = status == 503 && body.Contains("injected fault", StringComparison.Ordinal);
                _stats.Answered(status, injected);
                if (status >= 500 && !injected) _stats.Fail($"worker {_id}: unexpected {status} for {request.Method} {request.RequestUri}: {Cut(body)}");
                return new Reply(status, body, injected, false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                _stats.Answered(0, false);
                return new Reply(0, e.GetType().Name + ": " + e.Message, false, true);
            }
        }
    }

    private static string Cut(string text) => text.Length <= 200 ? text : text[..200] + "…";
}

/// <summary>Sets one fault at a time on a refresh operation and waits until a request consumed it.</summary>
sealed class Chaos(HttpClient control, Api[] apis, Random random)
{
    public int ServerErrors { get; private set; }
    public int Drops { get; private set; }
    public int Latencies { get; private set; }

    public async Task RunAsync(DateTime deadline)
    {
        await Task.Delay(200);
        while (DateTime.UtcNow < deadline.AddMilliseconds(-500))
        {
            var api = apis[random.Next(apis.Length)];
            var roll = random.Next(100);
            var fault = roll < 45 ? new JsonObject { ["kind"] = "server-error", ["status"] = 503, ["retryAfterSeconds"] = 0, ["count"] = 1 }
                : roll < 90 ? new JsonObject { ["kind"] = "drop-connection", ["count"] = 1 }
                : new JsonObject { ["kind"] = "latency", ["latencyMs"] = 5, ["jitterMs"] = 5, ["count"] = 3 };
            var set = await control.PostAsync($"__harness/operations/{api.FaultPath}/fault", new StringContent(fault.ToJsonString(), Encoding.UTF8, "application/json"));
            if (!set.IsSuccessStatusCode) throw new InvalidOperationException($"setting a fault failed: {(int)set.StatusCode} {await set.Content.ReadAsStringAsync()}");
            switch (fault["kind"]!.GetValue<string>())
            {
                case "server-error": ServerErrors++; break;
                case "drop-connection": Drops++; break;
                default: Latencies++; break;
            }
            var waitUntil = DateTime.UtcNow.AddSeconds(2);
            while (DateTime.UtcNow < waitUntil && DateTime.UtcNow < deadline)
            {
                var state = JsonNode.Parse(await control.GetStringAsync("__harness/state"))!;
                if (state["faults"]!.AsArray().Count == 0) break;
                await Task.Delay(10);
            }
            await Task.Delay(random.Next(20, 120));
        }
    }
}

/// <summary>A rotating refresh API as the run drives it.</summary>
abstract class Api(string name, string faultPath)
{
    public string Name { get; } = name;
    public string FaultPath { get; } = faultPath;
    public abstract int IssueStatus { get; }
    /// <summary>The status a reused or revoked refresh token gets.</summary>
    public abstract int RejectStatus { get; }
    public abstract int[] Forceable { get; }
    public abstract HttpRequestMessage Issue();
    public abstract HttpRequestMessage Refresh(string access, string refresh);
    public abstract (string Access, string Refresh)? Read(string body);
    public abstract List<(string Name, HttpRequestMessage Request)> Malformed(string access, string refresh);

    protected static HttpRequestMessage Json(HttpMethod method, string path, string body, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return request;
    }

    protected static HttpRequestMessage Bytes(HttpMethod method, string path, byte[] body, string contentType)
    {
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return request;
    }

    protected static (string, string)? Pair(string body, string accessPath, string refreshPath)
    {
        try
        {
            var json = JsonNode.Parse(body);
            return Get(json, accessPath) is { } access && Get(json, refreshPath) is { } refresh ? (access, refresh) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Get(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.')) node = part == "0" ? (node as JsonArray)?.FirstOrDefault() : (node as JsonObject)?[part];
        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }
}

sealed class AgsApi(Dictionary<string, string> target) : Api("ags", "ags-refresh/refresh")
{
    public override int IssueStatus => 201;
    public override int RejectStatus => 401;
    public override int[] Forceable => [400, 401, 403];

    public override HttpRequestMessage Issue()
    {
        var request = Json(HttpMethod.Post, "ags/signOnWithSessionToken",
            $"{{\"parameters\":[{{\"name\":\"sessionToken\",\"value\":\"{target["session-token"]}\"}}],\"clientId\":\"{target["client-id"]}\"}}");
        request.Headers.Add("x-auth-service-id", target["auth-service"]);
        request.Headers.Add("nv-tenant-id", target["tenant"]);
        return request;
    }

    public override HttpRequestMessage Refresh(string access, string refresh) => WithHeaders(Json(HttpMethod.Post, "ags/refresh", "{\"parameters\":[]}"), refresh);

    public override (string Access, string Refresh)? Read(string body) => Pair(body, "access_token", "refresh_token");

    public override List<(string, HttpRequestMessage)> Malformed(string access, string refresh) =>
    [
        ("truncated json", WithHeaders(Json(HttpMethod.Post, "ags/refresh", "{\"parameters\":["), refresh)),
        ("parameters not an array", WithHeaders(Json(HttpMethod.Post, "ags/refresh", "{\"parameters\":\"x\"}"), refresh)),
        ("json array body", WithHeaders(Json(HttpMethod.Post, "ags/refresh", "[1,2,3]"), refresh)),
        ("text/plain body", WithHeaders(Json(HttpMethod.Post, "ags/refresh", "parameters=", "text/plain"), refresh)),
        ("invalid utf-8", WithHeaders(Bytes(HttpMethod.Post, "ags/refresh", [0x7b, 0xc3, 0x28, 0x7d], "application/json"), refresh)),
        ("no refresh token", WithHeaders(Json(HttpMethod.Post, "ags/refresh", "{\"parameters\":[]}"), null)),
        ("garbage token", WithHeaders(Json(HttpMethod.Post, "ags/refresh", "{\"parameters\":[]}"), "not.a.token")),
        ("oversized body", WithHeaders(Json(HttpMethod.Post, "ags/refresh", "{\"parameters\":[],\"pad\":\"" + new string('x', 70_000) + "\"}"), refresh)),
    ];

    private HttpRequestMessage WithHeaders(HttpRequestMessage request, string? refresh)
    {
        if (refresh is not null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + refresh);
        request.Headers.Add("x-auth-service-id", target["auth-service"]);
        return request;
    }
}

sealed class SoftwareAgApi(Dictionary<string, string> target) : Api("softwareag", "softwareag-refresh/refresh")
{
    public override int IssueStatus => 200;
    public override int RejectStatus => 400;
    public override int[] Forceable => [400, 401, 405];

    public override HttpRequestMessage Issue() => Basic(Json(HttpMethod.Post, "invoke/pub.oauth/getAccessToken",
        $"grant_type=password&username={Uri.EscapeDataString(target["username"])}&password={Uri.EscapeDataString(target["password"])}", Form));

    public override HttpRequestMessage Refresh(string access, string refresh) =>
        Basic(Json(HttpMethod.Post, "invoke/pub.oauth/refreshAccessToken", "grant_type=refresh_token&refresh_token=" + refresh, Form));

    public override (string Access, string Refresh)? Read(string body) => Pair(body, "access_token", "refresh_token");

    public override List<(string, HttpRequestMessage)> Malformed(string access, string refresh) =>
    [
        ("repeated parameter", Basic(Json(HttpMethod.Post, "invoke/pub.oauth/refreshAccessToken", "grant_type=refresh_token&grant_type=refresh_token&refresh_token=" + refresh, Form))),
        ("json instead of a form", Basic(Json(HttpMethod.Post, "invoke/pub.oauth/refreshAccessToken", "{\"grant_type\":\"refresh_token\"}"))),
        ("no grant type", Basic(Json(HttpMethod.Post, "invoke/pub.oauth/refreshAccessToken", "refresh_token=" + refresh, Form))),
        ("unknown grant type", Basic(Json(HttpMethod.Post, "invoke/pub.oauth/refreshAccessToken", "grant_type=magic&refresh_token=" + refresh, Form))),
        ("no client authentication", Json(HttpMethod.Post, "invoke/pub.oauth/refreshAccessToken", "grant_type=refresh_token&refresh_token=" + refresh, Form)),
        ("wrong client secret", Basic(Json(HttpMethod.Post, "invoke/pub.oauth/refreshAccessToken", "grant_type=refresh_token&refresh_token=" + refresh, Form), "wrong-secret")),
        ("garbage token", Basic(Json(HttpMethod.Post, "invoke/pub.oauth/refreshAccessToken", "grant_type=refresh_token&refresh_token=%ZZ%00", Form))),
        ("invalid utf-8", Basic(Bytes(HttpMethod.Post, "invoke/pub.oauth/refreshAccessToken", [0x67, 0x3d, 0xff, 0xfe], Form))),
    ];

    private const string Form = "application/x-www-form-urlencoded";

    private HttpRequestMessage Basic(HttpRequestMessage request, string? secret = null)
    {
        var credentials = Uri.EscapeDataString(target["client-id"]) + ":" + Uri.EscapeDataString(secret ?? target["client-secret"]);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return request;
    }
}

sealed class SecMgmtApi(Dictionary<string, string> target) : Api("secmgmt", "secmgmt-refresh/refresh")
{
    public override int IssueStatus => 200;
    public override int RejectStatus => 401;
    public override int[] Forceable => [400, 401];

    public override HttpRequestMessage Issue() => Json(HttpMethod.Post, "api/v2/auth/token",
        new JsonObject { ["username"] = target["username"], ["password"] = target["password"] }.ToJsonString());

    public override HttpRequestMessage Refresh(string access, string refresh) =>
        Json(HttpMethod.Put, "api/v2/auth/token", $"{{\"token\":\"{access}\",\"refreshToken\":\"{refresh}\"}}");

    public override (string Access, string Refresh)? Read(string body) => Pair(body, "content.0.token", "content.0.refreshToken");

    public override List<(string, HttpRequestMessage)> Malformed(string access, string refresh) =>
    [
        ("token is a number", Json(HttpMethod.Put, "api/v2/auth/token", $"{{\"token\":5,\"refreshToken\":\"{refresh}\"}}")),
        ("not json", Json(HttpMethod.Put, "api/v2/auth/token", "token=" + access)),
        ("missing refreshToken", Json(HttpMethod.Put, "api/v2/auth/token", $"{{\"token\":\"{access}\"}}")),
        ("garbage access token", Json(HttpMethod.Put, "api/v2/auth/token", $"{{\"token\":\"x.y.z\",\"refreshToken\":\"{refresh}\"}}")),
        ("deeply nested", Json(HttpMethod.Put, "api/v2/auth/token", new string('[', 200) + new string(']', 200))),
        ("invalid utf-8", Bytes(HttpMethod.Put, "api/v2/auth/token", [0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d], "application/json")),
    ];
}
