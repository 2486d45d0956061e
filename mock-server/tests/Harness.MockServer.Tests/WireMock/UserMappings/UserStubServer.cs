using Harness.MockServer.Journal;
using Harness.MockServer.WireMock;
using Harness.MockServer.WireMock.UserMappings;
using Harness.Scenarios.Redaction;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Harness.MockServer.Tests.WireMock.UserMappings;

/// <summary>
/// A plain <see cref="WireMockServer"/> on 127.0.0.1 with WireMock.Net's admin API, a stand-in for the harness (one
/// contract operation, <c>POST /ags/refresh</c>, at the contract's priority, and the fallback JSON 404 at the last), and
/// users' stubs attached as the WireMock.Net host attaches them.
/// </summary>
internal sealed class UserStubServer : IDisposable
{
    public const string ContractPath = "/ags/refresh";
    public const string HarnessAnswer = "{\"answeredBy\":\"harness\"}";
    public static readonly Guid FallbackGuid = Guid.Parse("0f0f0f0f-0000-4000-8000-00000000fa11");

    private readonly StringWriter _console;
    private readonly TextWriter _writer;

    private UserStubServer(WireMockServer server, RequestJournal journal, UserStubs stubs, StringWriter console, TextWriter writer)
    {
        _console = console;
        _writer = writer;
        Server = server;
        Journal = journal;
        Stubs = stubs;
        Http = new HttpClient { BaseAddress = new Uri(server.Url!) };
    }

    public WireMockServer Server { get; }
    public RequestJournal Journal { get; }
    public UserStubs Stubs { get; }
    public HttpClient Http { get; }
    public string Console
    {
        get
        {
            lock (_writer) return _console.ToString(); // the synchronized writer locks itself
        }
    }

    public static bool IsHarness(IMapping mapping) => mapping.Title?.StartsWith("refresh-harness:", StringComparison.Ordinal) == true;

    public static UserStubServer Start(string? mappings = null, string? proxy = null, bool withFallback = true)
    {
        var server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"], StartAdminInterface = true });
        server.Given(Request.Create().WithPath(ContractPath).UsingPost())
            .WithTitle("refresh-harness:contract ags.refresh")
            .AtPriority(HarnessPriorities.ContractOperation)
            .RespondWith(Response.Create().WithCallback(_ => new ResponseMessage
            {
                StatusCode = 200,
                BodyData = new global::WireMock.Util.BodyData { BodyAsString = HarnessAnswer, DetectedBodyType = global::WireMock.Types.BodyType.String },
            }));
        if (withFallback)
        {
            server.Given(Request.Create().WithPath(new global::WireMock.Matchers.RegexMatcher(".*")).UsingAnyMethod())
                .WithGuid(FallbackGuid)
                .WithTitle("refresh-harness:fallback")
                .AtPriority(HarnessPriorities.Fallback)
                .RespondWith(Response.Create().WithStatusCode(404).WithBody("{\"error\":\"unknown-path\"}"));
        }
        var journal = new RequestJournal(new Redactor());
        var console = new StringWriter();
        var writer = TextWriter.Synchronized(console); // the watcher writes from its own thread
        var stubs = UserStubs.Attach(server, new MockServerOptions { MappingsFolder = mappings, ProxyUrl = proxy }, journal,
            new ManualTime(), FallbackGuid, IsHarness, writer);
        return new UserStubServer(server, journal, stubs, console, writer);
    }

    public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, Action<HttpRequestMessage>? with = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        with?.Invoke(request);
        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Asks until the answer is the expected one: a changed file is read once it settles, on the watcher's thread.</summary>
    public async Task<(int Status, string Body)> EventuallyAsync(HttpMethod method, string path, Func<(int Status, string Body), bool> expected)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (true)
        {
            var answer = await SendAsync(method, path);
            if (expected(answer) || DateTimeOffset.UtcNow > deadline) return answer;
            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        Stubs.Dispose();
        Http.Dispose();
        Server.Stop();
        Server.Dispose();
    }
}
