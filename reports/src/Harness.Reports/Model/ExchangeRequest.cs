namespace Harness.Reports;

/// <summary>The request half of an <see cref="Exchange"/>.</summary>
public sealed record ExchangeRequest
{
    public required string Method { get; init; }

    public required string Url { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init => field = value ?? new Dictionary<string, string>(); } = new Dictionary<string, string>();

    public string? Body { get; init; }
}
