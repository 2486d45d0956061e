using System.Globalization;
using System.Text.Json;
using Harness.MockServer.Engine;
using Harness.MockServer.OpenApi;
using Harness.MockServer.WireMock;
using Harness.Scenarios.Loading;

namespace Harness.MockServer.Tests.OpenApi;

/// <summary>
/// The documents as the tools users point at them see them: Redocly's linter accepts them, and Prism serving one
/// answers every documented status (asked for with Prism's <c>Prefer: code=NNN</c>) as the mock does when forced to it
/// (<c>X-Harness-Force-Status: NNN</c>); a success as the mock answers a well-formed request.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class OpenApiToolTests
{
    private static readonly ContractSet Contracts = Support.Contracts.Set;

    private string? _folder;
    private HarnessMock? _mock;
    private HttpClient? _http;

    public static IEnumerable<TestCaseData> Apis() => Contracts.Apis.Select(a => new TestCaseData(a.Id).SetArgDisplayNames(a.Id));

    [OneTimeSetUp]
    public async Task ExportAsync()
    {
        _folder = Directory.CreateTempSubdirectory("harness-openapi-tools-").FullName;
        OpenApiExporter.Export(Contracts, _folder);
        _mock = await HarnessMock.StartAsync(Contracts, new MockServerOptions { Port = 0 });
        _http = TestMock.NewClient(_mock.BaseAddress);
    }

    [OneTimeTearDown]
    public async Task CleanUpAsync()
    {
        _http?.Dispose();
        if (_mock is not null) await _mock.DisposeAsync();
        if (_folder is not null) Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Redocly_lint_finds_no_problem()
    {
        var files = Directory.EnumerateFiles(_folder!, "*.json").Order().ToArray();
        var lint = await OpenApiTools.RunAsync("redocly", ["lint", "--config", Path.Combine(OpenApiTools.Folder, "redocly.yaml"), .. files]);

        files.Should().HaveCount(Contracts.Apis.Count + 1);
        lint.ExitCode.Should().Be(0, lint.Output);
        lint.Output.Should().Contain("Your API descriptions are valid").And.NotContain("You have ", "Redocly sums up its warnings so");
    }

    [TestCaseSource(nameof(Apis))]
    public async Task Prism_answers_every_documented_status_as_the_mock_does(string apiId)
    {
        await using var prism = await PrismServer.StartAsync(Path.Combine(_folder!, apiId + ".json"));
        var api = Contracts.Api(apiId)!;
        var checkedStatuses = 0;
        // One OpenAPI operation per path and method: the first contract operation there is the one Prism's examples show.
        foreach (var operation in api.Operations.DistinctBy(o => (o.Path, o.Method)))
        {
            var request = await ExampleExchange.WellFormedRequestAsync(_http!, _mock!.BaseAddress, Contracts, _mock.TargetValues, operation);
            foreach (var outcome in operation.Outcomes.DistinctBy(o => o.Status))
            {
                var code = outcome.Status.ToString(CultureInfo.InvariantCulture);
                var success = outcome.When == Condition.Success;
                using var fromPrism = await ExampleExchange.SendAsync(_http!, prism.BaseAddress, request.WithHeader("Prefer", $"code={code}"));
                using var fromMock = await ExampleExchange.SendAsync(_http!, _mock.BaseAddress,
                    success ? await ExampleExchange.WellFormedRequestAsync(_http!, _mock.BaseAddress, Contracts, _mock.TargetValues, operation) : request.WithHeader(MockEngine.ForceStatusHeader, code));
                var prismBody = await fromPrism.Content.ReadAsStringAsync();
                var mockBody = await fromMock.Content.ReadAsStringAsync();
                var context = $"{operation.QualifiedId} {code}\nprism {(int)fromPrism.StatusCode}: {prismBody}\nmock {(int)fromMock.StatusCode}: {mockBody}\nprism log:\n{prism.Output}";

                ((int)fromPrism.StatusCode).Should().Be(outcome.Status, context);
                ((int)fromMock.StatusCode).Should().Be(outcome.Status, context);
                if (mockBody.Length == 0)
                {
                    prismBody.Should().BeEmpty(context);
                    continue;
                }
                ExampleExchange.MediaType(fromPrism).Should().Be(ExampleExchange.MediaType(fromMock), context);
                var prismJson = JsonNode.Parse(prismBody);
                var mockJson = JsonNode.Parse(mockBody);
                // Error bodies are fixed by the contract: the same bytes. A success carries fresh tokens: the same shape.
                if (success) Shape(prismJson).Should().Equal(Shape(mockJson), context);
                else JsonNode.DeepEquals(prismJson, mockJson).Should().BeTrue(context);
                checkedStatuses++;
            }
        }
        checkedStatuses.Should().BePositive();
    }

    /// <summary>Every member path with its JSON kind: what a client reading the body depends on.</summary>
    private static List<string> Shape(JsonNode? node, string at = "$")
    {
        var kind = node?.GetValueKind() switch { null => "Null", JsonValueKind.True or JsonValueKind.False => "Boolean", { } k => k.ToString() };
        var shape = new List<string> { $"{at}:{kind}" };
        if (node is JsonObject obj)
            foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal)) shape.AddRange(Shape(value, $"{at}.{name}"));
        else if (node is JsonArray array && array.Count > 0)
            shape.AddRange(array.SelectMany(item => Shape(item, at + "[]")).Distinct().Order(StringComparer.Ordinal));
        return shape;
    }
}
