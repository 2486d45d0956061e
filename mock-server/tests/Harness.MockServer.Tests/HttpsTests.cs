namespace Harness.MockServer.Tests;

/// <summary>
/// <c>--https</c>: the mock serves TLS with a certificate it made at start-up (written as PEM for a client to
/// trust), and plain HTTP beside it, where the operations whose contracts require HTTPS are refused.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class HttpsTests
{
    private HarnessMock _mock = null!;
    private HttpClient _trusting = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _mock = await HarnessMock.StartAsync(Contracts.Set, new MockServerOptions { Port = 0, Https = true });
        var certificate = _mock.Certificate!;
        _trusting = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => certificate.IsThis(presented) })
        {
            BaseAddress = _mock.BaseAddress,
        };
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _trusting.Dispose();
        await _mock.DisposeAsync();
    }

    [Test]
    public void Start_WithHttps_ServesHttpsAndNamesThePlainHttpAddress()
    {
        _mock.BaseAddress.Scheme.Should().Be("https");
        _mock.HttpBaseAddress!.Scheme.Should().Be("http");
        _mock.TargetValues["http-base-url"].Should().Be(_mock.HttpBaseAddress.ToString().TrimEnd('/'));
        File.ReadAllText(_mock.Certificate!.Path).Should().StartWith("-----BEGIN CERTIFICATE-----");
        _mock.Certificate.Fingerprint.Should().MatchRegex("^[0-9A-F]{64}$");
    }

    [Test]
    public async Task Https_ClientTrustingTheWrittenCertificate_IsServed()
    {
        using var pem = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(_mock.Certificate!.Path));

        using var response = await _trusting.GetAsync("servicediscovery");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _mock.Certificate.IsThis(pem).Should().BeTrue("the PEM on disk is the certificate served");
    }

    [Test]
    public async Task Https_ClientTrustingOnlyTheSystemStore_RefusesTheCertificate()
    {
        using var untrusting = new HttpClient { BaseAddress = _mock.BaseAddress };

        var call = () => untrusting.GetAsync("servicediscovery");

        await call.Should().ThrowAsync<HttpRequestException>("a development certificate is trusted only where a test says so");
    }

    [Test]
    public async Task PlainHttp_KeycloakRefresh_Answers403HttpsRequired()
    {
        using var plain = new HttpClient { BaseAddress = _mock.HttpBaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, Keycloak.TokenPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["client_id"] = "integration-api", ["refresh_token"] = "x" }),
        };

        using var response = await plain.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        ((int)response.StatusCode).Should().Be(403, "{0}", body);
        body["error"]!.GetValue<string>().Should().Be("invalid_request");
        body["error_description"]!.GetValue<string>().Should().Be("HTTPS required");
    }

    [Test]
    public async Task PlainHttp_AnOperationThatDoesNotRequireHttps_IsStillServed()
    {
        using var plain = new HttpClient { BaseAddress = _mock.HttpBaseAddress };

        using var response = await plain.GetAsync("servicediscovery");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
