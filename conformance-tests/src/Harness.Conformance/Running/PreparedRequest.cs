using Harness.Reports;

namespace Harness.Conformance.Running;

/// <summary>A request ready to send, and the same request as the transcript records it (before redaction).</summary>
public sealed record PreparedRequest(HttpRequestMessage Message, ExchangeRequest Record);
