using Harness.Scenarios.Redaction;

namespace Harness.MockServer.Journal;

/// <summary>
/// The last <see cref="Capacity"/> requests plus counters of everything served. Bounded so a mock left
/// running all day does not grow. Entries are redacted when read, not when written, which keeps the
/// regex work off the request path; nothing reads the ring except <see cref="Latest"/>.
/// </summary>
public sealed class RequestJournal(Redactor redactor)
{
    public const int Capacity = 500;
    private readonly JournalEntry?[] _ring = new JournalEntry?[Capacity];
    private readonly Lock _gate = new();
    private long _sequence;
    private readonly Dictionary<int, long> _byStatus = [];

    public long Total { get { lock (_gate) return _sequence; } }

    public IReadOnlyDictionary<int, long> CountsByStatus { get { lock (_gate) return new Dictionary<int, long>(_byStatus); } }

    public void Record(DateTimeOffset at, HttpRequest request, string body, string? operation, int status, string? condition, string? forced, double durationMs, string responseBody)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var entryBody = Trim(body);
        var entryResponse = Trim(responseBody);
        lock (_gate)
        {
            var sequence = ++_sequence;
            _ring[(sequence - 1) % Capacity] = new JournalEntry(sequence, at, request.Method, request.Path.Value ?? "/", operation, status, condition, forced, durationMs, headers, entryBody, entryResponse);
            _byStatus[status] = _byStatus.GetValueOrDefault(status) + 1;
        }
    }

    /// <summary>The newest entries first.</summary>
    public IReadOnlyList<JournalEntry> Latest(int count)
    {
        lock (_gate)
        {
            var result = new List<JournalEntry>(Math.Min(count, Capacity));
            for (var s = _sequence; s > 0 && s > _sequence - Capacity && result.Count < count; s--)
                if (_ring[(s - 1) % Capacity] is { } entry) result.Add(Redacted(entry));
            return result;
        }
    }

    private JournalEntry Redacted(JournalEntry raw) => raw with
    {
        RequestHeaders = raw.RequestHeaders.ToDictionary(h => h.Key, h => redactor.Redact(Redactor.MaskHeader(h.Key, h.Value)), StringComparer.OrdinalIgnoreCase),
        Path = redactor.Redact(raw.Path),
        RequestBody = redactor.Redact(raw.RequestBody),
        ResponseBody = redactor.Redact(raw.ResponseBody),
    };

    public void Clear()
    {
        lock (_gate)
        {
            Array.Clear(_ring);
            _sequence = 0;
            _byStatus.Clear();
        }
    }

    private static string Trim(string text) => text.Length <= 4096 ? text : text[..4096] + $"…[{text.Length - 4096} more chars]";
}
