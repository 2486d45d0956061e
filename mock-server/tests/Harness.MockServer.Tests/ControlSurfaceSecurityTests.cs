using System.Net.Http.Headers;

namespace Harness.MockServer.Tests;

/// <summary>
/// The control surfaces belong to the local user: a web page on another origin, a DNS-rebinding name or a network
/// peer cannot drive <c>/__harness</c>, while the contract APIs keep answering any origin. Each rule from the
/// outside, over real HTTP; <c>ControlSurfaceBrowserTests</c> shows the same from a real page in Chromium.
/// </summary>
[TestFixtureSource(typeof(MockHosts), nameof(MockHosts.All))]
[Parallelizable(ParallelScope.Self)]
public sealed class ControlSurfaceSecurityTests(MockHost host) : SharedMockFixture(host)
{
    private const string Evil = "https://evil.example";
    private const string Frontend = "http://localhost:3000";
    private const string Token = "a-control-token-for-tests-0123456789";

    private string OwnOrigin => Mock.BaseAddress.GetLeftPart(UriPartial.Authority);
    private int Port => Mock.BaseAddress.Port;

    // ---- Host header (DNS rebinding), every path ----

    [TestCase("GET", "__harness/target", TestName = "{m}(control API)")]
    [TestCase("GET", "__harness/dashboard", TestName = "{m}(dashboard)")]
    [TestCase("POST", "ags/refresh", TestName = "{m}(contract API)")]
    [TestCase("OPTIONS", "ags/refresh", TestName = "{m}(contract preflight)")]
    [TestCase("GET", "nowhere", TestName = "{m}(unknown path)")]
    public async Task AnyPath_HostIsAnotherName_Answers421NamingTheFix(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Host = $"attacker.example:{Port}";
        request.Headers.Add("Origin", $"http://attacker.example:{Port}");

        var reply = await Mock.SendAsync(request);

        reply.Status.Should().Be(421, "{0}", reply);
        reply.Text("error").Should().Be("unknown_host");
        reply.Text("message").Should().Contain("--host-name attacker.example:" + Port);
        reply.Header("Access-Control-Allow-Origin").Should().BeNull();
        reply.Body.Should().NotContain(Mock.Target["session-token"]);
    }

    [TestCase("localhost")]
    [TestCase("127.0.0.1")]
    [TestCase("[::1]")]
    [TestCase("LOCALHOST")]
    public async Task LoopbackName_WithTheMocksPort_IsAnswered(string name)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "__harness/health");
        request.Headers.Host = $"{name}:{Port}";

        var reply = await Mock.SendAsync(request);

        reply.Status.Should().Be(200, "{0}", reply);
    }

    [TestCase("localhost:1", TestName = "{m}(loopback name, other port)")]
    [TestCase("localhost", TestName = "{m}(loopback name, no port)")]
    [TestCase("127.0.0.1.attacker.example:{port}", TestName = "{m}(loopback address as a prefix)")]
    [TestCase("localhost.attacker.example:{port}", TestName = "{m}(loopback name as a prefix)")]
    [TestCase("0.0.0.0:{port}", TestName = "{m}(the any address)")]
    public async Task LoopbackName_NotExactlyTheMocksAddress_Is421(string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "__harness/health");
        request.Headers.TryAddWithoutValidation("Host", host.Replace("{port}", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        var reply = await Mock.SendAsync(request);

        reply.Status.Should().Be(421, "{0}", reply);
    }

    [Test]
    public async Task HostName_GivenWithAndWithoutPort_IsAnsweredAndNothingElse()
    {
        await using var mock = await StartAsync(new MockServerOptions { HostNames = ["mock.test", "proxy.test:8443"] });

        var named = await mock.SendAsync(WithHost(HttpMethod.Get, "__harness/health", "mock.test:1234"));
        var proxied = await mock.SendAsync(WithHost(HttpMethod.Get, "__harness/health", "proxy.test:8443"));
        var otherPort = await mock.SendAsync(WithHost(HttpMethod.Get, "__harness/health", "proxy.test:8444"));
        var signOn = Ags.SignOnRequest(mock);
        signOn.Headers.Host = "mock.test";

        named.Status.Should().Be(200, "{0}", named);
        proxied.Status.Should().Be(200, "{0}", proxied);
        otherPort.Status.Should().Be(421, "a name given with a port matches that port only: {0}", otherPort);
        (await mock.SendAsync(signOn)).Status.Should().Be(201, "the contract APIs answer a given name too");
    }

    // ---- the control surface's CORS ----

    [TestCase("__harness/reset", "POST")]
    [TestCase("__harness/operations/ags-refresh/refresh/force", "POST")]
    [TestCase("__harness/clock/advance", "POST")]
    [TestCase("__harness/journal", "DELETE")]
    public async Task ControlPreflight_FromAnotherOrigin_IsRefusedWithoutAGrant(string path, string method)
    {
        var reply = await Mock.SendAsync(Preflight(path, method, Evil, "content-type"));

        reply.Status.Should().Be(403, "{0}", reply);
        reply.Text("error").Should().Be("origin_not_allowed");
        reply.Text("message").Should().Contain("--cors-origin " + Evil);
        reply.Header("Access-Control-Allow-Origin").Should().BeNull();
        reply.Header("Access-Control-Allow-Methods").Should().BeNull();
    }

    [TestCase("__harness/target")]
    [TestCase("__harness/journal")]
    [TestCase("__harness/keys")]
    [TestCase("__harness/demo")]
    public async Task ControlRead_FromAnotherOrigin_Is403AndReadsNothing(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", Evil);

        var reply = await Mock.SendAsync(request);

        reply.Status.Should().Be(403, "{0}", reply);
        reply.Header("Access-Control-Allow-Origin").Should().BeNull();
        reply.Body.Should().NotContain(Mock.Target["session-token"]).And.NotContain(Mock.Target["client-secret"]);
    }

    [Test]
    public async Task ControlCall_FromTheMocksOwnOrigin_IsServed()
    {
        var request = Json(HttpMethod.Post, "__harness/operations/ags-refresh/refresh/force", """{"status": 403}""");
        request.Headers.Add("Origin", OwnOrigin);

        var reply = await Mock.SendAsync(request);

        reply.Status.Should().Be(200, "the dashboard calls from the mock's own origin: {0}", reply);
        (await ForcedAsync(Mock)).Should().ContainSingle();
    }

    [Test]
    public async Task ControlPreflight_FromAnOriginGivenWithCorsOrigin_IsGranted()
    {
        await using var mock = await StartAsync(new MockServerOptions { CorsOrigins = [Frontend] });

        var preflight = await mock.SendAsync(Preflight("__harness/reset", "POST", Frontend, "content-type"));
        var call = Json(HttpMethod.Post, "__harness/reset", "{}");
        call.Headers.Add("Origin", Frontend);
        var reset = await mock.SendAsync(call);

        preflight.Status.Should().Be(204, "{0}", preflight);
        preflight.Header("Access-Control-Allow-Origin").Should().Be(Frontend);
        preflight.Header("Access-Control-Allow-Methods").Should().Contain("POST");
        preflight.Header("Access-Control-Allow-Headers").Should().Contain("Content-Type");
        reset.Status.Should().Be(200, "{0}", reset);
        reset.Header("Access-Control-Allow-Origin").Should().Be(Frontend);
        reset.Header("Vary").Should().Contain("Origin");
    }

    // ---- state changes take JSON, no query string ----

    [TestCase("text/plain", TestName = "{m}(text/plain, what a no-cors page sends)")]
    [TestCase("application/x-www-form-urlencoded", TestName = "{m}(form)")]
    [TestCase("multipart/form-data; boundary=x", TestName = "{m}(multipart)")]
    [TestCase(null, TestName = "{m}(no content type)")]
    public async Task Force_NotJson_Answers415AndForcesNothing(string? contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "__harness/operations/ags-refresh/refresh/force")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"status":403,"count":1000000}""")),
        };
        if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var reply = await Mock.SendAsync(request);

        reply.Status.Should().Be(415, "{0}", reply);
        reply.Text("error").Should().Be("unsupported_media_type");
        reply.Text("message").Should().Contain("application/json");
        (await ForcedAsync(Mock)).Should().BeEmpty("a refused call changes nothing");
    }

    [Test]
    public async Task Reset_WithoutContentType_Answers415AndResetsNothing()
    {
        await Ags.NewSessionAsync(Mock);

        var reply = await Mock.SendAsync(new HttpRequestMessage(HttpMethod.Post, "__harness/reset"));

        reply.Status.Should().Be(415, "{0}", reply);
        (await Mock.SessionsAsync()).Should().HaveCount(1);
    }

    [TestCase("application/json; charset=utf-8")]
    [TestCase("Application/JSON")]
    public async Task Reset_JsonWithParametersOrAnotherCase_IsServed(string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "__harness/reset") { Content = new ByteArrayContent([]) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var reply = await Mock.SendAsync(request);

        reply.Status.Should().Be(200, "{0}", reply);
    }

    [TestCase("{}", TestName = "{m}(empty body)")]
    [TestCase("{\"seconds\": 5}", TestName = "{m}(seconds in the body too)")]
    public async Task AdvanceClock_SecondsInTheQueryString_Answers400AndLeavesTheClock(string body)
    {
        var reply = await Mock.PostJsonAsync("__harness/clock/advance?seconds=60", body);

        reply.Status.Should().Be(400, "{0}", reply);
        reply.Text("error").Should().Be("query_not_allowed");
        (await Mock.GetAsync("__harness/clock")).Json!["offsetSeconds"]!.GetValue<long>().Should().Be(0);
    }

    [Test]
    public async Task ClearForcing_DeleteWithoutContentType_IsServed()
    {
        // DELETE is never a "simple" request: a browser preflights it from any other origin, and the preflight is refused.
        await Mock.ForceAsync("ags-refresh", "refresh", 403);

        var reply = await Mock.DeleteAsync("__harness/operations/ags-refresh/refresh/force");

        reply.Status.Should().Be(200, "{0}", reply);
        (await ForcedAsync(Mock)).Should().BeEmpty();
    }

    // ---- the contract APIs: any origin, but the X-Harness-* overrides only for origins allowed to control ----

    [Test]
    public async Task ContractPreflight_FromAnyOrigin_GrantsTheApiHeadersButNotTheOverrides()
    {
        var reply = await Mock.SendAsync(Preflight("ags/refresh", "POST", Evil, "x-auth-service-id,authorization,content-type,x-harness-force-status,X-Harness-Force-Condition"));

        reply.Status.Should().BeOneOf([200, 204], "{0}", reply);
        reply.Header("Access-Control-Allow-Origin").Should().Be("*");
        var granted = reply.Header("Access-Control-Allow-Headers")!.ToLowerInvariant();
        granted.Should().Contain("x-auth-service-id").And.Contain("authorization");
        granted.Should().NotContain("x-harness", "a page that may not control the mock must not force its answers either");
    }

    [Test]
    public async Task ContractPreflight_FromAnOriginAllowedToControl_GrantsTheOverrides()
    {
        await using var mock = await StartAsync(new MockServerOptions { CorsOrigins = [Frontend] });

        var reply = await mock.SendAsync(Preflight("ags/refresh", "POST", Frontend, "x-auth-service-id,x-harness-force-status"));

        reply.Header("Access-Control-Allow-Origin").Should().Be(Frontend, "{0}", reply);
        reply.Header("Access-Control-Allow-Headers")!.ToLowerInvariant().Should().Contain("x-harness-force-status");
    }

    [Test]
    public async Task ForceHeader_FromAnotherOrigin_IsIgnoredAndFromNoBrowserIsHonoured()
    {
        var session = await Ags.NewSessionAsync(Mock);
        var foreign = Ags.RefreshRequest(Mock, session.RefreshToken);
        foreign.Headers.Add("Origin", Evil);
        foreign.Headers.Add("X-Harness-Force-Status", "403");
        var local = Ags.RefreshRequest(Mock, session.RefreshToken);
        local.Headers.Add("X-Harness-Force-Status", "403");

        var fromCurl = await Mock.SendAsync(local);
        var fromPage = await Mock.SendAsync(foreign);

        fromPage.Status.Should().Be(200, "the override is dropped, the refresh itself is served: {0}", fromPage);
        fromPage.Header("Access-Control-Allow-Origin").Should().Be("*");
        fromCurl.Status.Should().Be(403, "a local tool (no Origin) keeps the developer feature: {0}", fromCurl);
    }

    // ---- control token ----

    [Test]
    public async Task ControlCall_TokenRequiredAndMissingOrWrong_Answers401()
    {
        await using var mock = await StartAsync(new MockServerOptions { ControlToken = Token });
        var wrong = new HttpRequestMessage(HttpMethod.Get, "__harness/target");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");
        var reset = Json(HttpMethod.Post, "__harness/reset", "{}");

        var missing = await mock.GetAsync("__harness/target");
        var wrongReply = await mock.SendAsync(wrong);
        var resetReply = await mock.SendAsync(reset);

        foreach (var reply in new[] { missing, wrongReply, resetReply })
        {
            reply.Status.Should().Be(401, "{0}", reply);
            reply.Text("error").Should().Be("control_token_required");
            reply.Header("WWW-Authenticate").Should().StartWith("Bearer");
            reply.Body.Should().NotContain(Token);
        }
        missing.Body.Should().NotContain(mock.Target["session-token"]);
    }

    [Test]
    public async Task ControlCall_WithTheToken_IsServedAndTheApisNeedNone()
    {
        await using var mock = await StartAsync(new MockServerOptions { ControlToken = Token });
        var bearer = new HttpRequestMessage(HttpMethod.Get, "__harness/target");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var header = Json(HttpMethod.Post, "__harness/reset", "{}");
        header.Headers.Add("X-Harness-Control-Token", Token);

        (await mock.SendAsync(bearer)).Status.Should().Be(200);
        (await mock.SendAsync(header)).Status.Should().Be(200);
        (await mock.SignOnAsync()).Status.Should().Be(201, "the contract APIs are not behind the token");
    }

    [Test]
    public async Task Pages_WithAToken_AreServedButTheDemoCarriesNoTestAccount()
    {
        await using var guarded = await StartAsync(new MockServerOptions { ControlToken = Token });

        var dashboard = await guarded.GetAsync("__harness/dashboard");
        var demo = await guarded.GetAsync("__harness/demo");
        var openDemo = await Mock.GetAsync("__harness/demo");

        dashboard.Status.Should().Be(200, "a browser opens the page by its address, without a header; its calls carry the token");
        demo.Status.Should().Be(200);
        demo.Body.Should().NotContain(guarded.Target["session-token"], "the page shell is not behind the token, the test account is");
        openDemo.Body.Should().Contain(WebUtility.HtmlEncode(Mock.Target["session-token"]), "without a token the demo carries its test account, so a copy on another origin works");
    }

    // ---- options ----

    [Test]
    public void Options_NonLoopbackWithoutAllowRemote_IsRefusedNamingTheFlag()
    {
        var problems = new MockServerOptions { Host = "0.0.0.0" }.Validate();

        problems.Should().ContainSingle().Which.Should().Contain("--allow-remote");
    }

    [Test]
    public void Options_AllowRemoteWithoutToken_IsRefusedNamingTheFlagAndVariable()
    {
        var problems = new MockServerOptions { Host = "0.0.0.0", AllowRemote = true }.Validate();

        problems.Should().ContainSingle().Which.Should().Contain("--control-token").And.Contain("HARNESS_CONTROL_TOKEN");
    }

    [TestCase("short", TestName = "{m}(too short)")]
    [TestCase("a token with spaces inside", TestName = "{m}(spaces)")]
    public void Options_WeakToken_IsRefused(string token)
    {
        new MockServerOptions { ControlToken = token }.Validate().Should().ContainSingle().Which.Should().Contain("control token");
    }

    [TestCase("evil example", TestName = "{m}(space)")]
    [TestCase("mock:0", TestName = "{m}(port 0)")]
    [TestCase("mock:", TestName = "{m}(empty port)")]
    [TestCase("mock:99999", TestName = "{m}(port out of range)")]
    public void Options_BadHostName_IsRefused(string name)
    {
        new MockServerOptions { HostNames = [name] }.Validate().Should().ContainSingle().Which.Should().Contain(name);
    }

    [Test]
    public void Options_RemoteWithTokenAndNames_AreValid()
    {
        new MockServerOptions { Host = "0.0.0.0", AllowRemote = true, ControlToken = ControlToken.Generate(), HostNames = ["mock", "[::1]:8080", "10.0.0.5"] }
            .Validate().Should().BeEmpty();
    }

    [Test]
    public async Task Index_ListsTheRules()
    {
        var reply = await Mock.GetAsync("__harness");

        var rules = string.Join("\n", reply.Json!["rules"]!.AsArray().Select(r => r!.GetValue<string>()));
        rules.Should().Contain("application/json").And.Contain("--cors-origin").And.Contain("--host-name").And.Contain("--control-token");
    }

    // ---- helpers ----

    private static async Task<TestMock> StartAsync(MockServerOptions options) =>
        await TestMock.WrapAsync(HarnessMock.StartAsync(Contracts.Set, options with { Port = 0 }));

    private static async Task<JsonArray> ForcedAsync(TestMock mock) => (await mock.GetAsync("__harness/state")).Json!["forced"]!.AsArray();

    private static HttpRequestMessage WithHost(HttpMethod method, string path, string host)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Host = host;
        return request;
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, string json) =>
        new(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static HttpRequestMessage Preflight(string path, string method, string origin, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }
}
