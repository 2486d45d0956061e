namespace Harness.MockServer.Tests.Hosts;

/// <summary>
/// One pipeline, two hosts: the same requests, sent to a mock on Kestrel and to one on WireMock.Net (same seed, same
/// standing clock), get the same answers — status, content type, the headers a client reads, and the body byte for
/// byte once each mock's own address is taken out. Bad input gets the same documented answer on both, never a 500.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class HostParityTests
{
    private static readonly string[] ComparedHeaders =
        ["Cache-Control", "Pragma", "WWW-Authenticate", "Retry-After", "Allow", "Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Location"];

    private TestMock _kestrel = null!;
    private TestMock _wireMock = null!;

    [OneTimeSetUp]
    public async Task StartBoth()
    {
        _kestrel = await TestMock.StartAsync(MockHost.Kestrel, time: new ManualTime());
        _wireMock = await TestMock.StartAsync(MockHost.WireMockNet, time: new ManualTime());
    }

    [OneTimeTearDown]
    public async Task StopBoth()
    {
        await _kestrel.DisposeAsync();
        await _wireMock.DisposeAsync();
    }

    [SetUp]
    public async Task ResetBoth()
    {
        await _kestrel.ResetAsync();
        await _wireMock.ResetAsync();
    }

    /// <summary>A request a test sends to each mock, built from that mock (its target values) and its previous answer.</summary>
    public delegate HttpRequestMessage Step(TestMock mock, Reply? previous);

    public static IEnumerable<TestCaseData> Exchanges()
    {
        static HttpRequestMessage Json(HttpMethod method, string path, string body, string type = "application/json")
        {
            var content = new StringContent(body, Encoding.UTF8);
            content.Headers.Remove("Content-Type");
            content.Headers.TryAddWithoutValidation("Content-Type", type);
            return new HttpRequestMessage(method, path) { Content = content };
        }
        // Over the engine's 64 KiB, under the server's 1 MiB: the server reads it all, so the client is never cut off mid-send.
        var oversize = new string('x', 200 * 1024);

        yield return Case("refresh: sign on, then refresh the pair it issued",
            (m, _) => Ags.SignOnRequest(m), (m, p) => Ags.RefreshRequest(m, p!.Text("refresh_token")!));
        yield return Case("refresh: the same refresh token twice (reuse)",
            (m, _) => Ags.SignOnRequest(m), (m, p) => Ags.RefreshRequest(m, p!.Text("refresh_token")!), (m, p) => Ags.RefreshRequest(m, p!.Text("refresh_token")!));
        yield return Case("forcing: a forced 403, then the call it answers",
            (_, _) => Json(HttpMethod.Post, "__harness/operations/ags-signon/signOn/force", "{\"status\":403}"), (m, _) => Ags.SignOnRequest(m));
        yield return Case("forcing: the X-Harness-Force-Status header",
            (m, _) => WithHeader(Ags.SignOnRequest(m), "X-Harness-Force-Status", "401"));
        yield return Case("fault: server error with Retry-After",
            (_, _) => Json(HttpMethod.Post, "__harness/operations/ags-signon/signOn/fault", "{\"kind\":\"server-error\",\"status\":503,\"retryAfterSeconds\":7}"), (m, _) => Ags.SignOnRequest(m));
        yield return Case("fault: a malformed (cut) body",
            (_, _) => Json(HttpMethod.Post, "__harness/operations/ags-signon/signOn/fault", "{\"kind\":\"malformed-body\"}"), (m, _) => Ags.SignOnRequest(m));
        yield return Case("fault: an empty answer",
            (_, _) => Json(HttpMethod.Post, "__harness/operations/ags-signon/signOn/fault", "{\"kind\":\"empty-response\"}"), (m, _) => Ags.SignOnRequest(m));
        yield return Case("clock: advance past the refresh lifetime, then refresh",
            (m, _) => Ags.SignOnRequest(m), (m, p) => Ags.RefreshRequest(m, p!.Text("refresh_token")!));
        yield return Case("control: the target values, the clock, the journal",
            (_, _) => new HttpRequestMessage(HttpMethod.Get, "__harness/target"), (_, _) => new HttpRequestMessage(HttpMethod.Get, "__harness/clock"),
            (m, _) => Ags.SignOnRequest(m), (_, _) => new HttpRequestMessage(HttpMethod.Get, "__harness/journal?limit=1"));
        yield return Case("control: an unknown control path", (_, _) => new HttpRequestMessage(HttpMethod.Get, "__harness/no-such-thing"));
        yield return Case("dashboard and demo pages, the OpenAPI document",
            (_, _) => new HttpRequestMessage(HttpMethod.Get, "__harness/dashboard"), (_, _) => new HttpRequestMessage(HttpMethod.Get, "__harness/demo"),
            (_, _) => new HttpRequestMessage(HttpMethod.Get, "__harness/openapi.json"));
        yield return Case("OIDC: discovery and keys",
            (_, _) => new HttpRequestMessage(HttpMethod.Get, "auth/realms/apiax/.well-known/openid-configuration"),
            (_, _) => new HttpRequestMessage(HttpMethod.Get, "auth/realms/apiax/protocol/openid-connect/certs"));
        yield return Case("CORS: a preflight from a frontend", (_, _) => Preflight("ags/refresh", "http://localhost:3000"));
        yield return Case("bad input: malformed JSON", (_, _) => Json(HttpMethod.Post, Ags.RefreshPath, "{\"parameters\": ["));
        yield return Case("bad input: wrong method on a contract path", (_, _) => new HttpRequestMessage(HttpMethod.Get, Ags.RefreshPath),
            (_, _) => new HttpRequestMessage(HttpMethod.Get, "auth/realms/apiax/protocol/openid-connect/token"));
        yield return Case("bad input: wrong content type", (_, _) => Json(HttpMethod.Post, Ags.RefreshPath, "refresh_token=x", "text/plain"),
            (_, _) => Json(HttpMethod.Put, "api/v2/auth/token", "refresh_token=x", "application/x-www-form-urlencoded"));
        yield return Case("bad input: a content type with parameters still matches", (_, _) => Json(HttpMethod.Post, "auth/realms/apiax/protocol/openid-connect/token",
            "grant_type=refresh_token&refresh_token=nope&client_id=x", "application/x-www-form-urlencoded; charset=ISO-8859-1"));
        yield return Case("bad input: an oversize body on a contract path and on the control API",
            (_, _) => Json(HttpMethod.Post, Ags.RefreshPath, oversize), (_, _) => Json(HttpMethod.Post, "__harness/clock/advance", oversize));
        yield return Case("bad input: control calls without JSON, with a query", (_, _) => Json(HttpMethod.Post, "__harness/clock/advance", "seconds=5", "text/plain"),
            (_, _) => Json(HttpMethod.Post, "__harness/clock/advance?seconds=5", "{}"), (_, _) => Json(HttpMethod.Post, "__harness/clock/advance", "{\"seconds\":"));
        yield return Case("unknown path: the JSON 404", (_, _) => new HttpRequestMessage(HttpMethod.Get, "no/such/api"));
    }

    private static TestCaseData Case(string name, params Step[] steps) => new TestCaseData(new object[] { steps }).SetArgDisplayNames(name);

    [TestCaseSource(nameof(Exchanges))]
    public async Task Exchange_OnBothHosts_GetsTheSameAnswers(Step[] steps)
    {
        Reply? kestrel = null, wireMock = null;
        for (var i = 0; i < steps.Length; i++)
        {
            if (i == steps.Length - 1 && steps.Length > 1 && TestContext.CurrentContext.Test.Name.Contains("clock", StringComparison.Ordinal))
            {
                await _kestrel.AdvanceAsync(40L * 86_400);
                await _wireMock.AdvanceAsync(40L * 86_400);
            }
            kestrel = await _kestrel.SendAsync(steps[i](_kestrel, kestrel));
            wireMock = await _wireMock.SendAsync(steps[i](_wireMock, wireMock));

            var step = $"step {i + 1}: Kestrel {kestrel}{Environment.NewLine}WireMock.Net {wireMock}";
            wireMock.Status.Should().Be(kestrel.Status, step);
            if (TestContext.CurrentContext.Test.Name.Contains("bad input", StringComparison.Ordinal))
                kestrel.Status.Should().BeLessThan(500, "bad input gets a documented answer, never a 500: {0}", step);
            wireMock.MediaType.Should().Be(kestrel.MediaType, step);
            Normalised(wireMock.Body, _wireMock).Should().Be(Normalised(kestrel.Body, _kestrel), step);
            foreach (var name in ComparedHeaders)
                Header(wireMock, name).Should().Be(Header(kestrel, name), "the {0} header: {1}", name, step);
            // The engine's answers carry the virtual clock's Date, which WireMock.Net must not replace with its own.
            if (kestrel.Headers.Date is { } date && (date - TimeProvider.System.GetUtcNow()).Duration() > TimeSpan.FromHours(1))
                wireMock.Headers.Date.Should().Be(date, "the virtual clock's Date: {0}", step);
        }
    }

    /// <summary>
    /// The body with what is each mock's own taken out: its address (and port, in an issuer or a journalled Host), a
    /// journal entry's measured duration, and the correlation id each request is sent with.
    /// </summary>
    private static string Normalised(string body, TestMock mock) =>
        System.Text.RegularExpressions.Regex.Replace(
            body.Replace(mock.BaseAddress.ToString().TrimEnd('/'), "{base}", StringComparison.Ordinal)
                .Replace(mock.BaseAddress.Authority, "{authority}", StringComparison.Ordinal),
            "\"durationMs\":[0-9.]+|\"x-correlation-id\":\"[^\"]*\"", "{varies}");

    private static string? Header(Reply reply, string name) =>
        reply.Headers.TryGetValues(name, out var values) || reply.ContentHeaders.TryGetValues(name, out values) ? string.Join(", ", values) : null;

    private static HttpRequestMessage WithHeader(HttpRequestMessage request, string name, string value)
    {
        request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private static HttpRequestMessage Preflight(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type, authorization");
        return request;
    }
}
