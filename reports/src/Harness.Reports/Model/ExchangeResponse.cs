namespace Harness.Reports;

/// <summary>The response half of an <see cref="Exchange"/>; <see cref="Error"/> is set instead of a status when none arrived.</summary>
public sealed record ExchangeResponse
{
    /// <summary>Null when the request never got a response (timeout, connection reset).</summary>
    public int? Status { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init => field = value ?? new Dictionary<string, string>(); } = new Dictionary<string, string>();

    public string? Body { get; init; }

    /// <summary>Transport failure, e.g. "connection reset by peer".</summary>
    public string? Error { get; init; }
}
