using Harness.MockServer.OpenApi;
using Harness.MockServer.WireMock;
using Harness.Scenarios.Loading;

namespace Harness.MockServer.Tests.OpenApi;

/// <summary>
/// The OpenAPI documents say what the contract says: every documented status with the body the mock answers, the
/// inferred parts marked, the security scheme; the mock serves exactly what export-openapi writes; the control
/// API's document lists the endpoints the mock has.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class OpenApiDocumentTests
{
    private static readonly ContractSet Contracts = Support.Contracts.Set;
    private static readonly OpenApiDocuments Documents = new(Contracts);
    private static readonly IReadOnlyList<ExportedStub> Stubs = WireMockExporter.Stubs(Contracts);

    public static IEnumerable<TestCaseData> Apis() => Contracts.Apis.Select(a => new TestCaseData(a.Id).SetArgDisplayNames(a.Id));

    private static JsonObject Document(string name) => JsonNode.Parse(Documents.Json(name)!)!.AsObject();

    private static JsonObject OperationOf(JsonObject document, Operation operation) =>
        document["paths"]![operation.Path]![operation.Method.ToLowerInvariant()]!.AsObject();

    public static IEnumerable<TestCaseData> AllDocuments() => Documents.Names.Select(n => new TestCaseData(n).SetArgDisplayNames(n));

    [TestCaseSource(nameof(AllDocuments))]
    public void Microsoft_OpenApi_reads_the_document_as_OpenApi_3_1_without_errors(string name)
    {
        var read = Microsoft.OpenApi.OpenApiDocument.Parse(Documents.Json(name)!, "json");

        read.Diagnostic!.Errors.Select(e => e.ToString()).Should().BeEmpty();
        read.Diagnostic.SpecificationVersion.Should().Be(Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1);
        read.Document!.Paths.Should().NotBeEmpty();
        Microsoft.OpenApi.OpenApiElementExtensions.Validate(read.Document, Microsoft.OpenApi.ValidationRuleSet.GetDefaultRuleSet())!.Select(e => e.ToString()).Should().BeEmpty();
    }

    [TestCaseSource(nameof(Apis))]
    public void Every_documented_status_is_a_response_with_the_body_the_mock_answers(string apiId)
    {
        var document = Document(apiId);
        document["openapi"]!.GetValue<string>().Should().Be("3.1.0");
        foreach (var operation in Contracts.Api(apiId)!.Operations)
        foreach (var outcome in operation.Outcomes)
        {
            var response = OperationOf(document, operation)["responses"]![outcome.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            response.Should().NotBeNull($"{operation.QualifiedId} documents {outcome.Status} ({outcome.Describe()})");
            if (outcome.When == Condition.Success) continue;
            var stub = Stubs.First(s => ReferenceEquals(s.Operation, operation) && ReferenceEquals(s.Outcome, outcome));
            if (stub.Mapping.Response.JsonBody is not { } body) continue;
            var examples = response!["content"]!.AsObject().Single().Value!["examples"]!.AsObject();
            examples.Select(e => e.Value!["value"]).Should().Contain(v => JsonNode.DeepEquals(v, body),
                $"{operation.QualifiedId} {outcome.Status} {outcome.Describe()}: the example is the body the mock (and the WireMock export) answers");
        }
    }

    [TestCaseSource(nameof(Apis))]
    public void Success_examples_have_every_field_the_contract_requires(string apiId)
    {
        var document = Document(apiId);
        foreach (var operation in Contracts.Api(apiId)!.Operations.Where(o => o.HasOutcome(Condition.Success)).DistinctBy(o => (o.Path, o.Method)))
        {
            var success = OperationOf(document, operation)["responses"]![operation.Response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)]!;
            var example = success["content"]!.AsObject().Single().Value!["examples"]!.AsObject().First().Value!["value"];
            foreach (var field in operation.Response.Fields.Where(f => f.Required))
                BodyPath.Get(example, field.Path, out var found).Should().NotBeNull($"{operation.QualifiedId}: the success example has {field.Path}");
        }
    }

    [TestCaseSource(nameof(Apis))]
    public void Inferred_outcomes_carry_their_reason(string apiId)
    {
        var document = Document(apiId);
        var inferred = Contracts.Api(apiId)!.Operations.SelectMany(o => o.Outcomes.Select(outcome => (o, outcome))).Where(x => x.outcome.Provenance.IsInferred).ToList();
        foreach (var (operation, outcome) in inferred)
        {
            var response = OperationOf(document, operation)["responses"]![outcome.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)]!;
            response[ApiDocument.InferredExtension]!.ToJsonString().Should().Contain(JsonValue.Create(outcome.Provenance.InferredReason)!.ToJsonString()[1..^1],
                $"{operation.QualifiedId} {outcome.Status} {outcome.Describe()} is inferred");
        }
    }

    [Test]
    public void The_bearer_token_of_ags_refresh_is_a_security_scheme()
    {
        var document = Document("ags-refresh");

        document["components"]!["securitySchemes"]!["bearerToken"]!["scheme"]!.GetValue<string>().Should().Be("bearer");
        document["paths"]!["/ags/refresh"]!["post"]!["security"]!.ToJsonString().Should().Be("""[{"bearerToken":[]}]""");
        document["paths"]!["/ags/refresh"]!["post"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>())
            .Should().NotContain("Authorization", "the token is described by the security scheme, not as a plain header");
    }

    [Test]
    public async Task The_mock_serves_the_documents_export_writes()
    {
        var folder = Directory.CreateTempSubdirectory("harness-openapi-").FullName;
        try
        {
            var written = OpenApiExporter.Export(Contracts, folder);
            await using var mock = await HarnessMock.StartAsync(Contracts, new MockServerOptions { Port = 0 });
            using var http = TestMock.NewClient(mock.BaseAddress);

            written.Select(Path.GetFileNameWithoutExtension).Should().Equal([.. Contracts.Apis.Select(a => a.Id), OpenApiDocuments.ControlName]);
            foreach (var file in written)
            {
                using var served = await http.GetAsync($"__harness/openapi/{Path.GetFileName(file)}");
                served.StatusCode.Should().Be(HttpStatusCode.OK);
                served.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
                (await served.Content.ReadAsStringAsync()).Should().Be(await File.ReadAllTextAsync(file));
            }
            var index = JsonNode.Parse(await http.GetStringAsync("__harness/openapi"))!;
            index["documents"]!.AsArray().Should().HaveCount(written.Count);
            using var missing = await http.GetAsync("__harness/openapi/nope.json");
            missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
            JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["error"]!.GetValue<string>().Should().Be("not_found");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task The_control_document_lists_every_endpoint_the_control_api_lists()
    {
        var paths = Document(OpenApiDocuments.ControlName)["paths"]!.AsObject();
        await using var mock = await HarnessMock.StartAsync(Contracts, new MockServerOptions { Port = 0 });
        using var http = TestMock.NewClient(mock.BaseAddress);
        var listed = JsonNode.Parse(await http.GetStringAsync("__harness"))!["endpoints"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();

        listed.Should().NotBeEmpty();
        foreach (var endpoint in listed)
        {
            // "POST /__harness/operations/{api}/{operation}/force {status, count, condition}" → post, /__harness/operations/{api}/{operation}/force
            var parts = endpoint.Split(' ');
            var path = parts[1].Split('?')[0];
            paths[path]?[parts[0].ToLowerInvariant()].Should().NotBeNull($"the control API lists `{endpoint}`, so its OpenAPI document describes it");
        }
    }

    [Test]
    public async Task Every_control_endpoint_in_the_document_answers_a_status_it_documents()
    {
        var paths = Document(OpenApiDocuments.ControlName)["paths"]!.AsObject();
        await using var mock = await HarnessMock.StartAsync(Contracts, new MockServerOptions { Port = 0 });
        using var http = TestMock.NewClient(mock.BaseAddress);

        foreach (var (template, item) in paths)
        foreach (var (method, operation) in item!.AsObject())
        {
            var path = template.Replace("{api}", "ags-refresh", StringComparison.Ordinal).Replace("{operation}", "refresh", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path.TrimStart('/'));
            if (operation!["requestBody"]?["content"]?["application/json"]?["example"] is { } example)
                request.Content = new StringContent(example.ToJsonString(), Encoding.UTF8, "application/json");
            else if (method is "post" or "put")
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            using var answer = await http.SendAsync(request);
            ((int)answer.StatusCode).Should().BeLessThan(400, $"{method.ToUpperInvariant()} {path} with the document's example succeeds: {await answer.Content.ReadAsStringAsync()}");
            operation["responses"]!.AsObject().Select(r => r.Key).Should().Contain(((int)answer.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{method.ToUpperInvariant()} {path} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        }
    }
}
