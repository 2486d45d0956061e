using System.Text.RegularExpressions;
using Harness.Scenarios.Redaction;

namespace Harness.Reports;

/// <summary>
/// Produces a copy of a <see cref="RunReport"/> with every piece of free text passed through a <see cref="Redactor"/>.
/// Every writer applies it before writing, even though the suite redacts as it records: a report file is the
/// thing most likely to be attached to a ticket or uploaded by CI, so it gets its own line of defence.
/// </summary>
/// <remarks>
/// Identifiers (check id, API, operation, scenario, rule ids) are left alone because runs are compared by them;
/// they are chosen by the suite, never taken from a server. Redaction is idempotent, so re-rendering a report
/// that was already redacted changes nothing.
/// </remarks>
public sealed class ReportRedaction(Redactor redactor)
{
    public Redactor Redactor { get; } = redactor ?? throw new ArgumentNullException(nameof(redactor));

    public RunReport Apply(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report with
        {
            RunId = Text(report.RunId),
            Target = report.Target with
            {
                Name = Text(report.Target.Name),
                BaseUrl = Text(report.Target.BaseUrl),
                Kind = Text(report.Target.Kind),
            },
            Checks = [.. report.Checks.Select(Check)],
        };
    }

    /// <summary>Redacts one piece of free text.</summary>
    public string Text(string text) => Redactor.Redact(text);

    /// <summary>As <see cref="Text"/>; null stays null so optional fields keep their meaning.</summary>
    public string? OptionalText(string? text) => text is null ? null : Text(text);

    /// <summary>A copy of one check with every piece of free text redacted (what a failure message is written from).</summary>
    public CheckResult Apply(CheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return Check(check);
    }

    private CheckResult Check(CheckResult check) => check with
    {
        Title = Text(check.Title),
        Sources = [.. check.Sources.Select(Text)],
        Reason = OptionalText(check.Reason),
        Failures = [.. check.Failures.Select(Failure)],
        Transcript = [.. check.Transcript.Select(Exchange)],
    };

    private CheckFailure Failure(CheckFailure failure) => failure with
    {
        Expectation = Text(failure.Expectation),
        Expected = Text(failure.Expected),
        Actual = Text(failure.Actual),
        Source = Text(failure.Source),
    };

    private Exchange Exchange(Exchange exchange)
    {
        var request = exchange.Request with
        {
            Method = Text(exchange.Request.Method),
            Url = Text(exchange.Request.Url),
            Headers = Headers(exchange.Request.Headers),
            Body = OptionalText(exchange.Request.Body),
        };
        var response = exchange.Response with
        {
            Headers = Headers(exchange.Response.Headers),
            Body = OptionalText(exchange.Response.Body),
            Error = OptionalText(exchange.Response.Error),
        };
        return exchange with
        {
            Step = Text(exchange.Step),
            Request = request,
            Response = response,
            Curl = Curl(exchange.Curl, exchange.Request, request),
        };
    }

    private Dictionary<string, string> Headers(IReadOnlyDictionary<string, string> headers)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
            result[name] = Text(HeaderValue(name, value ?? ""));
        return result;
    }

    private string HeaderValue(string name, string value) => Redactor.MaskHeader(name, value);

    /// <summary>
    /// The curl line repeats the request, but inside shell quotes where the Redactor's patterns match less well
    /// (a header is masked to the end of the line, taking the rest of the command with it). So the values already
    /// redacted in the request are swapped in first, which keeps the line's shape, and the Redactor then runs over
    /// whatever is left.
    /// </summary>
    private string Curl(string curl, ExchangeRequest raw, ExchangeRequest redacted)
    {
        if (string.IsNullOrEmpty(curl)) return curl ?? "";
        var result = curl;
        foreach (var (name, value) in raw.Headers)
        {
            if (redacted.Headers.TryGetValue(name, out var masked))
                result = ReplaceChanged(result, value, masked);
        }
        if (raw.Body is not null && redacted.Body is not null)
        {
            result = ReplaceChanged(result, raw.Body, redacted.Body);
            result = ReplaceChanged(result, CurlCommand.Quote(raw.Body), CurlCommand.Quote(redacted.Body));
        }
        result = ReplaceChanged(result, raw.Url, redacted.Url);
        return Text(result);
    }

    private static string ReplaceChanged(string text, string? raw, string redacted)
    {
        // Short values are left to the Redactor: replacing "1" everywhere would wreck the line and hide nothing.
        if (string.IsNullOrEmpty(raw) || raw.Length < 4 || raw == redacted) return text;
        return text.Replace(raw, redacted, StringComparison.Ordinal);
    }
}
