using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Harness.MockServer.WireMock;

// WireMock's stub-mapping JSON, as WireMock standalone loads it from --root-dir DIR/mappings/*.json (one
// mapping per file) and as POST /__admin/mappings takes it. Plain serialisation types, kept apart from the
// mock's runtime objects the way WireMock.Net keeps its Admin.Mappings models apart from its matchers:
// only WireMockExporter and ContractStubConverter build them. Property names are WireMock's (camelCase);
// null members are left out. Reference: wiremock.org/docs/request-matching and /docs/stubbing.

/// <summary>One stub: a request pattern, the response it answers, and a priority (1 is tried first; WireMock's default is 5).</summary>
internal sealed record StubMapping
{
    /// <summary>A UUID; the exporter derives it from <see cref="Name"/> so a re-export gives the same ids.</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required int Priority { get; init; }
    public required RequestPattern Request { get; init; }
    public required ResponseDefinition Response { get; init; }

    /// <summary>Free-form data WireMock keeps with the stub and shows in <c>GET /__admin/mappings</c>.</summary>
    public JsonObject? Metadata { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Generated at compile time: the published mock is compiled ahead of time, where reflection would write "{}".
        TypeInfoResolver = StubMappingJson.Default,
    };

    private static readonly JsonTypeInfo<StubMapping> TypeInfo = (JsonTypeInfo<StubMapping>)Json.GetTypeInfo(typeof(StubMapping));

    public string ToJson() => JsonSerializer.Serialize(this, TypeInfo);
}

[JsonSerializable(typeof(StubMapping))]
internal sealed partial class StubMappingJson : JsonSerializerContext;

/// <summary>
/// What a request must look like: <c>method</c> and <c>urlPath</c> (the path without the query), plus
/// header, form-parameter and body matchers. Every matcher present must match.
/// </summary>
internal sealed record RequestPattern
{
    public required string Method { get; init; }
    public required string UrlPath { get; init; }
    public SortedDictionary<string, ContentPattern>? Headers { get; init; }
    public SortedDictionary<string, ContentPattern>? FormParameters { get; init; }
    public List<ContentPattern>? BodyPatterns { get; init; }
}

/// <summary>
/// One of WireMock's value matchers; exactly one operator is set (with <c>caseInsensitive</c> as a modifier of
/// <c>equalTo</c>). On a header or form parameter every operator but <c>absent</c> requires the value to be there.
/// </summary>
internal sealed record ContentPattern
{
    public string? EqualTo { get; init; }
    public string? Contains { get; init; }

    /// <summary>A Java regular expression the whole value must match.</summary>
    public string? Matches { get; init; }
    public string? DoesNotMatch { get; init; }
    public bool? Absent { get; init; }

    /// <summary>
    /// A JSON Schema (draft 2020-12, WireMock's default) the body must validate against. Preferred over
    /// <c>matchesJsonPath</c>, which counts an empty array as absent where the mock counts it as present.
    /// </summary>
    public JsonNode? MatchesJsonSchema { get; init; }

    /// <summary>WireMock 3's logical negation: matches when the inner pattern does not.</summary>
    public ContentPattern? Not { get; init; }

    public static ContentPattern Equal(string value) => new() { EqualTo = value };
    public static ContentPattern Regex(string regex) => new() { Matches = regex };
    public static ContentPattern NotRegex(string regex) => new() { DoesNotMatch = regex };
    public static ContentPattern IsAbsent() => new() { Absent = true };

    /// <summary>Present with at least one non-space character (the mock treats an empty or blank value as missing).</summary>
    public static ContentPattern NonBlank() => new() { Matches = "(?s).*\\S.*" };

    public static ContentPattern JsonSchema(JsonObject schema) => new() { MatchesJsonSchema = schema };
    public static ContentPattern Negate(ContentPattern inner) => new() { Not = inner };
}

/// <summary>What the stub answers: a status, headers and either a JSON body or a text body.</summary>
internal sealed record ResponseDefinition
{
    public required int Status { get; init; }
    public SortedDictionary<string, string>? Headers { get; init; }
    public JsonNode? JsonBody { get; init; }
    public string? Body { get; init; }
}
