using System.Net.Http.Headers;
using System.Text.Json;

namespace Harness.MockServer.Tests.Support;

/// <summary>A response read whole: status, headers and body text, with the body parsed as JSON when it is JSON.</summary>
public sealed class Reply
{
    private readonly Lazy<JsonNode?> _json;

    public Reply(HttpResponseMessage response, string body)
    {
        Status = (int)response.StatusCode;
        Headers = response.Headers;
        ContentHeaders = response.Content.Headers;
        Body = body;
        _json = new Lazy<JsonNode?>(() => TryParse(Body));
    }

    public int Status { get; }
    public HttpResponseHeaders Headers { get; }
    public HttpContentHeaders ContentHeaders { get; }
    public string Body { get; }
    public string? MediaType => ContentHeaders.ContentType?.MediaType;

    /// <summary>The body as JSON, or null when it is empty or does not parse.</summary>
    public JsonNode? Json => _json.Value;

    public bool IsJson => Json is not null || Body.Trim() == "null";

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The response's Date header (the mock writes it from its virtual clock).</summary>
    public DateTimeOffset Date => Headers.Date ?? throw new InvalidOperationException("the response has no Date header: " + this);

    /// <summary>A body field by contract path (<c>content[0].token</c>), as a string.</summary>
    public string? Text(string path) => BodyPath.Get(Json, path, out var found) is JsonValue v && found
        ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString())
        : null;

    public long? Number(string path) => BodyPath.Get(Json, path, out _) is JsonValue v
        ? (v.TryGetValue<long>(out var l) ? l : v.TryGetValue<string>(out var s) && long.TryParse(s, out l) ? l : null)
        : null;

    /// <summary>Every value of a header, wherever HttpClient filed it (response or content headers), comma-joined.</summary>
    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) || ContentHeaders.TryGetValues(name, out values) ? string.Join(", ", values) : null;

    public override string ToString() => $"HTTP {Status} ({MediaType ?? "no content type"}) {(Body.Length > 800 ? Body[..800] + "…" : Body)}";

    private static JsonNode? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
