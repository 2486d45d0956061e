using Harness.Conformance.Reporting;
using Harness.Reports;
using Harness.Scenarios.Redaction;
using FluentAssertions;
using NUnit.Framework;

namespace Harness.Conformance.Tests;

/// <summary>
/// The text a failing check prints (console, test log) goes through the redactor, whatever the check recorded:
/// a bootstrap failure once printed ~250 characters of a JWE access token from the target in clear.
/// </summary>
public sealed class FailureMessageTests
{
    private const string Jwe = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.vgv4Ah3jn5130zf_PPQaaMllkGMPdPUjykQSnv0pVuK5ITBEp7H4VwWM1Gim0KpU5X7N7ixOAadZfAVuFVuU3P0jlYq7ujNxVsbLJSniCSZYdMtPQ9UJLvxrp-BPmmIo.DPVXhKXLssOuMUpS.tb7dnV5lCMfcNWOKMcWQyWWjggM9nupQigdcmrTtzTLGDkLEd54dEcziMQVlUvU-E6J57ebr-N2FPHt-sm7GpMFMYI4hltKYl3Tx6f7uhVoMmHLBktf4INId.DA8Sdim2pYqyIznEH6Eygg";
    private const string Opaque = "GrpDZxTg5u7mP9KqFX0urcFQzjEActfylHNP1FJXwUJsYsEg";

    [Test]
    public void Format_BootstrapFailureQuotingTokens_ShowsNoPartOfThem()
    {
        // The answer is long enough to be cut at 600 characters, with the opaque token across the cut.
        var answer = $"{{\"pad\":\"{new string('x', 560)}\",\"refresh_token\":\"{Opaque}\",\"access_token\":\"{Jwe}\"}}";
        var request = new ExchangeRequest { Method = "POST", Url = "https://target.example.test/token", Headers = new Dictionary<string, string>(), Body = $"refresh_token={Opaque}" };
        var check = new CheckResult
        {
            Id = "keycloak-refresh/rotation#refresh",
            Api = "keycloak-refresh",
            Operation = "refresh",
            Scenario = "rotation",
            Title = "rotation",
            Rules = ["rotation"],
            Severity = CheckSeverity.Contract,
            Sources = ["RFC 6749 §6"],
            Verdict = Verdict.Fail,
            Failures =
            [
                new CheckFailure { Expectation = "the session starts", Expected = "200 with a token pair", Actual = $"401 after the issue call answered {Jwe}", Source = "bootstrap" },
            ],
            Transcript =
            [
                new Exchange
                {
                    Step = "bootstrap", Request = request, Response = new ExchangeResponse { Status = 200, Body = answer },
                    Curl = $"curl -i -X POST 'https://target.example.test/token' --data-raw 'refresh_token={Opaque}'",
                },
            ],
        };

        var message = FailureMessage.Format(check, new Redactor());

        message.Should().Contain("401 after the issue call answered eyJhbG…[redacted:len=");
        foreach (var secret in new[] { Jwe, Opaque })
            for (var i = secret.Length / 2; i + 12 <= secret.Length; i += 6)
                message.Should().NotContain(secret.Substring(i, 12));
    }
}
