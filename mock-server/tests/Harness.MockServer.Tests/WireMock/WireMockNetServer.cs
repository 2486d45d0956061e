using System.Diagnostics;
using Harness.MockServer.WireMock;
using WireMock.Server;
using WireMock.Settings;

namespace Harness.MockServer.Tests.WireMock;

/// <summary>
/// A plain WireMock.Net server (no harness in it) on a free loopback port, serving the mapping files of an export
/// folder (<see cref="WireMockOrgMappings"/>).
/// </summary>
internal sealed class WireMockNetServer : IStubServer
{
    private readonly WireMockServer _server;

    private WireMockNetServer(WireMockServer server)
    {
        _server = server;
        BaseAddress = new Uri(server.Url! + "/");
    }

    public string Label => "WireMock.Net";

    public Uri BaseAddress { get; }

    public static WireMockNetServer Start(string exportRoot)
    {
        var server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [$"http://127.0.0.1:{WireMockJar.FreePort()}"],
            // The request log tells which mapping answered; one exchange at a time is all it needs to keep.
            MaxRequestLogCount = 16,
        });
        try
        {
            WireMockOrgMappings.LoadFolder(server, Path.Combine(exportRoot, "mappings"));
        }
        catch
        {
            server.Stop();
            server.Dispose();
            throw;
        }
        return new WireMockNetServer(server);
    }

    public Task<int> LoadedMappingsAsync() => Task.FromResult(_server.Mappings.Count());

    /// <summary>
    /// WireMock.Net sends no <c>Matched-Stub-Id</c> header (the jar does): the mapping that answered is read from its
    /// request log, which it writes just after the response, hence the short wait.
    /// </summary>
    public async Task<(HttpResponseMessage Response, string? AnsweredBy)> SendAsync(HttpClient http, ExampleRequest request)
    {
        _server.ResetLogEntries();
        var response = await ExampleExchange.SendAsync(http, BaseAddress, request);
        var waited = Stopwatch.StartNew();
        while (!_server.LogEntries.Any() && waited.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(5);
        return (response, _server.LogEntries.FirstOrDefault()?.MappingGuid?.ToString());
    }

    public ValueTask DisposeAsync()
    {
        _server.Stop();
        _server.Dispose();
        return ValueTask.CompletedTask;
    }
}
