using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Harness.MockServer.Tests.Published;

/// <summary>
/// What the published (Native AOT) binary prints and serves at start-up: the banner says which operation each
/// URL is, <c>--https</c> makes and serves a certificate (X.509 generation must survive trimming), and
/// <c>export-wiremock</c> names the outcomes reachable only by forcing as a status and a condition.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed partial class PublishedStartupTests
{
    private static readonly string Scenarios = Path.Combine(PublishedMock.RepositoryRoot, "scenarios");

    [Test]
    public async Task Https_BannerNamesTheCertificate_AndTlsServesExactlyIt()
    {
        await using var server = await PublishedMock.StartAsync("--https", "--scenarios", Scenarios);
        await BannerPrintedAsync(server);
        var banner = Certificate().Match(server.Output);
        banner.Success.Should().BeTrue("the banner prints the certificate's path and SHA-256:\n{0}", server.Output);
        var path = banner.Groups["path"].Value;
        using var written = X509Certificate2.CreateFromPem(File.ReadAllText(path));
        Convert.ToHexString(written.GetCertHash(HashAlgorithmName.SHA256)).Should().Be(banner.Groups["sha"].Value);
        server.BaseAddress.Scheme.Should().Be("https");
        using var client = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHash(HashAlgorithmName.SHA256).SequenceEqual(written.GetCertHash(HashAlgorithmName.SHA256)),
        }) { BaseAddress = server.BaseAddress };

        using var response = await client.GetAsync("servicediscovery");

        response.StatusCode.Should().Be(HttpStatusCode.OK, server.Output);
        server.Output.Should().MatchRegex(@"plain HTTP\s+http://127\.0\.0\.1:\d+");
    }

    [Test]
    public async Task Banner_TellsTheTwoOperationsOnKeycloaksTokenUrlApart()
    {
        await using var server = await PublishedMock.StartAsync("--scenarios", Scenarios);
        await BannerPrintedAsync(server);

        var lines = server.Output.Split('\n').Where(l => l.Contains("/openid-connect/token", StringComparison.Ordinal)).ToList();

        lines.Should().HaveCount(2, server.Output);
        lines.Should().ContainSingle(l => l.Contains("refresh, grant_type=refresh_token", StringComparison.Ordinal));
        lines.Should().ContainSingle(l => l.Contains("issue, grant_type=password", StringComparison.Ordinal));
    }

    [Test]
    public async Task ExportWireMock_NamesForcedOnlyOutcomesAsStatusPlusCondition()
    {
        var output = Directory.CreateTempSubdirectory("export-naming-").FullName;
        try
        {
            var result = await PublishedMock.RunCommandAsync("export-wiremock", "--out", output, "--scenarios", Scenarios);

            result.ExitCode.Should().Be(0, result.Output);
            result.Stdout.Should().Contain("only forced (X-Harness-Force-Status + X-Harness-Force-Condition):")
                .And.Contain("401 + token-expired")
                .And.NotMatchRegex("X-Harness-Force-Status: [a-z]");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>The address line comes first; the rest of the banner follows it, up to "ready in".</summary>
    private static async Task BannerPrintedAsync(PublishedServer server)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!server.Output.Contains("ready in", StringComparison.Ordinal))
            await Task.Delay(20, timeout.Token);
    }

    [GeneratedRegex(@"TLS certificate\s+(?<path>\S+\.pem) \(SHA-256 (?<sha>[0-9A-F]{64})\)")]
    private static partial Regex Certificate();
}
