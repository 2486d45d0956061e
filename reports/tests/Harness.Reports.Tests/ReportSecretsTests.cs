using System.Net;
using System.Text.Encodings.Web;
using Harness.Scenarios.Redaction;

namespace Harness.Reports.Tests;

/// <summary>The hard rule: no secret that reaches a writer may appear in any file it writes.</summary>
public class ReportSecretsTests
{
    private const string Jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwiZXhwIjoxNzAwMDAwMDAwfQ.c2lnbmF0dXJlLXZhbHVlLWhlcmU";
    private const string Password = "Tr0ub4dor-and-3-horses";
    private const string ClientSecret = "cs-8f3a9b2c1d0e7f6a";
    private const string BearerToken = "opaque-access-token-value-1234";
    private const string BasicCredentials = "aGFybmVzczpzM2NyZXQtYmFzaWM=";
    private const string RefreshToken = "rt-opaque-987654321-zyx";
    private const string SessionCookie = "sess-5e1f0c2b9a8d7e6f";
    private const string ResponseRefreshToken = "rt-next-111222333444";

    private static readonly string[] Secrets = [Jwt, Password, ClientSecret, BearerToken, BasicCredentials, RefreshToken, SessionCookie, ResponseRefreshToken];

    private static RunReport ReportFullOfSecrets()
    {
        var refresh = new ExchangeRequest
        {
            Method = "POST",
            Url = "https://auth.example.test/oauth/token",
            Headers = new Dictionary<string, string>
            {
                ["Authorization"] = $"Basic {BasicCredentials}",
                ["Content-Type"] = "application/x-www-form-urlencoded",
            },
            Body = $"refresh_token={RefreshToken}&grant_type=refresh_token&client_id=harness&client_secret={ClientSecret}",
        };
        var login = new ExchangeRequest
        {
            Method = "POST",
            Url = "https://auth.example.test/login",
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json", ["Cookie"] = $"session={SessionCookie}" },
            Body = $$"""{"username":"harness","pwd":"{{Password}}"}""",
        };
        var api = new ExchangeRequest
        {
            Method = "GET",
            Url = $"https://api.example.test/me?access_token={Jwt}",
            Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {BearerToken}" },
        };
        var failing = SampleReports.Failing() with
        {
            Title = "Rotation with the harness account",
            Reason = $"server accepted {Jwt} twice; login used {Password}",
            Failures =
            [
                new CheckFailure
                {
                    Expectation = "the old refresh token is rejected",
                    Expected = $"400 for refresh_token={RefreshToken}",
                    Actual = $"200 with Authorization: Bearer {BearerToken}",
                    Source = "RFC 6749 §10.4",
                },
            ],
            Transcript =
            [
                new Exchange
                {
                    Step = "login",
                    Request = login,
                    Response = new ExchangeResponse
                    {
                        Status = 200,
                        Headers = new Dictionary<string, string> { ["Set-Cookie"] = $"session={SessionCookie}; HttpOnly" },
                        Body = $$"""{"access_token":"{{Jwt}}","refresh_token":"{{ResponseRefreshToken}}","welcome":"{{Password}}"}""",
                    },
                    Curl = CurlCommand.From(login),
                },
                new Exchange
                {
                    Step = "refresh",
                    Request = refresh,
                    Response = new ExchangeResponse { Error = $"connection reset while sending client_secret={ClientSecret}" },
                    Curl = CurlCommand.From(refresh),
                },
                new Exchange
                {
                    Step = "call api",
                    Request = api,
                    Response = new ExchangeResponse { Status = 401, Body = $"invalid token {Jwt}" },
                    Curl = CurlCommand.From(api),
                },
            ],
        };
        var skipped = SampleReports.Skipped() with { Reason = $"no second account; tried {Password}" };
        return SampleReports.Run(SampleReports.Passing(), failing, skipped);
    }

    private static Redactor RedactorKnowingThePassword()
    {
        var redactor = new Redactor();
        redactor.AddKnownSecret(Password);
        return redactor;
    }

    [Test]
    public void WriteAll_ReportFullOfSecrets_NoSecretInAnyFile()
    {
        using var folder = new TempFolder();

        var written = ReportSet.WriteAll(ReportFullOfSecrets(), folder.Path, RedactorKnowingThePassword());

        written.Select(Path.GetFileName).Should().Equal("report.json", "junit.xml", "report.html");
        foreach (var file in written)
        {
            var content = File.ReadAllText(file);
            Redactor.IsMasked(content).Should().BeTrue($"{Path.GetFileName(file)} should show where secrets were masked");
            foreach (var secret in Secrets)
                foreach (var form in Encodings(secret))
                    content.Should().NotContain(form, $"{Path.GetFileName(file)} must not contain the secret {secret[..4]}… (as \"{form}\")");
        }
    }

    [Test]
    public void WriteAll_NoRedactorGiven_StillMasksTokensByShapeAndName()
    {
        // Without a redactor the writers make their own (no shared default a test could change): it knows no
        // registered secret, but tokens by their shape and secret-named fields by their name.
        const string jws = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJlLXBhcnQtb2YtdGhlLXRva2Vu";
        const string opaque = "opaque-client-secret-value-0123456789";
        var report = SampleReports.Run(SampleReports.Skipped() with { Reason = $"could not log in with {jws}: {{\"client_secret\":\"{opaque}\"}}" });
        using var folder = new TempFolder();

        var written = ReportSet.WriteAll(report, folder.Path);

        foreach (var file in written) File.ReadAllText(file).Should().NotContain("c2lnbmF0dXJlLXBhcnQtb2YtdGhlLXRva2Vu").And.NotContain(opaque);
    }

    [Test]
    public void Apply_Curl_KeepsItsShapeAroundMaskedValues()
    {
        var redacted = new ReportRedaction(RedactorKnowingThePassword()).Apply(ReportFullOfSecrets());

        var curl = redacted.Checks[1].Transcript[1].Curl;
        curl.Should().StartWith($"curl -i -X POST 'https://auth.example.test/oauth/token' -H 'Authorization: Basic {Redactor.Mask(BasicCredentials)}' -H 'Content-Type: application/x-www-form-urlencoded' --data-raw 'refresh_token={Redactor.Mask(RefreshToken)}&grant_type=refresh_token&client_id=harness&client_secret={Redactor.Mask(ClientSecret)}'");
    }

    [Test]
    public void Apply_CurlWithFormFieldRightAfterQuote_MasksIt()
    {
        var redaction = new ReportRedaction(new Redactor());

        redaction.Text("curl --data 'refresh_token=abcdefghijklmnop&x=1'").Should().Be($"curl --data 'refresh_token={Redactor.Mask("abcdefghijklmnop")}&x=1'");
    }

    [Test]
    public void Apply_AlreadyRedactedReport_ChangesNothing()
    {
        var redaction = new ReportRedaction(RedactorKnowingThePassword());
        var once = redaction.Apply(ReportFullOfSecrets());

        var twice = redaction.Apply(once);

        twice.Should().BeEquivalentTo(once, o => o.WithStrictOrdering());
    }

    [Test]
    public void Apply_HeaderMaskedBySuite_IsNotMaskedAgain()
    {
        var suiteMasked = "Bearer " + Redactor.Mask(BearerToken);
        var exchange = SampleReports.RefreshExchange(200, "{}");
        exchange = exchange with { Request = exchange.Request with { Headers = new Dictionary<string, string> { ["Authorization"] = suiteMasked } } };
        var check = SampleReports.Passing() with { Transcript = [exchange] };

        var redacted = new ReportRedaction(new Redactor()).Apply(SampleReports.Run(check));

        redacted.Checks[0].Transcript[0].Request.Headers["Authorization"].Should().Be(suiteMasked);
    }

    /// <summary>The secret as it would look in each file format if a writer had let it through.</summary>
    private static IEnumerable<string> Encodings(string secret) =>
    [
        secret,
        WebUtility.HtmlEncode(secret),
        JavaScriptEncoder.Default.Encode(secret),
        Uri.EscapeDataString(secret),
        System.Security.SecurityElement.Escape(secret),
    ];
}
