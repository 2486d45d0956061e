using Harness.MockServer.Journal;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Harness.MockServer.Tests.WireMock.UserMappings;

/// <summary>--proxy URL: a request no mapping matches goes to a second local server instead of the harness's 404.</summary>
public sealed class FallbackProxyTests
{
    private WireMockServer _backend = null!;

    [SetUp]
    public void StartBackend()
    {
        _backend = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        _backend.Given(Request.Create().WithPath("/orders/7").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody("order 7 from the backend"));
    }

    [TearDown]
    public void StopBackend()
    {
        _backend.Stop();
        _backend.Dispose();
    }

    [Test]
    public async Task UnknownPath_IsProxiedToTheBackend_ContractStillAnsweredByTheHarness()
    {
        using var mock = UserStubServer.Start(proxy: _backend.Url);

        (await mock.SendAsync(HttpMethod.Get, "/orders/7")).Should().Be((200, "order 7 from the backend"));
        (await mock.SendAsync(HttpMethod.Post, UserStubServer.ContractPath)).Body.Should().Be(UserStubServer.HarnessAnswer);
        _backend.LogEntries.Should().ContainSingle().Which.RequestMessage.Path.Should().Be("/orders/7");
        var proxied = mock.Journal.Latest(10).Should().ContainSingle().Subject;
        (proxied.Source, proxied.Path, proxied.Status, proxied.ResponseBody).Should().Be((JournalSources.Proxy, "/orders/7", 200, "order 7 from the backend"));
    }

    [Test]
    public async Task WithoutProxy_UnknownPath_GetsTheHarnessFallback()
    {
        using var mock = UserStubServer.Start();

        (await mock.SendAsync(HttpMethod.Get, "/orders/7")).Status.Should().Be(404);
        _backend.LogEntries.Should().BeEmpty();
    }
}
