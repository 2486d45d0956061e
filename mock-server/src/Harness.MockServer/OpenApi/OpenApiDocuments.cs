using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Harness.MockServer.WireMock;
using Harness.Scenarios.Model;

namespace Harness.MockServer.OpenApi;

/// <summary>
/// The OpenAPI documents of a contract set: one per API (<see cref="ApiDocument"/>) and one for the control API
/// (<see cref="ControlApiDocument"/>), by file name (<c>ags-refresh.json</c> … <c>control.json</c>). Served by the mock
/// under <see cref="PathPrefix"/> and written by <c>export-openapi</c>; both come from here, so they are the same bytes.
/// </summary>
internal sealed class OpenApiDocuments
{
    public const string PathPrefix = "/__harness/openapi";
    public const string ControlName = "control";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lazy<IReadOnlyDictionary<string, string>> _documents;

    public OpenApiDocuments(ContractSet contracts) => _documents = new(() => Generate(contracts));

    /// <summary>The product's version (Directory.Build.props VersionPrefix), the documents' <c>info.version</c>.</summary>
    public static string ProductVersion { get; } =
        (typeof(OpenApiDocuments).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>Document names (without .json), the APIs in catalog order, then the control API.</summary>
    public IEnumerable<string> Names => _documents.Value.Keys;

    public string? Json(string name) => _documents.Value.GetValueOrDefault(name);

    private static IReadOnlyDictionary<string, string> Generate(ContractSet contracts)
    {
        var stubs = WireMockExporter.Stubs(contracts);
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var api in contracts.Apis) documents[api.Id] = Text(ApiDocument.Build(contracts, api, stubs));
        documents[ControlName] = Text(ControlApiDocument.Build(contracts));
        return documents;
    }

    // JsonNode writes itself without reflection (no type metadata needed), so this holds in the Native AOT binary too.
    private static string Text(JsonObject document) => document.ToJsonString(Indented) + "\n";
}
