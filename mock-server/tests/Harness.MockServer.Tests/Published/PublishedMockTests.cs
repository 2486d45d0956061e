using Harness.MockServer.WireMock;
using Harness.Reports;
using Harness.Scenarios.Loading;

namespace Harness.MockServer.Tests.Published;

/// <summary>
/// The published mock (Native AOT, see <see cref="PublishedMock"/>) against the in-process mock the other tests use.
/// Ahead-of-time compilation removes what nothing references and cannot serialize by reflection, and such a
/// break shows only in the binary ("{}" where a body should be), so every command and every exported request
/// is run on both, with the same seed, and the answers compared.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class PublishedMockTests
{
    private static readonly ContractSet Contracts = Support.Contracts.Set;
    private static readonly IReadOnlyList<ExportedStub> Stubs = WireMockExporter.Stubs(Contracts);

    /// <summary>Control endpoints whose answers depend on the seed and the contracts only, not on time or traffic.</summary>
    private static readonly string[] FixedControlAnswers = ["__harness", "__harness/apis", "__harness/target", "__harness/defects", "__harness/keys",
        "__harness/openapi", "__harness/openapi/ags-refresh.json", "__harness/openapi/keycloak-refresh.json", "__harness/openapi/control.json"];

    private static readonly string[] LiveControlAnswers =
        ["__harness/health", "__harness/clock", "__harness/sessions", "__harness/journal?limit=3", "__harness/state", "__harness/nowhere"];

    private PublishedServer? _published;
    private HarnessMock? _inProcess;
    private HttpClient? _http;
    private string? _scratch;

    [OneTimeSetUp]
    public async Task StartBothAsync()
    {
        _scratch = Directory.CreateTempSubdirectory("published-mock-").FullName;
        _published = await PublishedMock.StartAsync("--seed", "7", "--scenarios", Path.Combine(PublishedMock.RepositoryRoot, "scenarios"));
        _inProcess = await HarnessMock.StartAsync(Contracts, new MockServerOptions { Port = 0, Seed = 7 });
        _http = TestMock.NewClient(_inProcess.BaseAddress);
    }

    [OneTimeTearDown]
    public async Task StopBothAsync()
    {
        _http?.Dispose();
        if (_inProcess is not null) await _inProcess.DisposeAsync();
        if (_published is not null) await _published.DisposeAsync();
        if (_scratch is not null) Directory.Delete(_scratch, recursive: true);
    }

    public static IEnumerable<TestCaseData> ExportedRequests() =>
        Stubs.Select(s => new TestCaseData(s.FileStem).SetName($"{{m}}({s.FileStem})"));

    [TestCaseSource(nameof(ExportedRequests))]
    public async Task Answers_every_exported_request_as_the_in_process_mock(string fileStem)
    {
        // By its name: the stub's type is internal to the mock, and a test method is public.
        var stub = Stubs.Single(s => s.FileStem == fileStem);
        if (stub.Trigger == StubTrigger.Success)
        {
            // Each server gets a request with tokens it issued itself.
            using var fromBinary = await ExampleExchange.SendAsync(_http!, _published!.BaseAddress,
                await ExampleExchange.WellFormedRequestAsync(_http!, _published.BaseAddress, Contracts, _inProcess!.TargetValues, stub.Operation));
            using var fromProcess = await ExampleExchange.SendAsync(_http!, _inProcess.BaseAddress,
                await ExampleExchange.WellFormedRequestAsync(_http!, _inProcess.BaseAddress, Contracts, _inProcess.TargetValues, stub.Operation));
            await SameAnswerAsync(stub.Mapping.Name, fromBinary, fromProcess, sameValues: false);
            return;
        }
        foreach (var example in stub.Examples)
        {
            using var fromBinary = await ExampleExchange.SendAsync(_http!, _published!.BaseAddress, example);
            using var fromProcess = await ExampleExchange.SendAsync(_http!, _inProcess!.BaseAddress, example);
            await SameAnswerAsync($"{stub.Mapping.Name}\nrequest: {example.ToJson().ToJsonString()}", fromBinary, fromProcess, sameValues: true);
        }
    }

    [TestCaseSource(nameof(FixedControlAnswers))]
    public async Task Control_api_answers_the_same_body(string path) =>
        await SameAnswerAsync(path, await GetAsync(_published!.BaseAddress, path), await GetAsync(_inProcess!.BaseAddress, path), sameValues: true);

    [TestCaseSource(nameof(LiveControlAnswers))]
    public async Task Control_api_answers_the_same_shape(string path)
    {
        // Something to report: a session, a forced outcome and a fault on both.
        var signOn = Contracts.IssueOperation(Contracts.Api("ags-refresh")!.Realm)!;
        foreach (var server in new[] { _published!.BaseAddress, _inProcess!.BaseAddress })
        {
            using var _ = await ExampleExchange.SendAsync(_http!, server, ContractStubConverter.ExampleFor(signOn, _inProcess.TargetValues));
            using var force = await _http!.PostAsync(new Uri(server, "__harness/operations/ags-refresh/refresh/force"), Json("""{"status": 403, "count": 2}"""));
            using var fault = await _http.PostAsync(new Uri(server, $"__harness/operations/{signOn.ApiId}/{signOn.Id}/fault"), Json("""{"kind": "latency", "latencyMs": 1, "count": 5}"""));
            Assert.That((int)force.StatusCode, Is.EqualTo(200), await force.Content.ReadAsStringAsync());
            Assert.That((int)fault.StatusCode, Is.EqualTo(200), await fault.Content.ReadAsStringAsync());
        }
        await SameAnswerAsync(path, await GetAsync(_published.BaseAddress, path), await GetAsync(_inProcess.BaseAddress, path), sameValues: false);
    }

    [Test]
    public async Task Lint_reports_the_scenarios_valid()
    {
        var lint = await PublishedMock.RunCommandAsync("lint", "scenarios");

        Assert.That(lint.ExitCode, Is.EqualTo(0), lint.Output);
        Assert.That(lint.Stdout, Does.Contain($"is valid: {Contracts.Apis.Count} APIs"));
    }

    [Test]
    public async Task Lint_locates_a_problem_as_the_in_process_loader_does()
    {
        var folder = Path.Combine(_scratch!, "broken-scenarios");
        CopyFolder(Path.Combine(PublishedMock.RepositoryRoot, "scenarios"), folder);
        var contract = Path.Combine(folder, "ags-refresh", "contract.yaml");
        File.WriteAllText(contract, File.ReadAllText(contract) + "\nnot-a-key: 1\n");
        var expected = ScenarioLoader.TryLoad(folder).Diagnostics.Select(d => d.ToString()).ToList();

        var lint = await PublishedMock.RunCommandAsync("lint", folder);

        Assert.That(expected, Is.Not.Empty);
        Assert.That(lint.ExitCode, Is.EqualTo(1), lint.Output);
        foreach (var diagnostic in expected) Assert.That(lint.Output, Does.Contain(diagnostic.Replace(PublishedMock.RepositoryRoot + "/", "", StringComparison.Ordinal)));
    }

    [Test]
    public async Task Profile_check_locates_a_typo_at_its_line_and_passes_a_committed_profile()
    {
        var profile = Path.Combine(_scratch!, "typo-profile.yaml");
        File.WriteAllText(profile, "# a profile with a typo\nname: t\nbase-url: http://127.0.0.1:1\napis: [keycloak-refresh]\n\nvalues:\n  client-id: c\n\n\n\nsecrets:\n  pasword: SOME_VARIABLE\n");

        var typo = await PublishedMock.RunCommandAsync("profile", "check", profile);
        var committed = await PublishedMock.RunCommandAsync("profile", "check", "conformance-tests/profiles/keycloak-confidential.example.yaml");

        Assert.That(typo.ExitCode, Is.EqualTo(1), typo.Output);
        Assert.That(typo.Output, Does.Contain($"{profile}:12:3: 'pasword' is not a target value"));
        Assert.That(committed.ExitCode, Is.EqualTo(0), committed.Output);
        Assert.That(committed.Stdout, Does.Contain("is valid: 'keycloak-confidential'"));
    }

    [Test]
    public async Task Export_writes_the_same_files_as_the_in_process_exporter()
    {
        var fromBinary = Path.Combine(_scratch!, "export-binary");
        var fromProcess = Path.Combine(_scratch!, "export-process");

        var export = await PublishedMock.RunCommandAsync("export-wiremock", "--out", fromBinary);
        WireMockExporter.Export(Contracts, fromProcess);

        Assert.That(export.ExitCode, Is.EqualTo(0), export.Output);
        SameFiles(fromBinary, fromProcess);
    }

    [Test]
    public async Task Report_commands_read_and_write_reports_as_the_library_does()
    {
        var report = Path.Combine(_scratch!, "report.json");
        await using (var file = File.Create(report)) new JsonReportWriter().Write(SampleReport(), file);
        var fromBinary = Path.Combine(_scratch!, "render-binary");
        var fromProcess = Path.Combine(_scratch!, "render-process");

        var render = await PublishedMock.RunCommandAsync("report", "render", report, fromBinary);
        var compare = await PublishedMock.RunCommandAsync("report", "compare", report, report);
        ReportCommands.Render(report, fromProcess, TextWriter.Null);

        Assert.That(render.ExitCode, Is.EqualTo(0), render.Output);
        Assert.That(compare.ExitCode, Is.EqualTo(0), compare.Output);
        SameFiles(fromBinary, fromProcess);
    }

    private async Task<HttpResponseMessage> GetAsync(Uri server, string path)
    {
        var response = await _http!.GetAsync(new Uri(server, path));
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task SameAnswerAsync(string what, HttpResponseMessage fromBinary, HttpResponseMessage fromProcess, bool sameValues)
    {
        var binaryBody = await fromBinary.Content.ReadAsStringAsync();
        var processBody = await fromProcess.Content.ReadAsStringAsync();
        var context = $"{what}\npublished {(int)fromBinary.StatusCode}: {binaryBody}\nin-process {(int)fromProcess.StatusCode}: {processBody}";
        Assert.Multiple(() =>
        {
            Assert.That((int)fromBinary.StatusCode, Is.EqualTo((int)fromProcess.StatusCode), $"same status\n{context}");
            Assert.That(ExampleExchange.MediaType(fromBinary), Is.EqualTo(ExampleExchange.MediaType(fromProcess)), $"same media type\n{context}");
            Assert.That(Shape(Parse(binaryBody)), Is.EqualTo(Shape(Parse(processBody))), $"same JSON shape\n{context}");
            if (sameValues) Assert.That(JsonNode.DeepEquals(Parse(binaryBody), Parse(processBody)), Is.True, $"same body\n{context}");
        });
    }

    private static JsonNode? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create("not JSON: " + body);
        }
    }

    /// <summary>
    /// Member names and value kinds, recursively: what a client's code depends on. An array is the set of its items'
    /// shapes, since items of one kind can differ (a session with a fixed end and one without) and order need not match.
    /// </summary>
    private static string Shape(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.Select(p => p.Key + ":" + Shape(p.Value))) + "}",
        JsonArray a => "[" + string.Join("|", a.Select(Shape).Distinct().Order(StringComparer.Ordinal)) + "]",
        null => "null",
        _ => node.GetValueKind().ToString(),
    };

    private static void SameFiles(string actualFolder, string expectedFolder)
    {
        static List<string> Files(string folder) =>
            [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal)];

        var expected = Files(expectedFolder);
        Assert.That(expected, Is.Not.Empty);
        Assert.That(Files(actualFolder), Is.EqualTo(expected));
        Assert.Multiple(() =>
        {
            foreach (var file in expected)
                Assert.That(File.ReadAllText(Path.Combine(actualFolder, file)), Is.EqualTo(File.ReadAllText(Path.Combine(expectedFolder, file))), file);
        });
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>A run with a pass, a failure with its transcript, and a skip: every part of the report model.</summary>
    private static RunReport SampleReport()
    {
        var exchange = new Exchange
        {
            Step = "refresh",
            Request = new ExchangeRequest { Method = "POST", Url = "http://127.0.0.1:5080/ags/refresh", Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJlLW9mLWEtdG9rZW4" }, Body = """{"parameters":[]}""" },
            Response = new ExchangeResponse { Status = 401, Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" }, Body = """{"error":"invalid_token"}""" },
            Curl = "curl -X POST http://127.0.0.1:5080/ags/refresh",
        };
        CheckResult Check(string id, Verdict verdict) => new()
        {
            Id = $"ags-refresh/{id}#refresh", Api = "ags-refresh", Operation = "refresh", Scenario = id, Title = id.Replace('-', ' '),
            Rules = ["rotation"], Severity = CheckSeverity.Contract, Sources = ["seed-000"], Verdict = verdict,
            Reason = verdict == Verdict.Skip ? "the target cannot move its clock" : null,
            Failures = verdict == Verdict.Fail ? [new CheckFailure { Expectation = "status", Expected = "200", Actual = "401", Source = "seed-000" }] : [],
            Transcript = verdict == Verdict.Pass ? [] : [exchange],
            DurationMs = 12.5,
        };
        return new RunReport
        {
            RunId = "published-mock-test",
            StartedAt = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero),
            FinishedAt = new DateTimeOffset(2026, 12, 1, 8, 0, 3, TimeSpan.Zero),
            Target = new TargetInfo { Name = "mock", BaseUrl = "http://127.0.0.1:5080", Kind = "mock" },
            Checks = [Check("refresh-rotates", Verdict.Pass), Check("refresh-after-expiry", Verdict.Fail), Check("reuse-revokes-family", Verdict.Skip)],
        };
    }
}
