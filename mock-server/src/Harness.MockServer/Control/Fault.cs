namespace Harness.MockServer.Control;

/// <summary>
/// A failure users ask every mock for, set per operation: delay the answer (fixed plus random jitter),
/// answer a 5xx with Retry-After, a body cut off mid-JSON, drop the connection mid-response, or an empty 200.
/// <see cref="Remaining"/> counts down when set; null means until cleared.
/// </summary>
internal sealed record Fault(FaultKind Kind, int LatencyMs = 0, int JitterMs = 0, int Status = 503, int RetryAfterSeconds = 1, int? Remaining = null);

internal enum FaultKind
{
    Latency,
    ServerError,
    MalformedBody,
    DropConnection,
    EmptyResponse,
}
