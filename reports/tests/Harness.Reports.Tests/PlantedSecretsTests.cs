using System.Net;
using System.Text.Encodings.Web;
using Harness.Scenarios.Redaction;

namespace Harness.Reports.Tests;

/// <summary>
/// Secrets no redactor was told about, planted by a made-up target in every place a request or an answer can carry
/// one and in every piece of text a failure can quote: no part of them reaches report.json, junit.xml or report.html.
/// </summary>
public class PlantedSecretsTests
{
    // Token shapes a target can send (made up; the tails are what must not survive).
    private const string Jws = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1MSIsImV4cCI6MjAwMDAwMDAwMH0.j23s-yUwO75nBYH1XIRrWiQQlWj6SH5Ea8oxRLC__GpFu6luWykVSrlf9aMNMibMwz-nS7HjJcTAALBOk5-o_Q";
    private const string Jwe = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.vgv4Ah3jn5130zf_PPQaaMllkGMPdPUjykQSnv0pVuK5ITBEp7H4VwWM1Gim0KpU5X7N7ixOAadZfAVuFVuU3P0jlYq7ujNxVsbLJSniCSZYdMtPQ9UJLvxrp-BPmmIo.DPVXhKXLssOuMUpS.tb7dnV5lCMfcNWOKMcWQyWWjggM9nupQigdcmrTtzTLGDkLEd54dEcziMQVlUvU-E6J57ebr-N2FPHt-sm7GpMFMYI4hltKYl3Tx6f7uhVoMmHLBktf4INId.DA8Sdim2pYqyIznEH6Eygg";
    private const string JweDir = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0..avRapaGxIWokhnCRZI8aWg.VezzleTrBXfudG9Ar5n0yaKnqI9f0t2V2gH-CMvIo-K0RHzOU4Hc4-em-z6RjDtrwOCa5O0sEJ-tW7ma.DRM7V2O_L-CJ3ni-lqkRWg";
    private const string Opaque = "GrpDZxTg5u7mP9KqFX0urcFQzjEActfylHNP1FJXwUJsYsEg";

    // Secrets by name only, in every carrier a request has.
    private const string ApiKeyHeader = "apikey-header-7d1c0e9b2a";
    private const string ClientSecretJson = "client-secret-json-5b8e2f";
    private const string NestedPassword = "nested-password-3c9a1d";
    private const string SessionTokenParameter = "ags-session-token-4e7f0a2b";
    private const string FormSecret = "form-secret-6a2d9c1e";
    private const string QueryToken = "query-access-token-8f3b2e";
    private const string CustomTokenHeader = "custom-token-header-1b4c7d";

    private static readonly string[] Planted = [Jws, Jwe, JweDir, Opaque, ApiKeyHeader, ClientSecretJson, NestedPassword, SessionTokenParameter, FormSecret, QueryToken, CustomTokenHeader];

    private static RunReport ReportFromATarget()
    {
        var signOn = new ExchangeRequest
        {
            Method = "POST",
            Url = $"https://target.example.test/ags/signOnWithSessionToken?access_token={QueryToken}",
            Headers = new Dictionary<string, string>
            {
                ["X-Api-Key"] = ApiKeyHeader,
                ["X-Custom-Token"] = CustomTokenHeader,
                ["Content-Type"] = "application/json",
            },
            Body = $$$$"""{"parameters":[{"name":"sessionToken","value":"{{{{SessionTokenParameter}}}}"}],"clientSecret":"{{{{ClientSecretJson}}}}","profile":{"login":{"password":"{{{{NestedPassword}}}}"}}}""",
        };
        var refresh = new ExchangeRequest
        {
            Method = "POST",
            Url = "https://target.example.test/oauth/token",
            Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {Jwe}", ["Content-Type"] = "application/x-www-form-urlencoded" },
            Body = $"grant_type=refresh_token&refresh_token={Opaque}&client_secret={FormSecret}",
        };
        var failing = SampleReports.Failing() with
        {
            // A bootstrap failure quoting the target's answer: the shape that once printed a JWE in clear.
            Reason = $"bootstrap failed: the issue call answered {{\"access_token\":\"{Jwe}\",\"refresh_token\":\"{Opaque}\"}}",
            Failures =
            [
                new CheckFailure
                {
                    Expectation = "the session starts",
                    Expected = "201 with access_token",
                    Actual = $"200 {{\"access_token\":\"{Jwe}\",\"id_token\":\"{Jws}\",\"session\":\"{JweDir}\"}}",
                    Source = "seed-001",
                },
            ],
            Transcript =
            [
                new Exchange
                {
                    Step = "sign on",
                    Request = signOn,
                    Response = new ExchangeResponse
                    {
                        Status = 200,
                        Headers = new Dictionary<string, string> { ["Set-Cookie"] = $"sid={Opaque}; HttpOnly" },
                        Body = $$"""{"access_token":"{{Jwe}}","refresh_token":"{{Opaque}}","token_type":"bearer","id":"{{JweDir}}"}""",
                    },
                    Curl = CurlCommand.From(signOn),
                },
                new Exchange
                {
                    Step = "refresh",
                    Request = refresh,
                    Response = new ExchangeResponse { Error = $"connection reset after {Jws}" },
                    Curl = CurlCommand.From(refresh),
                },
            ],
        };
        return SampleReports.Run(SampleReports.Passing(), failing);
    }

    [Test]
    public void WriteAll_SecretsTheRedactorNeverSaw_NoneInAnyFile()
    {
        using var folder = new TempFolder();

        var written = ReportSet.WriteAll(ReportFromATarget(), folder.Path, new Redactor());

        written.Should().HaveCount(3);
        foreach (var file in written)
        {
            var content = File.ReadAllText(file);
            foreach (var secret in Planted)
                foreach (var piece in Tail(secret))
                    foreach (var form in Encodings(piece))
                        content.Should().NotContain(form, $"{Path.GetFileName(file)} must not contain any part of {secret[..6]}… (as \"{form}\")");
            content.Should().Contain("bearer", "token_type is no secret");
        }
    }

    /// <summary>The second half of a secret in pieces of 12 (a mask keeps at most the first six characters).</summary>
    private static IEnumerable<string> Tail(string secret)
    {
        var tail = secret[(secret.Length / 2)..];
        for (var i = 0; i + 12 <= tail.Length; i += 6) yield return tail.Substring(i, 12);
        if (tail.Length < 12) yield return tail;
    }

    private static IEnumerable<string> Encodings(string secret) =>
    [
        secret,
        WebUtility.HtmlEncode(secret),
        JavaScriptEncoder.Default.Encode(secret),
        Uri.EscapeDataString(secret),
        System.Security.SecurityElement.Escape(secret),
    ];
}
