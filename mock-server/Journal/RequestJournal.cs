using System.Text;
using Harness.Scenarios.Redaction;

namespace Harness.MockServer.Journal;

/// <summary>
/// The last <see cref="Capacity"/> requests plus counters of everything served. Bounded so a mock left
/// running all day does not grow. Entries are redacted when read, not when written, which keeps the
/// regex work off the request path; nothing reads the ring except <see cref="Latest"/>.
/// </summary>
/// <remarks>
/// Recording copies only what would not survive the request (the header values, the response bytes) into
/// a compact slot; the <see cref="JournalEntry"/> with its header dictionary and decoded body is built when
/// the journal is read, which is rare next to the requests that write it.
/// </remarks>
public sealed class RequestJournal(Redactor redactor)
{
    public const int Capacity = 500;
    private const int MaxChars = 4096;
    private readonly Raw?[] _ring = new Raw?[Capacity];
    private readonly Lock _gate = new();
    private long _sequence;
    private readonly Dictionary<int, long> _byStatus = [];

    public long Total { get { lock (_gate) return _sequence; } }

    public IReadOnlyDictionary<int, long> CountsByStatus { get { lock (_gate) return new Dictionary<int, long>(_byStatus); } }

    public void Record(DateTimeOffset at, HttpRequest request, string body, string? operation, int status, string? condition, string? forced, double durationMs, string responseBody) =>
        Add(new Raw(at, request.Method, request.Path.Value ?? "/", operation, status, condition, forced, durationMs, Headers(request), Trim(body), Trim(responseBody), null));

    /// <summary>Records a response written as UTF-8 bytes; the bytes are kept as they are and decoded only if the entry is read.</summary>
    public void Record(DateTimeOffset at, HttpRequest request, string body, string? operation, int status, string? condition, string? forced, double durationMs, byte[] responseUtf8) =>
        Add(new Raw(at, request.Method, request.Path.Value ?? "/", operation, status, condition, forced, durationMs, Headers(request), Trim(body), null, responseUtf8));

    private void Add(Raw raw)
    {
        lock (_gate)
        {
            var sequence = ++_sequence;
            raw.Sequence = sequence;
            _ring[(sequence - 1) % Capacity] = raw;
            _byStatus[raw.Status] = _byStatus.GetValueOrDefault(raw.Status) + 1;
        }
    }

    /// <summary>The newest entries first.</summary>
    public IReadOnlyList<JournalEntry> Latest(int count)
    {
        var raws = new List<Raw>(Math.Min(Math.Max(count, 0), Capacity));
        lock (_gate)
        {
            for (var s = _sequence; s > 0 && s > _sequence - Capacity && raws.Count < count; s--)
                if (_ring[(s - 1) % Capacity] is { } entry) raws.Add(entry);
        }
        return raws.ConvertAll(Redacted);
    }

    private JournalEntry Redacted(Raw raw)
    {
        var headers = new Dictionary<string, string>(raw.Headers.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in raw.Headers) headers[name] = redactor.Redact(Redactor.MaskHeader(name, value));
        var response = raw.ResponseBody ?? Trim(Encoding.UTF8.GetString(raw.ResponseUtf8 ?? []));
        return new JournalEntry(raw.Sequence, raw.At, raw.Method, redactor.Redact(raw.Path), raw.Operation, raw.Status, raw.Condition, raw.Forced,
            raw.DurationMs, headers, redactor.Redact(raw.RequestBody), redactor.Redact(response));
    }

    public void Clear()
    {
        lock (_gate)
        {
            Array.Clear(_ring);
            _sequence = 0;
            _byStatus.Clear();
        }
    }

    private static KeyValuePair<string, string>[] Headers(HttpRequest request)
    {
        var headers = request.Headers;
        var copy = new KeyValuePair<string, string>[headers.Count];
        var i = 0;
        foreach (var header in headers)
        {
            if (i == copy.Length) Array.Resize(ref copy, copy.Length * 2 + 1);
            copy[i++] = new KeyValuePair<string, string>(header.Key, header.Value.ToString());
        }
        return i == copy.Length ? copy : copy[..i];
    }

    private static string Trim(string text) => text.Length <= MaxChars ? text : text[..MaxChars] + $"…[{text.Length - MaxChars} more chars]";

    /// <summary>One recorded request as written: the header values copied, the response as text or as its UTF-8 bytes.</summary>
    private sealed record Raw(
        DateTimeOffset At,
        string Method,
        string Path,
        string? Operation,
        int Status,
        string? Condition,
        string? Forced,
        double DurationMs,
        KeyValuePair<string, string>[] Headers,
        string RequestBody,
        string? ResponseBody,
        byte[]? ResponseUtf8)
    {
        public long Sequence { get; set; }
    }
}
