using System.Globalization;
using Harness.MockServer.Defects;

namespace Harness.MockServer.Tests.Support;

/// <summary>
/// An in-process mock on a free loopback port with an HttpClient aimed at it, plus the control-API calls tests
/// make over and over. Every call is real HTTP. Disposing stops the mock.
/// </summary>
public sealed class TestMock : IAsyncDisposable
{
    private TestMock(IRunningMock mock)
    {
        Mock = mock;
        Http = NewClient(mock.BaseAddress);
    }

    public IRunningMock Mock { get; }
    public HttpClient Http { get; }
    public Uri BaseAddress => Mock.BaseAddress;
    /// <summary>The target values by their catalog names: <c>client-id</c>, <c>session-token</c>, <c>tenant</c> ...</summary>
    public IReadOnlyDictionary<string, string> Target => Mock.TargetValues;

    /// <summary>
    /// Starts a mock from the contracts loaded once for the run (the YAML is not re-read for every test);
    /// <see cref="MockFixture.StartAsync"/> is the path that re-reads and re-checks them.
    /// </summary>
    public static Task<TestMock> StartAsync(int seed = 1, TimeProvider? time = null, IReadOnlyList<string>? corsOrigins = null, params Defect[] defects) =>
        StartAsync(MockHost.Kestrel, seed, time, corsOrigins, defects);

    /// <summary>As <see cref="StartAsync(int, TimeProvider?, IReadOnlyList{string}?, Defect[])"/>, on the given host.</summary>
    public static async Task<TestMock> StartAsync(MockHost host, int seed = 1, TimeProvider? time = null, IReadOnlyList<string>? corsOrigins = null, params Defect[] defects) =>
        new(await MockHosts.StartAsync(host, Contracts.Set, new MockServerOptions
        {
            Port = 0,
            Seed = seed,
            TimeSource = time,
            CorsOrigins = corsOrigins ?? [],
            Defects = defects.ToHashSet(),
        }));

    public static Task<TestMock> StartAsync(params Defect[] defects) => StartAsync(1, null, null, defects);

    public static async Task<TestMock> WrapAsync(Task<HarnessMock> starting) => new(await starting);

    public static async Task<TestMock> WrapAsync(Task<IRunningMock> starting) => new(await starting);

    public static HttpClient NewClient(Uri baseAddress) => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(20),
    };

    public async Task<Reply> SendAsync(HttpRequestMessage request)
    {
        using (request)
        using (var response = await Http.SendAsync(request))
            return new Reply(response, await response.Content.ReadAsStringAsync());
    }

    public Task<Reply> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<Reply> DeleteAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Delete, path));

    public Task<Reply> PostJsonAsync(string path, string json) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public Task<Reply> PostJsonAsync(string path, JsonNode json) => PostJsonAsync(path, json.ToJsonString());

    // ---- control API ----

    public async Task ResetAsync()
    {
        var reply = await PostJsonAsync("__harness/reset", "{}");
        reply.Status.Should().Be(200, "reset must work: {0}", reply);
    }

    public async Task<Reply> AdvanceAsync(long seconds)
    {
        var reply = await PostJsonAsync("__harness/clock/advance", new JsonObject { ["seconds"] = seconds });
        reply.Status.Should().Be(200, "advancing the clock by {0} s must work: {1}", seconds, reply);
        return reply;
    }

    public async Task<JsonArray> SessionsAsync()
    {
        var reply = await GetAsync("__harness/sessions");
        reply.Status.Should().Be(200, "{0}", reply);
        return reply.Json!.AsArray();
    }

    public async Task<Reply> JournalAsync(int limit = 500) => await GetAsync("__harness/journal?limit=" + limit.ToString(CultureInfo.InvariantCulture));

    public Task<Reply> ForceAsync(string api, string operation, int status, string? condition = null, string? field = null, int count = 1)
    {
        var body = new JsonObject { ["status"] = status, ["count"] = count };
        if (condition is not null) body["condition"] = condition;
        if (field is not null) body["field"] = field;
        return PostJsonAsync($"__harness/operations/{api}/{operation}/force", body);
    }

    public Task<Reply> FaultAsync(string api, string operation, JsonObject fault) => PostJsonAsync($"__harness/operations/{api}/{operation}/fault", fault);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Mock.DisposeAsync();
    }
}
