namespace Harness.Reports;

/// <summary>One HTTP round trip a check made, kept so a failure can be understood and replayed.</summary>
public sealed record Exchange
{
    /// <summary>What the check was doing (e.g. "login", "refresh", "reuse old token").</summary>
    public required string Step { get; init; }

    public required ExchangeRequest Request { get; init; }

    public required ExchangeResponse Response { get; init; }

    /// <summary>A copy-paste curl line reproducing the request (see <see cref="CurlCommand"/>).</summary>
    public required string Curl { get; init; }
}
