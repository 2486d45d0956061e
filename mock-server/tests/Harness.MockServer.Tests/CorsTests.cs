namespace Harness.MockServer.Tests;

/// <summary>A browser app on http://localhost:3000 can call every API: preflights are allowed and answers carry Access-Control-Allow-Origin.</summary>
[TestFixtureSource(typeof(MockHosts), nameof(MockHosts.All))]
[Parallelizable(ParallelScope.Self)]
public sealed class CorsTests(MockHost host) : SharedMockFixture(host)
{
    private const string Origin = "http://localhost:3000";
    private static readonly string[] AgsHeaders = ["x-auth-service-id", "nv-tenant-id", "x-correlation-id", "authorization", "content-type"];

    [TestCase("ags/refresh", "POST")]
    [TestCase("ags/signOnWithSessionToken", "POST")]
    [TestCase("api/v2/auth/token", "PUT")]
    [TestCase("auth/realms/apiax/protocol/openid-connect/token", "POST")]
    public async Task Preflight_FromLocalhost3000WithTheAgsHeaders_IsAllowed(string path, string method)
    {
        var mock = Mock;

        var reply = await mock.SendAsync(Preflight(path, method));

        reply.Status.Should().BeOneOf([200, 204], "{0}", reply);
        reply.Header("Access-Control-Allow-Origin").Should().BeOneOf("*", Origin);
        reply.Header("Access-Control-Allow-Methods").Should().Contain(method);
        var allowed = reply.Header("Access-Control-Allow-Headers")!.Split(',', StringSplitOptions.TrimEntries);
        allowed.Should().Contain(AgsHeaders, "every header the AGS client sends must be allowed");
    }

    [Test]
    public async Task Refresh_FromLocalhost3000_CarriesAllowOriginAndExposesDate()
    {
        var mock = Mock;
        var session = await Ags.NewSessionAsync(mock);
        var request = Ags.RefreshRequest(mock, session.RefreshToken);
        request.Headers.Add("Origin", Origin);

        var reply = await mock.SendAsync(request);

        reply.Status.Should().Be(200, "{0}", reply);
        reply.Header("Access-Control-Allow-Origin").Should().BeOneOf("*", Origin);
        reply.Header("Access-Control-Expose-Headers").Should().Contain("Date", "a browser client needs Date to check exp");
    }

    [Test]
    public async Task Refresh_FailingFromLocalhost3000_CarriesAllowOriginSoTheAppCanReadTheError()
    {
        var mock = Mock;
        var request = Ags.RefreshRequest(mock, "not-a-token");
        request.Headers.Add("Origin", Origin);

        var reply = await mock.SendAsync(request);

        reply.Status.Should().Be(401, "{0}", reply);
        reply.Header("Access-Control-Allow-Origin").Should().BeOneOf("*", Origin);
    }

    [Test]
    public async Task Preflight_ConfiguredOrigins_AllowsThoseAndNoOthers()
    {
        await using var mock = await TestMock.StartAsync(corsOrigins: [Origin]);

        var allowed = await mock.SendAsync(Preflight("ags/refresh", "POST"));
        var foreign = await mock.SendAsync(Preflight("ags/refresh", "POST", "http://evil.example"));

        allowed.Header("Access-Control-Allow-Origin").Should().Be(Origin, "{0}", allowed);
        foreign.Header("Access-Control-Allow-Origin").Should().BeNull("{0}", foreign);
    }

    private static HttpRequestMessage Preflight(string path, string method, string origin = Origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", string.Join(",", AgsHeaders));
        return request;
    }
}
