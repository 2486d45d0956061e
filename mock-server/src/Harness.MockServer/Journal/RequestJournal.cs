using System.Buffers.Binary;
using System.Text;
using Harness.Scenarios.Redaction;

namespace Harness.MockServer.Journal;

/// <summary>
/// The last <see cref="Capacity"/> requests plus counters of everything served. Bounded so a mock left
/// running all day does not grow. Entries are redacted when read, not when written, which keeps the
/// regex work off the request path; nothing reads the ring except <see cref="Latest"/>.
/// </summary>
/// <remarks>
/// Recording copies what would not survive the request — header names and values, the request body, the
/// response bytes — as UTF-8 into a slot of one arena allocated up front, and keeps beside it only values
/// that outlive requests anyway (method, path, operation and condition names). Under load the last 500
/// requests are all younger than the last garbage collection; kept as objects they were copied by every
/// young collection, which made those several times slower. The <see cref="JournalEntry"/>, with its
/// header dictionary and decoded bodies, is built when the journal is read. An entry too big for a slot
/// (or with text UTF-8 cannot hold) is kept as objects instead; FastPaths/RequestJournalTests records the same
/// requests into a journal whose slots hold nothing, so every entry spills, and compares what the two read back.
/// </remarks>
internal sealed class RequestJournal
{
    public const int Capacity = 500;
    private const int MaxChars = 4096;

    /// <summary>
    /// What a spilled entry keeps of a long text: more than is shown, because texts are cut after redaction — a token
    /// cut in two before it no longer looks like one, and its first half would be shown in clear.
    /// </summary>
    private const int KeptChars = 4 * MaxChars;
    private const int DefaultSlotBytes = 4096;

    private volatile Redactor _redactor; // replaced on a contract reload (RedactWith)
    private readonly int _slotBytes;
    private readonly Meta[] _meta = new Meta[Capacity];
    private byte[]? _arena; // allocated on the first request
    private readonly Lock _gate = new();
    private long _sequence;
    private readonly Dictionary<int, long> _byStatus = [];

    public RequestJournal(Redactor redactor) : this(redactor, DefaultSlotBytes)
    {
    }

    /// <summary>A journal with slots of another size; 0 keeps every entry as objects (the simple path the tests compare with).</summary>
    internal RequestJournal(Redactor redactor, int slotBytes)
    {
        _redactor = redactor;
        _slotBytes = slotBytes;
    }

    public long Total { get { lock (_gate) return _sequence; } }

    public IReadOnlyDictionary<int, long> CountsByStatus { get { lock (_gate) return new Dictionary<int, long>(_byStatus); } }

    public void Record(DateTimeOffset at, HttpRequest request, string body, string? operation, int status, string? condition, string? forced, double durationMs, string responseBody) =>
        Add(new Meta(at, request.Method, request.Path.Value ?? "/", operation, status, condition, forced, durationMs), request.Headers, body, null, responseBody);

    /// <summary>Records a response written as UTF-8 bytes; the bytes are kept as they are and decoded only if the entry is read.</summary>
    public void Record(DateTimeOffset at, HttpRequest request, string body, string? operation, int status, string? condition, string? forced, double durationMs, byte[] responseUtf8) =>
        Add(new Meta(at, request.Method, request.Path.Value ?? "/", operation, status, condition, forced, durationMs), request.Headers, body, responseUtf8, null);

    /// <summary>
    /// Records a request the harness did not answer (on the WireMock.Net host: a user's stub, the proxy, or nothing;
    /// see <see cref="JournalSources"/>), or a mapping file that could not be loaded. Redacted when read, like every entry.
    /// </summary>
    public void RecordAnsweredElsewhere(string source, DateTimeOffset at, string method, string path, IHeaderDictionary headers, string body, int status, string? condition, double durationMs, string responseBody) =>
        Add(new Meta(at, method, path, null, status, condition, null, durationMs) { Source = source }, headers, body, null, responseBody);

    private void Add(Meta meta, HttpRequest request, string body, byte[]? responseUtf8, string? responseText) =>
        Add(meta, request.Headers, body, responseUtf8, responseText);

    /// <summary>The method of an entry that is a note of the mock's own (a contract reload), not a served request.</summary>
    public const string NoteMethod = "NOTE";

    /// <summary>
    /// Records what the mock itself did (a contract reloaded or refused) among the requests, so whoever reads the journal
    /// sees why answers changed from one entry to the next. Counted in <see cref="Total"/>, under no status.
    /// </summary>
    public void RecordNote(DateTimeOffset at, string path, string condition, string note) =>
        Add(new Meta(at, NoteMethod, path, null, 0, condition, note, 0), EmptyHeaders, "", null, "");

    private static readonly HeaderDictionary EmptyHeaders = new();

    /// <summary>
    /// After a contract reload: entries are redacted when read, so from now on with the secret names of every contract
    /// version the journal may still hold (the new redactor knows the old names too).
    /// </summary>
    public void RedactWith(Redactor next) => _redactor = next;

    private void Add(Meta meta, IHeaderDictionary headers, string body, byte[]? responseUtf8, string? responseText)
    {
        lock (_gate)
        {
            var sequence = ++_sequence;
            var index = (int)((sequence - 1) % Capacity);
            _arena ??= new byte[Capacity * _slotBytes];
            var slot = _arena.AsSpan(index * _slotBytes, _slotBytes);
            var written = Pack(slot, headers, body, responseUtf8, responseText);
            meta.Sequence = sequence;
            meta.PackedBytes = written;
            // Too big for a slot, or text UTF-8 cannot carry: kept as objects, as written.
            meta.Spilled = written < 0 ? new Spilled(CopyHeaders(headers), Keep(body), responseText is null ? null : Keep(responseText), responseUtf8) : null;
            _meta[index] = meta;
            if (!ReferenceEquals(meta.Method, NoteMethod)) _byStatus[meta.Status] = _byStatus.GetValueOrDefault(meta.Status) + 1;
        }
    }

    /// <summary>The newest entries first.</summary>
    public IReadOnlyList<JournalEntry> Latest(int count)
    {
        var raws = new List<(Meta Meta, KeyValuePair<string, string>[] Headers, string RequestBody, string ResponseBody)>(Math.Min(Math.Max(count, 0), Capacity));
        lock (_gate)
        {
            for (var s = _sequence; s > 0 && s > _sequence - Capacity && raws.Count < count; s--)
            {
                var index = (int)((s - 1) % Capacity);
                var meta = _meta[index];
                if (meta.Sequence != s) continue;
                raws.Add(meta.Spilled is { } spilled
                    ? (meta, spilled.Headers, spilled.RequestBody, spilled.ResponseBody ?? Keep(Encoding.UTF8.GetString(spilled.ResponseUtf8 ?? [])))
                    : Unpack(meta, _arena!.AsSpan(index * _slotBytes, meta.PackedBytes)));
            }
        }
        return raws.ConvertAll(raw => Redacted(raw.Meta, raw.Headers, raw.RequestBody, raw.ResponseBody));
    }

    private JournalEntry Redacted(Meta meta, KeyValuePair<string, string>[] rawHeaders, string requestBody, string responseBody)
    {
        var headers = new Dictionary<string, string>(rawHeaders.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in rawHeaders) headers[name] = _redactor.Redact(_redactor.MaskHeader(name, value));
        return new JournalEntry(meta.Sequence, meta.At, meta.Method, _redactor.Redact(meta.Path), meta.Operation, meta.Status, meta.Condition, meta.Forced,
            meta.DurationMs, headers, Trim(_redactor.Redact(requestBody)), Trim(_redactor.Redact(responseBody)), meta.Source);
    }

    public void Clear()
    {
        lock (_gate)
        {
            Array.Clear(_meta);
            _sequence = 0;
            _byStatus.Clear();
        }
    }

    // ---- the slot format: [int n] n × ([int len] name, [int len] value), [int len] request body, [int len] response — lengths in bytes, UTF-8 ----

    /// <summary>Writes an entry's texts into its slot; -1 when they do not fit or UTF-8 cannot carry them.</summary>
    private static int Pack(Span<byte> slot, IHeaderDictionary headers, string body, byte[]? responseUtf8, string? responseText)
    {
        var at = 0;
        if (!Put(slot, ref at, headers.Count)) return -1;
        var count = 0;
        foreach (var header in headers)
        {
            if (!PutText(slot, ref at, header.Key) || !PutText(slot, ref at, header.Value.ToString())) return -1;
            count++;
        }
        BinaryPrimitives.WriteInt32LittleEndian(slot, count);
        if (!PutText(slot, ref at, body)) return -1;
        if (responseUtf8 is not null)
        {
            if (!Put(slot, ref at, responseUtf8.Length) || responseUtf8.Length > slot.Length - at) return -1;
            responseUtf8.CopyTo(slot[at..]);
            at += responseUtf8.Length;
        }
        else if (!PutText(slot, ref at, responseText ?? "")) return -1;
        return at;
    }

    private static bool Put(Span<byte> slot, ref int at, int value)
    {
        if (slot.Length - at < 4) return false;
        BinaryPrimitives.WriteInt32LittleEndian(slot[at..], value);
        at += 4;
        return true;
    }

    private static bool PutText(Span<byte> slot, ref int at, string text)
    {
        // A lone surrogate would not come back from UTF-8 as it went in.
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0 || slot.Length - at < 4) return false;
        if (!Encoding.UTF8.TryGetBytes(text, slot[(at + 4)..], out var length)) return false;
        BinaryPrimitives.WriteInt32LittleEndian(slot[at..], length);
        at += 4 + length;
        return true;
    }

    private static (Meta, KeyValuePair<string, string>[], string, string) Unpack(Meta meta, ReadOnlySpan<byte> slot)
    {
        var at = 0;
        var headers = new KeyValuePair<string, string>[Take(slot, ref at)];
        for (var i = 0; i < headers.Length; i++) headers[i] = new KeyValuePair<string, string>(TakeText(slot, ref at), TakeText(slot, ref at));
        var requestBody = TakeText(slot, ref at);
        var responseBody = TakeText(slot, ref at);
        return (meta, headers, requestBody, responseBody);
    }

    private static int Take(ReadOnlySpan<byte> slot, ref int at)
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(slot[at..]);
        at += 4;
        return value;
    }

    private static string TakeText(ReadOnlySpan<byte> slot, ref int at)
    {
        var length = Take(slot, ref at);
        var text = Encoding.UTF8.GetString(slot.Slice(at, length));
        at += length;
        return text;
    }

    private static KeyValuePair<string, string>[] CopyHeaders(IHeaderDictionary headers)
    {
        var copy = new List<KeyValuePair<string, string>>(headers.Count);
        foreach (var header in headers) copy.Add(new KeyValuePair<string, string>(header.Key, header.Value.ToString()));
        return [.. copy];
    }

    private static string Trim(string text) => text.Length <= MaxChars ? text : text[..MaxChars] + $"…[{text.Length - MaxChars} more chars]";

    private static string Keep(string text) => text.Length <= KeptChars ? text : text[..KeptChars];

    /// <summary>What a slot holds beside its bytes; the strings here outlive requests anyway.</summary>
    private struct Meta(DateTimeOffset at, string method, string path, string? operation, int status, string? condition, string? forced, double durationMs)
    {
        public long Sequence;
        public int PackedBytes;
        public Spilled? Spilled;
        public readonly DateTimeOffset At = at;
        public readonly string Method = method;
        public readonly string Path = path;
        public readonly string? Operation = operation;
        public readonly int Status = status;
        public readonly string? Condition = condition;
        public readonly string? Forced = forced;
        public readonly double DurationMs = durationMs;
        public string Source { get; init; } = JournalSources.Contract;
    }

    /// <summary>An entry kept as objects: too big for a slot, or with text UTF-8 cannot carry.</summary>
    private sealed record Spilled(KeyValuePair<string, string>[] Headers, string RequestBody, string? ResponseBody, byte[]? ResponseUtf8);
}
