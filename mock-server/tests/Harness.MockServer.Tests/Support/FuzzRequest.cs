namespace Harness.MockServer.Tests.Support;

/// <summary>One generated request, kept as plain data so a failure can print exactly what was sent.</summary>
public sealed record FuzzRequest(
    int Index,
    string Kind,
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? ContentType,
    byte[]? Body,
    bool Chunked)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), new Uri(Path, UriKind.Relative));
        foreach (var (name, value) in Headers) message.Headers.TryAddWithoutValidation(name, value);
        if (Body is not null)
        {
            message.Content = Chunked ? new ChunkedContent(Body) : new ByteArrayContent(Body);
            if (ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        return message;
    }

    /// <summary>The request as it went out, body shown as text when it is text and as hex when it is not.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        builder.Append($"#{Index} [{Kind}] {Method} /{Path}");
        foreach (var (name, value) in Headers) builder.Append($"\n    {name}: {Shorten(value, 120)}");
        if (ContentType is not null) builder.Append($"\n    Content-Type: {ContentType}");
        if (Body is not null)
        {
            builder.Append($"\n    body ({Body.Length} bytes{(Chunked ? ", chunked" : "")}): ");
            var preview = Body.AsSpan(0, Math.Min(Body.Length, 200));
            builder.Append(IsPrintable(preview) ? Encoding.ASCII.GetString(preview) : Convert.ToHexString(preview));
        }
        return builder.ToString();
    }

    private static bool IsPrintable(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            if (b is < 0x20 or > 0x7e) return false;
        return true;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + $"…({text.Length} chars)";

    /// <summary>A body sent with Transfer-Encoding: chunked (no Content-Length), to reach the mock's streaming size limit.</summary>
    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += 8192)
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(8192, body.Length - offset)));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>A request's parts, taken from a valid request of an operation, for the fuzzer to bend.</summary>
public sealed record RequestTemplate(Operation Operation, string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Headers, string? ContentType, byte[]? Body)
{
    public static async Task<RequestTemplate> FromAsync(Operation operation, HttpRequestMessage request)
    {
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).ToList();
        byte[]? body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync();
        var contentType = request.Content?.Headers.ContentType?.ToString();
        return new RequestTemplate(operation, request.Method.Method, request.RequestUri!.OriginalString, headers, contentType, body);
    }
}
