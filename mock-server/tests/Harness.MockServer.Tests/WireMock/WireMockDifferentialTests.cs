using Harness.MockServer.WireMock;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Tests.WireMock;

/// <summary>
/// The WireMock promise, checked three ways: the exported mappings, loaded into the real WireMock 3.13 jar
/// (<c>--root-dir</c>) and into a plain WireMock.Net server, answer every exported outcome as the mock does. One
/// fixture per server (<see cref="StubServerKind"/>); each case sends the stub's example requests (for success, a
/// well-formed request with a token the mock issued) to the mock and to that server and compares status, error
/// body, outcome headers and, on success, the shape of the body.
/// </summary>
[TestFixtureSource(nameof(Servers))]
[NonParallelizable]
public sealed class WireMockDifferentialTests(StubServerKind kind)
{
    private static readonly ContractSet Contracts = ScenarioLoader.Load(new MockServerOptions().ResolveScenarioFolder());
    private static readonly IReadOnlyList<ExportedStub> Stubs = WireMockExporter.Stubs(Contracts);

    private string? _root;
    private IStubServer? _wireMock;
    private HarnessMock? _mock;
    private HttpClient? _http;

    public static IEnumerable<StubServerKind> Servers() => Enum.GetValues<StubServerKind>();

    public static IEnumerable<TestCaseData> Cases() =>
        Stubs.Select(s => new TestCaseData(s.FileStem).SetName($"{{m}}({s.FileStem})"));

    [OneTimeSetUp]
    public async Task StartBothAsync()
    {
        _root = Path.Combine(Path.GetTempPath(), "harness-wiremock-" + Guid.NewGuid().ToString("N")[..8]);
        var export = WireMockExporter.Export(Contracts, _root);
        _wireMock = kind switch
        {
            StubServerKind.WireMockJar => await StartJarAsync(_root),
            _ => WireMockNetServer.Start(_root),
        };
        Assert.That(await _wireMock.LoadedMappingsAsync(), Is.EqualTo(export.Stubs.Count), $"{_wireMock.Label} loaded every exported mapping from {_root}");

        _mock = await HarnessMock.StartAsync(new MockServerOptions { Port = 0 });
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(10) };
    }

    private static async Task<WireMockJar> StartJarAsync(string root)
    {
        var jar = WireMockJar.FindJar();
        if (jar is null) RequiredTool.WireMockJar.Missing($"no {Path.Combine(WireMockJar.BuildDirectory, "wiremock-standalone-*.jar")}");
        var java = WireMockJar.FindJava();
        if (java is null) RequiredTool.Java.Missing($"not on PATH (nor $JAVA_HOME/bin, nor $HARNESS_JAVA), so the WireMock jar at {jar} cannot run");
        var server = await WireMockJar.StartAsync(java, jar, root, TimeSpan.FromSeconds(30));
        TestContext.Progress.WriteLine($"WireMock {Path.GetFileName(jar)} healthy after {server.Startup.TotalMilliseconds:F0} ms, serving {root}");
        return server;
    }

    [OneTimeTearDown]
    public async Task StopBothAsync()
    {
        _http?.Dispose();
        if (_mock is not null) await _mock.DisposeAsync();
        if (_wireMock is not null) await _wireMock.DisposeAsync();
        if (_root is not null && Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Wiremock_answers_as_the_mock_does(string fileStem)
    {
        // By its name: the stub's type is internal to the mock, and a test method is public.
        var stub = Stubs.Single(s => s.FileStem == fileStem);
        if (stub.Trigger == StubTrigger.Success)
        {
            await CompareAsync(stub, await WellFormedRequestAsync(stub.Operation));
            return;
        }
        foreach (var example in stub.Examples) await CompareAsync(stub, example);
    }

    private async Task CompareAsync(ExportedStub stub, ExampleRequest request)
    {
        using var mock = await SendAsync(_mock!.BaseAddress, request);
        var (wireMock, answeredBy) = await _wireMock!.SendAsync(_http!, request);
        using var _ = wireMock;
        var mockBody = await mock.Content.ReadAsStringAsync();
        var wireMockBody = await wireMock.Content.ReadAsStringAsync();
        var context = $"{stub.Mapping.Name}\nrequest: {request.ToJson().ToJsonString()}\nmock {(int)mock.StatusCode}: {mockBody}\n{_wireMock.Label} {(int)wireMock.StatusCode}: {wireMockBody}";

        Assert.Multiple(() =>
        {
            Assert.That(answeredBy, Is.EqualTo(stub.Mapping.Id), $"{_wireMock.Label} answered with the stub exported for this outcome\n{context}");
            Assert.That((int)mock.StatusCode, Is.EqualTo(stub.Outcome.Status), $"the mock answers the contract's status\n{context}");
            Assert.That((int)wireMock.StatusCode, Is.EqualTo((int)mock.StatusCode), $"same status\n{context}");
            Assert.That(MediaType(wireMock), Is.EqualTo(MediaType(mock)), $"same media type\n{context}");
        });

        if (stub.Trigger == StubTrigger.Success)
        {
            SameSuccess(stub.Operation, mock, JsonNode.Parse(mockBody), wireMock, JsonNode.Parse(wireMockBody), context);
            return;
        }
        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(wireMockBody), JsonNode.Parse(mockBody)), Is.True, $"same error body\n{context}");
            foreach (var header in stub.Outcome.Headers)
            {
                Assert.That(HeaderOf(mock, header.Name), Does.Contain(header.Contains), $"the mock sends {header.Name}\n{context}");
                Assert.That(HeaderOf(wireMock, header.Name), Is.EqualTo(HeaderOf(mock, header.Name)), $"same {header.Name}\n{context}");
            }
        });
    }

    /// <summary>Success bodies carry live tokens on the mock and static ones on WireMock: compare the contract's headers and the body's shape.</summary>
    private static void SameSuccess(Operation operation, HttpResponseMessage mock, JsonNode? mockBody, HttpResponseMessage wireMock, JsonNode? wireMockBody, string context)
    {
        Assert.Multiple(() =>
        {
            foreach (var header in operation.Response.Headers)
            {
                Assert.That(HeaderOf(mock, header.Name), Does.Contain(header.Contains), $"the mock sends {header.Name}\n{context}");
                Assert.That(HeaderOf(wireMock, header.Name), Is.EqualTo(HeaderOf(mock, header.Name)), $"same {header.Name}\n{context}");
            }
            foreach (var field in operation.Response.Fields)
            {
                var fromMock = BodyPath.Get(mockBody, field.Path, out var inMock);
                var fromWireMock = BodyPath.Get(wireMockBody, field.Path, out var inWireMock);
                Assert.That(inWireMock, Is.EqualTo(inMock), $"{field.Path} present in both or neither\n{context}");
                Assert.That(fromWireMock?.GetValueKind(), Is.EqualTo(fromMock?.GetValueKind()), $"{field.Path} has the same JSON type\n{context}");
                if (field.EqualTo is not null)
                    Assert.That(JsonNode.DeepEquals(fromWireMock, fromMock), Is.True, $"{field.Path} has the contract's value in both\n{context}");
            }
        });
    }

    private Task<ExampleRequest> WellFormedRequestAsync(Operation operation) =>
        ExampleExchange.WellFormedRequestAsync(_http!, _mock!.BaseAddress, Contracts, _mock.TargetValues, operation);

    private Task<HttpResponseMessage> SendAsync(Uri baseAddress, ExampleRequest request) => ExampleExchange.SendAsync(_http!, baseAddress, request);

    private static string? HeaderOf(HttpResponseMessage response, string name) => ExampleExchange.HeaderOf(response, name);

    private static string? MediaType(HttpResponseMessage response) => ExampleExchange.MediaType(response);
}
