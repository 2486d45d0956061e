using Harness.Scenarios.Loading;

namespace Harness.Scenarios.Model;

/// <summary>
/// A documented (or inferred) status code and the condition that produces it. <see cref="Field"/> narrows a
/// field-specific condition (a missing <c>Authorization</c> header is 401 while a missing
/// <c>x-auth-service-id</c> is 400). <see cref="ErrorCode"/> is what the API's error shape carries.
/// </summary>
public sealed record Outcome(
    Condition When,
    string? Field,
    int Status,
    string? ErrorCode,
    string? ErrorMessage,
    IReadOnlyList<ResponseHeader> Headers,
    Provenance Provenance,
    Location Where)
{
    public string Describe() => Field is null ? KebabName.Of(When) : $"{KebabName.Of(When)} ({Field})";
}
