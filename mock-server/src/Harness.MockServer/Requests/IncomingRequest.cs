using System.Text.Json.Nodes;
using Harness.Scenarios.Model;
using Microsoft.Extensions.Primitives;

namespace Harness.MockServer.Requests;

/// <summary>
/// A request as the contract sees it: its body parsed once by the operation's content type, and each
/// request field's value found where the contract says it travels. A field sent twice counts as unusable,
/// like a missing one (RFC 6749 §3.2: parameters must not be repeated).
/// </summary>
internal sealed class IncomingRequest
{
    public required string Method { get; init; }
    public required string Path { get; init; }
    public required IHeaderDictionary Headers { get; init; }
    public string? ContentType { get; init; }
    public string RawBody { get; init; } = "";
    public JsonNode? Json { get; init; }
    public IReadOnlyDictionary<string, StringValues>? Form { get; init; }
    public bool BodyUnreadable { get; init; }
    public bool BodyTooLarge { get; init; }
    public bool IsHttps { get; init; }
    public (string Id, string Secret)? BasicCredentials { get; init; }
    public bool BasicMalformed { get; init; }

    // Values already read: the checks and then the behaviour ask for the same few fields, and reading one
    // can copy a token (a header's value past "Bearer ", a JSON string).
    private (RequestField Field, string? Value)[]? _read;
    private int _readCount;

    /// <summary>The value a field carries, or null when absent, empty, repeated or of the wrong JSON type.</summary>
    public string? ValueOf(RequestField field)
    {
        for (var i = 0; i < _readCount; i++)
            if (ReferenceEquals(_read![i].Field, field)) return _read[i].Value;
        var value = Read(field);
        _read ??= new (RequestField, string?)[8];
        if (_readCount < _read.Length) _read[_readCount++] = (field, value);
        return value;
    }

    private string? Read(RequestField field)
    {
        switch (field.In)
        {
            case FieldLocation.Header:
                return Single(Headers.TryGetValue(field.Name, out var h) ? h : StringValues.Empty) is { } raw ? Unwrap(field, raw) : null;
            case FieldLocation.Query:
                return null;
            case FieldLocation.Form:
                return Form is not null && Form.TryGetValue(field.Name, out var f) ? Single(f) : null;
            case FieldLocation.BasicAuth:
                return BasicCredentials is not { } basic ? null : field.Binds == Slot.ClientSecret ? basic.Secret : basic.Id;
            default:
                return Json is JsonObject obj && obj.TryGetPropertyValue(field.Name, out var node) && node is JsonValue v
                       && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
        }
    }

    /// <summary>Whether a field is present at all, whatever its value (a name-value array counts when it is an array).</summary>
    public bool Has(RequestField field) => field.Type == FieldType.NameValueArray
        ? Json is JsonObject obj && obj[field.Name] is JsonArray
        : ValueOf(field) is not null;

    /// <summary>The value of a member of a name-value array: <c>{"parameters": [{"name": "sessionToken", "value": "..."}]}</c>.</summary>
    public string? ItemValue(RequestField array, RequestField item)
    {
        if (Json is not JsonObject obj || obj[array.Name] is not JsonArray members) return null;
        string? found = null;
        foreach (var member in members)
        {
            if (member is JsonObject m && m["name"] is JsonValue n && n.TryGetValue<string>(out var name) && name == item.Name)
            {
                if (found is not null) return null;
                found = m["value"] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
            }
        }
        return found;
    }

    /// <summary><see cref="RequestField.Unwrap"/> without copying the template's prefix on every request (FastPaths/IncomingRequestTests compares the two).</summary>
    internal static string Unwrap(RequestField field, string raw)
    {
        var template = field.Template;
        var hole = template?.IndexOf("{}", StringComparison.Ordinal) ?? -1;
        if (template is null || hole < 0) return field.Unwrap(raw);
        var prefix = template.AsSpan(0, hole);
        var value = raw.AsSpan().StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? raw.AsSpan(prefix.Length) : raw.AsSpan();
        value = value.Trim();
        return value.Length == raw.Length ? raw : value.ToString();
    }

    private static string? Single(StringValues values) => values.Count == 1 && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;
}
