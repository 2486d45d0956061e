using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Harness.MockServer.Load.Apis;

/// <summary>
/// A rotating refresh API as the run drives it: its requests are built from the mock's target values
/// (<c>GET /__harness/target</c>) alone, so the run needs nothing but the mock's address.
/// </summary>
internal abstract class RotatingApi(string name, string faultPath)
{
    public string Name { get; } = name;

    /// <summary>The refresh operation under <c>/__harness/operations/</c>: the one the chaos loop injects faults into.</summary>
    public string FaultPath { get; } = faultPath;

    public abstract int IssueStatus { get; }

    /// <summary>The status a reused or revoked refresh token gets.</summary>
    public abstract int RejectStatus { get; }

    /// <summary>Refresh answers the contract documents, so the mock can be told to force them.</summary>
    public abstract int[] Forceable { get; }

    public abstract HttpRequestMessage Issue();
    public abstract HttpRequestMessage Refresh(string access, string refresh);
    public abstract (string Access, string Refresh)? Read(string body);

    /// <summary>Refresh requests the API must refuse with a 4xx, each with a name for the failure message.</summary>
    public abstract List<(string Name, HttpRequestMessage Request)> Malformed(string access, string refresh);

    /// <summary>The three APIs that rotate refresh tokens and detect reuse.</summary>
    public static RotatingApi[] All(IReadOnlyDictionary<string, string> target) => [new AgsApi(target), new SoftwareAgApi(target), new SecMgmtApi(target)];

    protected static HttpRequestMessage Json(HttpMethod method, string path, string body, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return request;
    }

    // Raw bytes, for bodies that are deliberately not valid UTF-8.
    protected static HttpRequestMessage Bytes(HttpMethod method, string path, byte[] body, string contentType)
    {
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return request;
    }

    /// <summary>The pair at two dotted paths ("0" steps into an array); null when the body is not JSON or either is missing.</summary>
    protected static (string, string)? Pair(string body, string accessPath, string refreshPath)
    {
        try
        {
            var json = JsonNode.Parse(body);
            return Get(json, accessPath) is { } access && Get(json, refreshPath) is { } refresh ? (access, refresh) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Get(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.')) node = part == "0" ? (node as JsonArray)?.FirstOrDefault() : (node as JsonObject)?[part];
        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }
}
