using System.Text.Json;
using System.Text.Json.Nodes;

namespace Harness.MockServer.WireMock.UserMappings;

/// <summary>
/// Which of the two mapping formats a file is written in. The WireMock jar's (what <c>export-wiremock</c> writes:
/// <c>request.method</c>, <c>urlPath</c>, <c>response.status</c>) goes through WireMock.Net's importer of that format;
/// WireMock.Net's own (<c>Request.Methods</c>, <c>Path</c>, <c>Response.StatusCode</c>) through its static-mapping reader.
/// </summary>
internal sealed class MappingFileFormat
{
    private static readonly string[] JarRequestKeys = ["method", "url", "urlPath", "urlPathPattern", "urlPattern"];

    private MappingFileFormat(bool isJar, JsonNode root, IReadOnlyList<JsonObject> mappings)
    {
        IsJar = isJar;
        Root = root;
        Mappings = mappings;
    }

    /// <summary>The file as parsed: <see cref="Mappings"/> are its objects, so a change to one shows here.</summary>
    public JsonNode Root { get; }

    /// <summary>True for the WireMock jar's format (keys are case-sensitive there; WireMock.Net's reader ignores case).</summary>
    public bool IsJar { get; }

    /// <summary>The file's mappings: one object, or each element of an array.</summary>
    public IReadOnlyList<JsonObject> Mappings { get; }

    /// <summary>
    /// Null when the text is not JSON at all, with where it breaks (1-based line and column): WireMock.Net's reader then
    /// says what is wrong, but not always where.
    /// </summary>
    public static MappingFileFormat? Read(string text, out (int Line, int Column)? breaksAt)
    {
        breaksAt = null;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            breaksAt = ((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);
            return null;
        }
        var mappings = root switch
        {
            JsonObject one => [one],
            JsonArray many => many.OfType<JsonObject>().ToList(),
            _ => new List<JsonObject>(),
        };
        return new MappingFileFormat(mappings.Any(IsJarMapping), root!, mappings);
    }

    /// <summary>
    /// The jar's <c>url</c> is the request's path and query, compared whole; WireMock.Net 1.25's importer compares it with
    /// the absolute URL (<c>http://host:port/path</c>), so a relative <c>url</c> would never match. Without a query it is
    /// exactly <c>urlPath</c>, and is rewritten so; with one there is no faithful rewrite, and the file is refused with
    /// what to write instead. True when something was rewritten.
    /// </summary>
    public bool RewriteUrlsAsPaths()
    {
        var rewritten = false;
        foreach (var mapping in Mappings)
        {
            if (mapping["request"] is not JsonObject request || request["url"] is not JsonValue url || !url.TryGetValue<string>(out var text)) continue;
            if (text.Contains('?'))
                throw new FormatException($"request.url \"{text}\" has a query: WireMock.Net compares url with the whole URL, so write \"urlPath\" and \"queryParameters\" instead");
            request.Remove("url");
            request["urlPath"] = text;
            rewritten = true;
        }
        return rewritten;
    }

    private static bool IsJarMapping(JsonObject mapping) =>
        (mapping["request"] is JsonObject request && JarRequestKeys.Any(request.ContainsKey))
        || (mapping["response"] is JsonObject response && response.ContainsKey("status"));
}
