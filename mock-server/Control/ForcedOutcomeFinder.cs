using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Control;

/// <summary>Finds the documented outcome a forced status stands for; only documented statuses can be forced.</summary>
public static class ForcedOutcomeFinder
{
    /// <exception cref="ArgumentException">the status (or condition) is not documented for the operation.</exception>
    public static Outcome Find(Operation operation, int status, string? condition, string? field = null)
    {
        var matches = operation.Outcomes.Where(o => o.Status == status).ToList();
        if (condition is not null) matches = [.. matches.Where(o => KebabName.Of(o.When) == condition)];
        // Outcomes of one condition may differ by field (a missing client_id is invalid_client, a missing grant_type invalid_request).
        if (field is not null) matches = [.. matches.Where(o => string.Equals(o.Field, field, StringComparison.OrdinalIgnoreCase))];
        return matches.FirstOrDefault() ?? throw new ArgumentException(
            $"{operation.QualifiedId} documents no {status}{(condition is null ? "" : $" for '{condition}'")}{(field is null ? "" : $" on field '{field}'")}; it documents: " +
            string.Join(", ", operation.Outcomes.Select(o => $"{o.Status} {o.Describe()}")));
    }
}
