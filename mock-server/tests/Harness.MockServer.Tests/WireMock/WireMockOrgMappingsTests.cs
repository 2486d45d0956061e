using WireMock.Server;
using WireMock.Settings;

namespace Harness.MockServer.Tests.WireMock;

/// <summary>
/// The WireMock.Net column of the differential reads the export through <see cref="WireMockOrgMappings"/>: a pattern it
/// cannot translate must stop the load with the file's name, not be dropped as WireMock.Net's own reader drops it
/// (which would leave a stub matching more than the jar's).
/// </summary>
[TestFixture]
public sealed class WireMockOrgMappingsTests
{
    private string _folder = null!;
    private WireMockServer _server = null!;

    [SetUp]
    public void Start()
    {
        _folder = Path.Combine(Path.GetTempPath(), "harness-orgmappings-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        _server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{WireMockJar.FreePort()}"], MaxRequestLogCount = 16 });
    }

    [TearDown]
    public void Stop()
    {
        _server.Stop();
        _server.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public void A_pattern_without_a_WireMock_Net_counterpart_fails_the_load_naming_the_file()
    {
        File.WriteAllText(Path.Combine(_folder, "a.json"), """
            { "request": { "method": "POST", "urlPath": "/a" }, "response": { "status": 200 } }
            """);
        var unknown = Path.Combine(_folder, "b.json");
        File.WriteAllText(unknown, """
            { "request": { "method": "POST", "urlPath": "/b", "bodyPatterns": [ { "matchesXPath": "/x" } ] }, "response": { "status": 200 } }
            """);

        var load = () => WireMockOrgMappings.LoadFolder(_server, _folder);

        load.Should().Throw<FormatException>().WithMessage($"{unknown}: *matchesXPath*");
    }

    [Test]
    public async Task Priority_absent_and_not_keep_their_wiremock_meaning()
    {
        File.WriteAllText(Path.Combine(_folder, "forced.json"), """
            { "priority": 1, "request": { "method": "POST", "urlPath": "/t", "headers": { "X-Force": { "equalTo": "401" } } },
              "response": { "status": 401 } }
            """);
        File.WriteAllText(Path.Combine(_folder, "missing.json"), """
            { "priority": 9, "request": { "method": "POST", "urlPath": "/t", "formParameters": { "grant_type": { "absent": true } } },
              "response": { "status": 400, "body": "missing" } }
            """);
        File.WriteAllText(Path.Combine(_folder, "other.json"), """
            { "priority": 10, "request": { "method": "POST", "urlPath": "/t",
                "formParameters": { "grant_type": { "doesNotMatch": "(?:\\Qrefresh_token\\E)" } } },
              "response": { "status": 400, "body": "unsupported" } }
            """);
        File.WriteAllText(Path.Combine(_folder, "ok.json"), """
            { "priority": 40, "request": { "method": "POST", "urlPath": "/t",
                "bodyPatterns": [ { "not": { "matches": "(?s).*bad.*" } } ] },
              "response": { "status": 200 } }
            """);
        WireMockOrgMappings.LoadFolder(_server, _folder).Should().Be(4);
        using var http = new HttpClient { BaseAddress = new Uri(_server.Url! + "/") };

        async Task<string> Answer(string body, string? force = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "t") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
            if (force is not null) request.Headers.Add("X-Force", force);
            using var response = await http.SendAsync(request);
            return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}".Trim();
        }

        (await Answer("grant_type=refresh_token", force: "401")).Should().Be("401", "the lowest priority wins, as in WireMock");
        (await Answer("refresh_token=x")).Should().Be("400 missing");
        (await Answer("grant_type=password")).Should().Be("400 unsupported");
        (await Answer("grant_type=refresh_token")).Should().Be("200");
        (await Answer("grant_type=refresh_token&bad=1")).Should().StartWith("404", "no mapping matches a body the not-pattern rejects");
    }
}
