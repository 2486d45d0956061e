using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Engine;

/// <summary>
/// A token answer's body, serialized once per operation with a marker where each bound value goes (the
/// tokens, lifetimes, ids) and cut into constant UTF-8 pieces around the markers. A response is then the
/// pieces with the values written between them: no JsonObject built and serialized per request, and the
/// same bytes, since the layout comes from the very code that used to build each body.
/// </summary>
internal sealed class TokenBodyTemplate
{
    private readonly byte[][] _pieces;             // one more than the holes
    private readonly ResponseField[] _holes;       // the bound field written after each piece but the last

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_output;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    private TokenBodyTemplate(byte[][] pieces, ResponseField[] holes)
    {
        _pieces = pieces;
        _holes = holes;
    }

    /// <summary>
    /// Lays out a token answer. A contract whose paths nest inside a bound value cannot be cut around it; no contract
    /// does, and such a one is refused here, when the mock prepares its operations, rather than answered another way
    /// (FastPaths/TokenBodyTemplateTests compiles every contract's answers and compares them with the per-field build).
    /// </summary>
    public static TokenBodyTemplate Compile(IReadOnlyList<ResponseField> fields)
    {
        try
        {
            var body = new JsonObject();
            var markers = new List<(string Marker, ResponseField Field)>();
            for (var i = 0; i < fields.Count; i++)
            {
                var field = fields[i];
                if (!SlotFiller.Fills(field))
                {
                    BodyPath.Set(body, field.Path, SlotFiller.Constant(field));
                    continue;
                }
                var marker = JsonValue.Create($"\u0001harness-bound-value-{i}\u0001");
                markers.Add((marker.ToJsonString(), field));
                BodyPath.Set(body, field.Path, marker);
            }
            var json = body.ToJsonString();
            var holes = markers
                .Select(m => (At: json.IndexOf(m.Marker, StringComparison.Ordinal), m.Marker.Length, m.Field))
                .Where(h => h.At >= 0) // a later field at the same path replaced it
                .OrderBy(h => h.At)
                .ToList();
            var pieces = new byte[holes.Count + 1][];
            var from = 0;
            for (var h = 0; h < holes.Count; h++)
            {
                pieces[h] = Encoding.UTF8.GetBytes(json[from..holes[h].At]);
                from = holes[h].At + holes[h].Length;
            }
            pieces[^1] = Encoding.UTF8.GetBytes(json[from..]);
            return new TokenBodyTemplate(pieces, [.. holes.Select(h => h.Field)]);
        }
        catch (Exception e) when (e is InvalidCastException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new InvalidOperationException(
                $"the token answer's fields ({string.Join(", ", fields.Select(f => f.Path))}) nest a path inside a value the mock fills in: {e.Message}", e);
        }
    }

    /// <summary>The body of one answer, as UTF-8 JSON.</summary>
    public byte[] Fill(TokenAnswer answer)
    {
        var values = ValuesOf(answer);
        var output = t_output ??= new ArrayBufferWriter<byte>(2048);
        output.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(output);
        for (var h = 0; h < _holes.Length; h++)
        {
            output.Write(_pieces[h]);
            writer.Reset(output);
            SlotFiller.Write(writer, _holes[h], values);
            writer.Flush();
        }
        output.Write(_pieces[^1]);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>What the answer's bound fields are filled from: the pair just minted and its family.</summary>
    internal static AnswerValues ValuesOf(TokenAnswer answer)
    {
        var pair = answer.Pair;
        var family = pair.Family;
        return new AnswerValues(pair.Access.Utf8, pair.Refresh.Utf8, answer.Now, pair.AccessExpiresAt, pair.RefreshExpiresAt, family.FixedExpiresAt,
            family.ClientId, family.Account.Identity.AccountId, answer.Scope, family.Id, family.Tenant);
    }

}

/// <summary>A rendered body: a node (errors, discovery, keys) or UTF-8 bytes (token answers).</summary>
internal readonly struct Rendered
{
    private readonly byte[]? _utf8;

    public Rendered(JsonNode? node) => Node = node;

    public Rendered(byte[] utf8) => _utf8 = utf8;

    public JsonNode? Node { get; }

    /// <summary>The body as text, exactly as it goes on the wire.</summary>
    public string Text => _utf8 is not null ? Encoding.UTF8.GetString(_utf8) : Node?.ToJsonString() ?? "";

    /// <summary>The body as UTF-8 bytes.</summary>
    public byte[] Utf8 => _utf8 ?? Encoding.UTF8.GetBytes(Text);
}
