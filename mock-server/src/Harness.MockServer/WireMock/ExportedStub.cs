using System.Text.Json.Nodes;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.MockServer.WireMock;

/// <summary>How a request reaches an exported outcome.</summary>
internal enum StubTrigger
{
    /// <summary>The mock's per-request override: <c>X-Harness-Force-Status</c> (and <c>X-Harness-Force-Condition</c>).</summary>
    Forced,

    /// <summary>The request itself breaks the contract in a way a stateless matcher can see (wrong method, a missing field ...).</summary>
    Natural,

    /// <summary>A well-formed request: answered with a static example of the success body.</summary>
    Success,
}

/// <summary>
/// One exported stub with what it stands for: the contract outcome it answers, how a request triggers it,
/// and example requests that do (kept in the mapping's metadata, and sent by the differential test).
/// </summary>
internal sealed record ExportedStub(
    string FileStem,
    StubMapping Mapping,
    Operation Operation,
    Outcome Outcome,
    StubTrigger Trigger,
    string How,
    ExampleRequest Example,
    IReadOnlyList<ExampleRequest> Variants)
{
    /// <summary>The example and the variants: every request the stub is known to answer as the mock does.</summary>
    public IEnumerable<ExampleRequest> Examples => [Example, .. Variants];

    /// <summary>Names one documented outcome of one operation: <c>keycloak-refresh.refresh 400 missing-field (refresh_token)</c>.</summary>
    public static string OutcomeKeyOf(Operation operation, Outcome outcome) => $"{operation.QualifiedId} {outcome.Status} {outcome.Describe()}";
}

/// <summary>A concrete HTTP request: method, path, headers in order, and the raw body (null for none).</summary>
internal sealed record ExampleRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Body)
{
    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public ExampleRequest WithHeader(string name, string value) => this with { Headers = [.. WithoutHeader(name).Headers, new(name, value)] };

    public ExampleRequest WithoutHeader(string name) => this with { Headers = [.. Headers.Where(h => !h.Key.Equals(name, StringComparison.OrdinalIgnoreCase))] };

    public JsonObject ToJson()
    {
        var headers = new JsonObject();
        foreach (var (name, value) in Headers) headers[name] = value;
        var json = new JsonObject { ["method"] = Method, ["path"] = Path, ["headers"] = headers };
        if (Body is not null) json["body"] = Body;
        return json;
    }
}

internal static class OutcomeJson
{
    public static JsonObject Of(Outcome outcome)
    {
        var json = new JsonObject { ["status"] = outcome.Status, ["when"] = KebabName.Of(outcome.When) };
        if (outcome.Field is not null) json["field"] = outcome.Field;
        if (outcome.ErrorCode is not null) json["error"] = outcome.ErrorCode;
        return json;
    }
}
