using System.Reflection;
using System.Text.Json;
using Harness.MockServer.WireMock;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Tests.WireMock;

/// <summary>The export without WireMock: every documented outcome is exported, and each file has WireMock's stub-mapping shape.</summary>
[TestFixture]
[NonParallelizable] // the CLI tests redirect Console
public sealed class WireMockExportTests
{
    private static readonly ContractSet Contracts = ScenarioLoader.Load(new MockServerOptions().ResolveScenarioFolder());
    private static readonly IReadOnlyList<ExportedStub> Stubs = WireMockExporter.Stubs(Contracts);

    // The request and response members, and the value operators, the exporter may write (wiremock.org/docs/request-matching).
    private static readonly HashSet<string> RequestMembers = ["method", "urlPath", "headers", "formParameters", "bodyPatterns"];
    private static readonly HashSet<string> ResponseMembers = ["status", "headers", "jsonBody", "body"];
    private static readonly HashSet<string> Operators = ["equalTo", "contains", "matches", "doesNotMatch", "absent", "matchesJsonPath", "matchesJsonSchema", "not"];

    private string _root = "";

    [SetUp]
    public void CreateRoot() => _root = Path.Combine(Path.GetTempPath(), "harness-wiremock-export-" + Guid.NewGuid().ToString("N")[..8]);

    [TearDown]
    public void DeleteRoot()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    public static IEnumerable<TestCaseData> DocumentedOutcomes() =>
        Contracts.Operations.SelectMany(operation => operation.Outcomes.Select(outcome =>
            new TestCaseData(operation, outcome).SetName($"{{m}}({Sanitize(ExportedStub.OutcomeKeyOf(operation, outcome))})")));

    [TestCaseSource(nameof(DocumentedOutcomes))]
    public void Every_documented_outcome_has_a_mapping(Operation operation, Outcome outcome)
    {
        var stubs = Stubs.Where(s => ReferenceEquals(s.Operation, operation) && ReferenceEquals(s.Outcome, outcome)).ToList();
        stubs.Should().NotBeEmpty($"{ExportedStub.OutcomeKeyOf(operation, outcome)} is documented, so WireMock must be able to answer it");
        stubs.Should().OnlyContain(s => s.Mapping.Response.Status == (outcome.When == Condition.Success ? operation.Response.Status : outcome.Status));
    }

    [Test]
    public void Every_mapping_file_is_a_wiremock_stub_mapping()
    {
        var export = WireMockExporter.Export(Contracts, _root);

        var files = Directory.GetFiles(Path.Combine(_root, "mappings"), "*.json");
        files.Should().HaveCount(export.Stubs.Count);
        var ids = new HashSet<string>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            JsonNode? parsed = null;
            FluentActions.Invoking(() => parsed = JsonNode.Parse(File.ReadAllText(file))).Should().NotThrow<JsonException>(name);
            var mapping = parsed.Should().BeOfType<JsonObject>(name).Subject;

            Guid.TryParse(mapping["id"]?.GetValue<string>(), out _).Should().BeTrue($"{name} has a UUID id");
            ids.Add(mapping["id"]!.GetValue<string>()).Should().BeTrue($"{name} has an id of its own");
            mapping["name"]?.GetValue<string>().Should().NotBeNullOrWhiteSpace(name);
            mapping["priority"]?.GetValue<int>().Should().BeGreaterThanOrEqualTo(1, name);

            var request = mapping["request"].Should().BeOfType<JsonObject>($"{name} has a request").Subject;
            request.Select(p => p.Key).Should().BeSubsetOf(RequestMembers, name);
            request["method"]?.GetValue<string>().Should().BeOneOf(["GET", "POST", "PUT", "PATCH", "DELETE"], name);
            request["urlPath"]?.GetValue<string>().Should().StartWith("/", name);
            foreach (var group in new[] { "headers", "formParameters" })
                foreach (var (key, pattern) in request[group]?.AsObject() ?? [])
                    CheckPattern(pattern, $"{name} {group}.{key}");
            foreach (var pattern in request["bodyPatterns"]?.AsArray() ?? [])
                CheckPattern(pattern, $"{name} bodyPatterns");

            var response = mapping["response"].Should().BeOfType<JsonObject>($"{name} has a response").Subject;
            response.Select(p => p.Key).Should().BeSubsetOf(ResponseMembers, name);
            response["status"]?.GetValue<int>().Should().BeInRange(200, 599, name);
            response["headers"]?["Content-Type"]?.GetValue<string>().Should().StartWith("application/json", name);
            response["jsonBody"].Should().NotBeNull($"{name} answers a JSON body, as the mock does");
            mapping["metadata"]?[WireMockExporter.MetadataKey]?["example"]?["path"]?.GetValue<string>().Should().Be(request["urlPath"]!.GetValue<string>(), name);
        }
    }

    [Test]
    public void Error_bodies_are_the_ones_the_mock_writes()
    {
        foreach (var stub in Stubs.Where(s => s.Trigger != StubTrigger.Success))
        {
            var shape = Contracts.Api(stub.Operation.ApiId)!.ErrorShape;
            var allowed = Engine.ResponseWriter.AllowedMethods(Contracts.Operations.Where(o => o.Path == stub.Operation.Path));
            JsonNode.DeepEquals(stub.Mapping.Response.JsonBody, Engine.ResponseWriter.ContractErrorBody(shape, stub.Operation, stub.Outcome, allowed))
                .Should().BeTrue(stub.Mapping.Name);
        }
    }

    [Test]
    public void Mock_headers_and_outcome_headers_are_exported()
    {
        foreach (var stub in Stubs)
        {
            var expected = stub.Trigger == StubTrigger.Success ? stub.Operation.Response.Headers : stub.Outcome.Headers;
            foreach (var header in expected)
                stub.Mapping.Response.Headers.Should().ContainKey(header.Name, stub.Mapping.Name)
                    .WhoseValue.Should().Contain(header.Contains, stub.Mapping.Name);
        }
        Stubs.Should().Contain(s => s.Mapping.Response.Headers!.ContainsKey("WWW-Authenticate"), "softwareag-refresh documents a Basic challenge on 401");
    }

    [Test]
    public void A_new_export_replaces_its_own_mappings_and_keeps_others()
    {
        var mappings = Directory.CreateDirectory(Path.Combine(_root, "mappings")).FullName;
        var foreign = Path.Combine(mappings, "hand-written.json");
        File.WriteAllText(foreign, """{ "request": { "method": "GET", "urlPath": "/mine" }, "response": { "status": 204 } }""");
        var stale = Path.Combine(mappings, "ags-refresh.refresh.499.gone.json");
        File.WriteAllText(stale, """{ "request": { "method": "GET", "urlPath": "/old" }, "response": { "status": 499 }, "metadata": { "harness": { } } }""");

        var export = WireMockExporter.Export(Contracts, _root);

        File.Exists(foreign).Should().BeTrue("a mapping the export did not write is left alone");
        File.Exists(stale).Should().BeFalse("a mapping an earlier export wrote is replaced");
        export.StaleFilesRemoved.Should().Be(1);
        Directory.GetFiles(mappings, "*.json").Should().HaveCount(export.Stubs.Count + 1);
    }

    [Test]
    public async Task The_cli_writes_the_mappings()
    {
        var (code, output, error) = await RunCliAsync("export-wiremock", "--out", _root, "--scenarios", Contracts.Folder);

        code.Should().Be(0, error);
        output.Should().Contain($"{Stubs.Count} WireMock stub mappings").And.Contain("keycloak-refresh.refresh");
        Directory.GetFiles(Path.Combine(_root, "mappings"), "*.json").Should().HaveCount(Stubs.Count);
    }

    [Test]
    public async Task The_cli_requires_an_output_directory()
    {
        var (code, _, error) = await RunCliAsync("export-wiremock");

        code.Should().NotBe(0);
        error.Should().Contain("--out");
    }

    private static void CheckPattern(JsonNode? pattern, string where)
    {
        var members = pattern.Should().BeOfType<JsonObject>(where).Subject.Select(p => p.Key).ToList();
        members.Where(Operators.Contains).Should().ContainSingle($"{where} uses exactly one WireMock operator");
        members.Should().BeSubsetOf([.. Operators, "caseInsensitive", "schemaVersion"], where);
        if (pattern!["not"] is { } inner) CheckPattern(inner, where + ".not");
    }

    /// <summary>
    /// Runs the product's command line in-process with its console captured: HarnessCommandLine, which the launcher
    /// and the Native AOT program both call (the library itself has no entry point since the layout split).
    /// </summary>
    private static async Task<(int Code, string Output, string Error)> RunCliAsync(params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = await Harness.MockServer.Cli.HarnessCommandLine.InvokeAsync(args);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    /// <summary>"keycloak-refresh.refresh 400 missing-field (refresh_token)" → "keycloak-refresh.refresh.400.missing-field.refresh_token".</summary>
    private static string Sanitize(string text) => text.Replace(" (", ".", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal).Replace(' ', '.');
}
