using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Globalization;
using System.Net;
using System.Text;
using Harness.MockServer.Journal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using WireMock;
using WireMock.Logging;
using WireMock.Server;

namespace Harness.MockServer.WireMock.UserMappings;

/// <summary>
/// Keeps WireMock.Net's request log and the harness's journal in step, from <see cref="WireMockServer.LogEntriesChanged"/>:
/// <list type="bullet">
/// <item>a request a user's stub, the proxy or nothing answered is journalled with that <see cref="JournalEntry.Source"/>
/// (the harness journals its own answers itself), redacted like every journal entry;</item>
/// <item>a request a harness mapping answered is deleted from WireMock.Net's log as it arrives: the journal already holds
/// it, redacted, while <c>GET /__admin/requests</c> would show its tokens, passwords and client secrets in full to anyone
/// who can reach the port. Users' and proxied requests stay there, as WireMock.Net users expect.</item>
/// </list>
/// </summary>
public sealed class RequestLogJournal : IDisposable
{
    /// <summary>WireMock.Net keeps every request it logs unless told otherwise; this is the most it keeps.</summary>
    public const int MaxRequestLogCount = 1000;

    /// <summary>More distinct mappings than any server holds: past it the cache of which mapping is whose starts again.</summary>
    private const int MaxRemembered = 10_000;

    private readonly WireMockServer _server;
    private readonly RequestJournal _journal;
    private readonly TimeProvider _clock;
    private readonly Func<IMapping, bool> _isHarness;
    private readonly Guid? _proxyMapping;
    private readonly Func<IMapping, string?> _fileOf;
    private readonly ConcurrentDictionary<(Guid, string?), IMapping> _mappings = new();

    private RequestLogJournal(WireMockServer server, RequestJournal journal, TimeProvider clock, Func<IMapping, bool> isHarness, Guid? proxyMapping, Func<IMapping, string?> fileOf)
    {
        _server = server;
        _journal = journal;
        _clock = clock;
        _isHarness = isHarness;
        _proxyMapping = proxyMapping;
        _fileOf = fileOf;
    }

    /// <summary>
    /// Starts journalling what <paramref name="server"/> answers outside the harness, and bounds its request log.
    /// <paramref name="clock"/> stamps the entries (the harness's virtual clock, as on its own entries);
    /// <paramref name="isHarness"/> tells the harness's mappings; <paramref name="proxyMapping"/> is the <see cref="FallbackProxy"/>'s;
    /// <paramref name="fileOf"/> names the mapping file a user's stub came from (null when none).
    /// </summary>
    internal static RequestLogJournal Attach(WireMockServer server, RequestJournal journal, TimeProvider clock, Func<IMapping, bool> isHarness,
        Guid? proxyMapping = null, Func<IMapping, string?>? fileOf = null, int maxRequestLogCount = MaxRequestLogCount)
    {
        var bridge = new RequestLogJournal(server, journal, clock, isHarness, proxyMapping, fileOf ?? (_ => null));
        server.SetMaxRequestLogCount(maxRequestLogCount);
        server.LogEntriesChanged += bridge.OnLogEntriesChanged;
        return bridge;
    }

    private void OnLogEntriesChanged(object? sender, NotifyCollectionChangedEventArgs change)
    {
        if (change is not { Action: NotifyCollectionChangedAction.Add, NewItems: { } added }) return;
        foreach (var entry in added.OfType<ILogEntry>()) Arrived(entry);
    }

    private void Arrived(ILogEntry entry)
    {
        if (entry.MappingGuid is not { } guid)
        {
            Record(entry, JournalSources.Unmatched, "no mapping matched");
            return;
        }
        if (guid == _proxyMapping)
        {
            Record(entry, JournalSources.Proxy, "proxied: no mapping matched");
            return;
        }
        var mapping = MappingOf(guid, entry.MappingTitle);
        if (mapping is not null && _isHarness(mapping))
        {
            _server.DeleteLogEntry(entry.Guid);
            return;
        }
        var file = mapping is null ? null : _fileOf(mapping);
        Record(entry, JournalSources.UserStub, $"mapping {entry.MappingTitle ?? guid.ToString()}{(file is null ? "" : $" ({file})")}");
    }

    /// <summary>
    /// The mapping that answered, remembered by Guid and title: looking it up copies every mapping of the server, once per
    /// mapping instead of once per request. A mapping replaced under the same Guid usually changes its title too.
    /// </summary>
    private IMapping? MappingOf(Guid guid, string? title)
    {
        if (_mappings.TryGetValue((guid, title), out var known)) return known;
        if (_mappings.Count > MaxRemembered) _mappings.Clear();
        var mapping = _server.Mappings.FirstOrDefault(m => m.Guid == guid);
        if (mapping is not null) _mappings[(guid, title)] = mapping; // one being replaced right now is looked up again next time
        return mapping;
    }

    private void Record(ILogEntry entry, string source, string condition)
    {
        var request = entry.RequestMessage;
        var response = entry.ResponseMessage;
        var headers = new HeaderDictionary();
        foreach (var (name, values) in request.Headers ?? new Dictionary<string, global::WireMock.Types.WireMockList<string>>())
            headers[name] = new StringValues([.. values]);
        var duration = (TimeProvider.System.GetUtcNow() - new DateTimeOffset(DateTime.SpecifyKind(request.DateTime, DateTimeKind.Utc))).TotalMilliseconds;
        _journal.RecordAnsweredElsewhere(source, _clock.GetUtcNow(), request.Method, request.Path, headers, request.Body ?? Bytes(request.BodyAsBytes),
            StatusOf(response), condition, Math.Max(0, duration), response is null ? "" : BodyOf(response));
    }

    /// <summary>WireMock.Net keeps a status as an int, an <see cref="HttpStatusCode"/> or a string; none means 200.</summary>
    private static int StatusOf(IResponseMessage? response) => response?.StatusCode switch
    {
        int status => status,
        HttpStatusCode status => (int)status,
        string text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var status) => status,
        _ => 200,
    };

    private static string BodyOf(IResponseMessage response) => response.BodyData switch
    {
        { BodyAsString: { } text } => text,
        { BodyAsJson: { } json } => Newtonsoft.Json.JsonConvert.SerializeObject(json),
        { BodyAsBytes: { } bytes } => Bytes(bytes),
        _ => "",
    };

    private static string Bytes(byte[]? bytes) => bytes is null or { Length: 0 } ? "" : Encoding.UTF8.GetString(bytes);

    public void Dispose() => _server.LogEntriesChanged -= OnLogEntriesChanged;
}
