using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Control;

/// <summary>Finds the documented outcome a forced status stands for; only documented statuses can be forced.</summary>
internal static class ForcedOutcomeFinder
{
    /// <summary>
    /// The answer a forced header carries: which condition the mock forced, since one status often stands for
    /// several (a 401 on AGS refresh is a missing Authorization header or an invalid token ...).
    /// </summary>
    public const string ForcedConditionHeader = "X-Harness-Forced-Condition";

    /// <exception cref="ArgumentException">the status (or condition) is not documented for the operation.</exception>
    public static Outcome Find(Operation operation, int status, string? condition, string? field = null)
    {
        var matches = operation.Outcomes.Where(o => o.Status == status).ToList();
        if (condition is not null) matches = [.. matches.Where(o => KebabName.Of(o.When) == condition)];
        // Outcomes of one condition may differ by field (a missing client_id is invalid_client, a missing grant_type invalid_request).
        if (field is not null) matches = [.. matches.Where(o => string.Equals(o.Field, field, StringComparison.OrdinalIgnoreCase))];
        // A status alone stands for the condition a request that is otherwise valid meets: a forced 401 on a
        // refresh is "the token is not valid", not "the header is missing" when the header was sent.
        return matches.OrderBy(o => Rank(o.When)).FirstOrDefault() ?? throw new ArgumentException(
            $"{operation.QualifiedId} documents no {status}{(condition is null ? "" : $" for '{condition}'")}{(field is null ? "" : $" on field '{field}'")}; it documents: " +
            string.Join(", ", operation.Outcomes.Select(o => $"{o.Status} {o.Describe()}")));
    }

    /// <summary>0: what the token itself is; 1: other facts of an otherwise valid request; 2: the request's form. OrderBy keeps contract order within a rank.</summary>
    private static int Rank(Condition condition) => condition switch
    {
        Condition.TokenInvalid or Condition.TokenExpired or Condition.TokenReused or Condition.TokenRevoked
            or Condition.AccessTokenInvalid or Condition.PairMismatch or Condition.ForeignClient => 0,
        Condition.WrongMethod or Condition.InsecureTransport or Condition.WrongContentType or Condition.MalformedBody
            or Condition.UnsupportedGrantType or Condition.MissingHeader or Condition.MissingField => 2,
        _ => 1,
    };
}
