using System.Text.Json.Nodes;
using Harness.MockServer.Hosting;
using Harness.MockServer.Journal;
using Microsoft.AspNetCore.Http;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Harness.MockServer.WireMock.UserMappings;

/// <summary>
/// Users' own stubs beside the contract on a <see cref="WireMockServer"/>: the <c>--mappings</c> folder
/// (<see cref="UserMappingFolder"/>), the <c>--proxy</c> backend (<see cref="FallbackProxy"/>), the journal's account of
/// what they answered (<see cref="RequestLogJournal"/>), and <c>GET /__harness/user-stubs</c>, which tells the dashboard
/// where each stub came from. Stubs posted to WireMock.Net's <c>/__admin/mappings</c> need nothing here: they are
/// mappings like any other, journalled as user stubs.
/// </summary>
public sealed class UserStubs : IDisposable
{
    public const string StatusPath = "/__harness/user-stubs";

    /// <summary>The name of the harness mapping that answers <see cref="StatusPath"/> (its title and stable id come from it).</summary>
    private const string StatusName = "users' stubs " + StatusPath;

    private readonly RequestLogJournal _log;
    private readonly Func<IMapping, bool> _isHarness;
    private readonly WireMockServer _server;

    private UserStubs(WireMockServer server, RequestLogJournal log, UserMappingFolder? folder, Uri? proxy, Func<IMapping, bool> isHarness)
    {
        _server = server;
        _log = log;
        Folder = folder;
        Proxy = proxy;
        _isHarness = isHarness;
    }

    /// <summary>The <c>--mappings</c> folder, when one was given.</summary>
    public UserMappingFolder? Folder { get; }

    /// <summary>The <c>--proxy</c> backend, when one was given.</summary>
    public Uri? Proxy { get; }

    /// <summary>Mapping files that could not be loaded, as they stand now.</summary>
    public IReadOnlyList<MappingFileProblem> Problems => Folder?.Problems ?? [];

    /// <summary>
    /// Adds users' stubs to a server that serves the harness. <paramref name="options"/> gives <c>--mappings</c> and
    /// <c>--proxy</c> (validated by <see cref="MockServerOptions.Validate"/>); <paramref name="journal"/> and
    /// <paramref name="clock"/> are the harness's; <paramref name="fallbackMapping"/> is the Guid of the harness's fallback
    /// mapping, whose answer the proxy replaces; <paramref name="isHarness"/> tells the harness's own mappings;
    /// <paramref name="console"/> hears what was loaded and every file that could not be (which the journal also shows).
    /// </summary>
    internal static UserStubs Attach(WireMockServer server, MockServerOptions options, RequestJournal journal, TimeProvider clock,
        Guid fallbackMapping, Func<IMapping, bool> isHarness, TextWriter console)
    {
        Uri? proxy = options.ProxyUrl is { } url ? new Uri(url, UriKind.Absolute) : null;
        Guid? proxyMapping = proxy is null ? null : FallbackProxy.Attach(server, fallbackMapping, proxy);
        UserMappingFolder? folder = null;
        var log = RequestLogJournal.Attach(server, journal, clock, isHarness, proxyMapping, mapping => folder?.FileOf(mapping));
        if (options.MappingsFolder is { } dir)
        {
            folder = UserMappingFolder.Attach(server, dir,
                note => console.WriteLine($"  your stubs           {note}"),
                problem =>
                {
                    console.WriteLine($"  your stubs           NOT LOADED {problem}");
                    journal.RecordAnsweredElsewhere(JournalSources.MappingFile, clock.GetUtcNow(), "LOAD", problem.File, new HeaderDictionary(), "",
                        StatusCodes.Status422UnprocessableEntity, "malformed mapping file", 0, problem.ToString());
                });
        }
        var stubs = new UserStubs(server, log, folder, proxy, isHarness);
        // Before the control surface's own mappings (same band, one better), so the harness's /__harness catch-all does not take it.
        server.Given(Request.Create().WithPath(StatusPath).UsingGet())
            .WithGuid(HarnessMappings.GuidOf(StatusName))
            .WithTitle(HarnessMappings.TitlePrefix + StatusName)
            .AtPriority(HarnessPriorities.ControlSurface - 1)
            .RespondWith(Response.Create().WithCallback(_ => new ResponseMessage
            {
                StatusCode = 200,
                Headers = new Dictionary<string, global::WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json; charset=utf-8") },
                BodyData = new global::WireMock.Util.BodyData { BodyAsString = stubs.Status().ToJsonString(), DetectedBodyType = global::WireMock.Types.BodyType.String },
            }));
        return stubs;
    }

    /// <summary>
    /// What <c>GET /__harness/user-stubs</c> answers: the users' mappings (Guid, title, priority, source file), the proxy and
    /// the files that could not be loaded. No more than <c>/__admin/mappings</c> shows on the same port (it shows the
    /// mappings whole), and no secret: the proxy's URL is shown without a user name or password.
    /// </summary>
    public JsonObject Status()
    {
        var mappings = new JsonArray();
        foreach (var mapping in _server.Mappings.Where(m => !m.IsAdminInterface && !_isHarness(m) && m.Title != FallbackProxy.Title).OrderBy(m => m.Priority))
        {
            mappings.Add(new JsonObject
            {
                ["guid"] = mapping.Guid.ToString(),
                ["title"] = mapping.Title,
                ["priority"] = mapping.Priority,
                ["file"] = Folder?.FileOf(mapping),
            });
        }
        var problems = new JsonArray();
        foreach (var problem in Problems) problems.Add(new JsonObject { ["file"] = problem.File, ["line"] = problem.Line, ["column"] = problem.Column, ["reason"] = problem.Reason });
        return new JsonObject
        {
            ["mappingsFolder"] = Folder?.Folder,
            ["proxy"] = Proxy is null ? null : FallbackProxy.Shown(Proxy),
            ["mappings"] = mappings,
            ["problems"] = problems,
        };
    }

    public void Dispose()
    {
        _log.Dispose();
        Folder?.Dispose();
    }
}
