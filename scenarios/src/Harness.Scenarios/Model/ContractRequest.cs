using System.Text;
using System.Text.Json.Nodes;

namespace Harness.Scenarios.Model;

/// <summary>
/// A request for an operation, built from its contract and nothing else: every field where the contract says it
/// travels, filled by the caller. Transport-free (method, path, headers, content type, body as JSON or form pairs),
/// so the suite's runner, the WireMock export and the mock's tests build their requests the one same way and
/// each only says where the values come from. A step's mutation bends the result (<c>with { Method = "GET" }</c>).
/// </summary>
public sealed record ContractRequest
{
    public required string Method { get; init; }
    public required string Path { get; init; }

    /// <summary>The contract's header fields, as their templates render them (<c>Bearer {}</c>); HTTP Basic is <see cref="Basic"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>HTTP Basic credentials (client id, client secret), sent as <see cref="Authorization"/>.</summary>
    public (string Id, string Secret)? Basic { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];

    /// <summary>The content type a body is sent with; the operation's unless a mutation changes it.</summary>
    public string? ContentType { get; init; }

    /// <summary>Where the body's fields travel: <see cref="FieldLocation.Json"/>, <see cref="FieldLocation.Form"/>, or null for no body fields.</summary>
    public FieldLocation? BodyKind { get; init; }

    public JsonObject Json { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> Form { get; init; } = [];

    /// <summary>RFC 6749 §2.3.1: id and secret each form-encoded, joined by a colon, base64.</summary>
    public string? Authorization => Basic is { } b ? BasicAuthorization(b.Id, b.Secret) : null;

    /// <summary>
    /// The body as sent: the JSON object or the form, or empty where the operation declares a content type but no
    /// body field. GET and HEAD carry none.
    /// </summary>
    public string? Body => Method is "GET" or "HEAD" ? null : BodyKind switch
    {
        FieldLocation.Json => Json.ToJsonString(),
        FieldLocation.Form => FormText(Form),
        _ => ContentType is null ? null : "",
    };

    /// <summary>The path with the query string, if any.</summary>
    public string PathAndQuery => Query.Count == 0 ? Path : Path + "?" + FormText(Query);

    /// <summary>Every header as it goes out: Authorization first, the contract's headers, and the body's Content-Type.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> AllHeaders
    {
        get
        {
            var all = new List<KeyValuePair<string, string>>();
            if (Authorization is { } authorization) all.Add(new("Authorization", authorization));
            all.AddRange(Headers);
            if (Body is not null && ContentType is { } type) all.Add(new("Content-Type", type));
            return all;
        }
    }

    /// <summary>
    /// Builds the request from the contract. <paramref name="valueOf"/> fills a field or a name-value item (null leaves
    /// it out); <paramref name="sends"/> says which fields and items are sent at all (default: every one).
    /// </summary>
    public static ContractRequest Build(Operation operation, Func<RequestField, string?> valueOf, Func<RequestField, bool>? sends = null)
    {
        sends ??= static _ => true;
        var headers = new List<KeyValuePair<string, string>>();
        var query = new List<KeyValuePair<string, string>>();
        var form = new List<KeyValuePair<string, string>>();
        var json = new JsonObject();
        string? basicId = null, basicSecret = null;
        foreach (var field in operation.Request.Where(sends))
        {
            if (field.Type == FieldType.NameValueArray)
            {
                var items = new JsonArray();
                foreach (var item in field.Items.Where(sends))
                    if (valueOf(item) is { } itemValue) items.Add((JsonNode)new JsonObject { ["name"] = item.Name, ["value"] = itemValue });
                json[field.Name] = items;
                continue;
            }
            if (valueOf(field) is not { } value) continue;
            switch (field.In)
            {
                case FieldLocation.Header: headers.Add(new(field.Name, field.Render(value))); break;
                case FieldLocation.Form: form.Add(new(field.Name, value)); break;
                case FieldLocation.Query: query.Add(new(field.Name, value)); break;
                case FieldLocation.BasicAuth when field.Binds == Slot.ClientSecret: basicSecret = value; break;
                case FieldLocation.BasicAuth: basicId = value; break;
                default: json[field.Name] = value; break;
            }
        }
        return new ContractRequest
        {
            Method = operation.Method,
            Path = operation.Path,
            Headers = headers,
            Basic = basicId is null ? null : (basicId, basicSecret ?? ""),
            Query = query,
            ContentType = operation.ContentType,
            BodyKind = operation.Request.Select(f => (FieldLocation?)f.In).FirstOrDefault(l => l is FieldLocation.Json or FieldLocation.Form),
            Json = json,
            Form = form,
        };
    }

    /// <summary>The Authorization value of HTTP Basic client credentials (RFC 6749 §2.3.1: each form-encoded first, so a ':' in an id survives).</summary>
    public static string BasicAuthorization(string id, string secret) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FormEncode(id)}:{FormEncode(secret)}"));

    /// <summary>Pairs as <c>application/x-www-form-urlencoded</c> text: the bytes <c>FormUrlEncodedContent</c> sends for them.</summary>
    public static string FormText(IEnumerable<KeyValuePair<string, string>> pairs) =>
        string.Join('&', pairs.Select(p => $"{FormEncode(p.Key)}={FormEncode(p.Value)}"));

    /// <summary>
    /// One name or value form-encoded (a space is '+'), exactly as <c>System.Net.Http.FormUrlEncodedContent</c> encodes
    /// it; that type only writes to a stream, and Basic credentials and the export need the text.
    /// </summary>
    public static string FormEncode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);
}
