namespace Harness.Reports.Tests;

/// <summary>Small, readable reports for tests; each test overrides only what it is about.</summary>
internal static class SampleReports
{
    public static readonly DateTimeOffset Started = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    public static RunReport Run(params CheckResult[] checks) => new()
    {
        RunId = "run-0001",
        StartedAt = Started,
        FinishedAt = Started.AddSeconds(12.5),
        Target = new TargetInfo { Name = "local mock", BaseUrl = "http://127.0.0.1:5080", Kind = "mock" },
        Checks = checks,
    };

    public static CheckResult Passing(string api = "ags-refresh", string scenario = "refresh-returns-new-token", string operation = "refresh") => new()
    {
        Id = $"{api}/{scenario}#{operation}",
        Api = api,
        Operation = operation,
        Scenario = scenario,
        Title = "A valid refresh token yields a new access token",
        Rules = ["refresh.returns-access-token"],
        Severity = CheckSeverity.Contract,
        Sources = ["seed-000", "RFC 6749 §5.1"],
        Verdict = Verdict.Pass,
        Transcript = [RefreshExchange(200, """{"access_token":"new-access-value","token_type":"Bearer","expires_in":3600}""")],
        DurationMs = 42.5,
    };

    public static CheckResult Failing(string api = "ags-refresh", string scenario = "refresh-rotates-token", string operation = "refresh") => new()
    {
        Id = $"{api}/{scenario}#{operation}",
        Api = api,
        Operation = operation,
        Scenario = scenario,
        Title = "The old refresh token is rejected after rotation",
        Rules = ["refresh.rotation", "refresh.reuse-rejected"],
        Severity = CheckSeverity.Contract,
        Sources = ["seed-003", "RFC 6749 §10.4"],
        Verdict = Verdict.Fail,
        Reason = "old refresh token still accepted",
        Failures =
        [
            new CheckFailure
            {
                Expectation = "reusing a rotated refresh token is rejected",
                Expected = "HTTP 400 with error=invalid_grant",
                Actual = "HTTP 200",
                Source = "RFC 6749 §10.4",
            },
        ],
        Transcript = [RefreshExchange(200, """{"access_token":"second-access-value"}""", step: "reuse old token")],
        DurationMs = 1234.5,
    };

    /// <summary>A check that broke only a rule of a level the run does not gate on (an inference): reported, not failed.</summary>
    public static CheckResult Warned(string api = "ags-refresh", string scenario = "get-instead-of-post-is-refused", string operation = "refresh") => new()
    {
        Id = $"{api}/{scenario}#{operation}",
        Api = api,
        Operation = operation,
        Scenario = scenario,
        Title = "A GET is refused",
        Rules = ["transport"],
        Severity = CheckSeverity.Contract,
        Level = CheckLevel.Vendor,
        Sources = ["seed-002 Usage Notes"],
        Verdict = Verdict.Warning,
        Reason = "warning: status: expected 405, got 404",
        Failures =
        [
            new CheckFailure
            {
                Expectation = "step 2: status",
                Expected = "405 (wrong-method; the status is this contract's inference, any 4xx refuses)",
                Actual = "404",
                Source = "seed-002 Usage Notes (inferred: 405)",
                Level = CheckLevel.Inferred,
                Warning = true,
            },
        ],
        Transcript = [RefreshExchange(404, "")],
        DurationMs = 12,
    };

    public static CheckResult Skipped(string api = "ags-refresh", string scenario = "refresh-with-expired-token", string operation = "refresh") => new()
    {
        Id = $"{api}/{scenario}#{operation}",
        Api = api,
        Operation = operation,
        Scenario = scenario,
        Title = "An expired refresh token is rejected",
        Rules = ["refresh.expiry"],
        Severity = CheckSeverity.BestPractice,
        Sources = ["inferred: tokens carry an exp claim"],
        Verdict = Verdict.Skip,
        Reason = "target does not let the harness shorten token lifetime",
        DurationMs = 0.3,
    };

    public static Exchange RefreshExchange(int? status, string? responseBody, string step = "refresh")
    {
        var request = new ExchangeRequest
        {
            Method = "POST",
            Url = "http://127.0.0.1:5080/oauth/token",
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" },
            Body = "grant_type=refresh_token&client_id=harness",
        };
        return new Exchange
        {
            Step = step,
            Request = request,
            Response = new ExchangeResponse
            {
                Status = status,
                Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
                Body = responseBody,
            },
            Curl = CurlCommand.From(request),
        };
    }

    public static string Serialize(IReportWriter writer, RunReport report)
    {
        using var stream = new MemoryStream();
        writer.Write(report, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
