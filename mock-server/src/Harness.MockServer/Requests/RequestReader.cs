using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Harness.MockServer.Requests;

/// <summary>
/// Reads a request body once, bounded in size, and parses it by its declared content type. Nothing here
/// throws on bad input: a body that does not parse is marked unreadable, and the contract decides the answer.
/// </summary>
internal static class RequestReader
{
    public const int MaxBodyBytes = 64 * 1024;

    public static async Task<IncomingRequest> ReadAsync(HttpRequest request, CancellationToken cancel)
    {
        var (raw, tooLarge) = await ReadBodyAsync(request, cancel);
        var contentType = request.ContentType;
        JsonNode? json = null;
        IReadOnlyDictionary<string, StringValues>? form = null;
        var unreadable = tooLarge;
        if (!tooLarge && raw.Length > 0)
        {
            if (IsJson(contentType)) unreadable = !TryParseJson(raw, out json);
            else if (IsForm(contentType)) unreadable = !TryParseForm(raw, out form);
        }
        var (basic, basicMalformed) = ParseBasic(request.Headers.Authorization);
        return new IncomingRequest
        {
            Method = request.Method,
            Path = request.Path.Value ?? "/",
            Headers = request.Headers,
            ContentType = contentType,
            RawBody = raw,
            Json = json,
            Form = form,
            BodyUnreadable = unreadable,
            BodyTooLarge = tooLarge,
            IsHttps = request.IsHttps,
            BasicCredentials = basic,
            BasicMalformed = basicMalformed,
        };
    }

    public static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    public static bool IsForm(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>Reads the body through the request's pipe: no copy into a stream, one decode of the bytes as they arrived.</summary>
    private static async Task<(string Body, bool TooLarge)> ReadBodyAsync(HttpRequest request, CancellationToken cancel)
    {
        if (request.ContentLength > MaxBodyBytes) return ("", true);
        if (request.ContentLength == 0) return ("", false);
        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancel);
            var buffer = result.Buffer;
            if (buffer.Length > MaxBodyBytes)
            {
                reader.AdvanceTo(buffer.End);
                return ("", true);
            }
            if (result.IsCompleted)
            {
                var text = Decode(buffer);
                reader.AdvanceTo(buffer.End);
                return (text, false);
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static string Decode(in System.Buffers.ReadOnlySequence<byte> body)
    {
        try
        {
            return body.IsSingleSegment ? StrictUtf8.GetString(body.FirstSpan) : StrictUtf8.GetString(System.Buffers.BuffersExtensions.ToArray(body));
        }
        catch (DecoderFallbackException)
        {
            return "\uFFFD"; // not UTF-8: unparseable whatever the content type says
        }
    }

    private static bool TryParseJson(string raw, out JsonNode? json)
    {
        try
        {
            // A repeated member is ambiguous (which one counts?), so it is a malformed body, like a repeated form parameter.
            json = JsonNode.Parse(raw, documentOptions: new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false });
            // Only an escape can spell a lone surrogate (the bytes were strict UTF-8): without "\u" there is nothing to walk.
            if (json is JsonObject && (!raw.Contains("\\u", StringComparison.Ordinal) || StringsAreText(json))) return true;
            json = null;
            return false;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a member name escaping a lone surrogate cannot be decoded to a string.
            json = null;
            return false;
        }
    }

    /// <summary>
    /// A string escaping a lone surrogate (<c>"\uDEAD"</c>) parses but cannot be read as text: such a body is malformed,
    /// in a value or in a member's name, at any depth. A name is decoded only when the object is first read (it
    /// throws then), so every object is read here, before any check or the journal looks at the body.
    /// </summary>
    private static bool StringsAreText(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                try
                {
                    foreach (var member in obj)
                        if (!IsText(member.Key) || !StringsAreText(member.Value)) return false;
                    return true;
                }
                catch (InvalidOperationException)
                {
                    return false;
                }
            case JsonArray array: return array.All(StringsAreText);
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                try
                {
                    value.GetValue<string>();
                    return true;
                }
                catch (InvalidOperationException)
                {
                    return false;
                }
            default: return true;
        }
    }

    /// <summary>Whether a decoded name is well-formed UTF-16: every surrogate in a pair.</summary>
    private static bool IsText(string text)
    {
        var at = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (at < 0) return true;
        for (var i = at; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return false;
        }
        return true;
    }

    private static bool TryParseForm(string raw, out IReadOnlyDictionary<string, StringValues>? form)
    {
        form = null;
        if (raw.Contains('\uFFFD')) return false;
        try
        {
            form = QueryHelpers.ParseQuery(raw.StartsWith('?') ? raw : "?" + raw);
            // RFC 6749 §3.2: request parameters must not be included more than once.
            return form.Values.All(v => v.Count == 1);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return false;
        }
    }

    /// <summary>RFC 6749 §2.3.1: client id and secret are form-encoded, then joined by a colon and base64-encoded.</summary>
    private static ((string, string)? Credentials, bool Malformed) ParseBasic(StringValues header)
    {
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return (null, false);
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value[6..].Trim()));
            var colon = decoded.IndexOf(':');
            if (colon <= 0) return (null, true);
            return ((Uri.UnescapeDataString(decoded[..colon].Replace('+', ' ')), Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '))), false);
        }
        catch (FormatException)
        {
            return (null, true);
        }
    }
}
