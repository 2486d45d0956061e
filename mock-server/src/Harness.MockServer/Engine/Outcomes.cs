using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Engine;

/// <summary>
/// Where a status code is chosen: a detected condition becomes the operation's declared outcome. A
/// condition the contract does not declare still needs an answer (a garbage token cannot succeed), so it
/// falls back to the generic outcome for its kind, marked as not part of the contract.
/// </summary>
internal static class Outcomes
{
    public static Outcome For(Operation operation, Condition condition, string? field = null) =>
        operation.OutcomeFor(condition, field) ?? Fallback(operation, condition, field);

    public static Outcome Success(Operation operation) => OperationFacts.Of(operation).Success!;

    private static Outcome Fallback(Operation operation, Condition condition, string? field)
    {
        // Prefer a declared outcome of the same family, so an API keeps one answer for "bad token" and speaks
        // its own dialect (REQ_1000 in the Security Management envelope, not an OAuth code) for a bad request.
        Condition[] family = condition switch
        {
            Condition.TokenExpired or Condition.TokenRevoked or Condition.TokenReused or Condition.ForeignClient
                or Condition.AccessTokenInvalid or Condition.PairMismatch => [Condition.TokenInvalid],
            Condition.MissingHeader or Condition.MissingField or Condition.WrongContentType => [Condition.MalformedBody, Condition.MissingField],
            Condition.WrongMethod => [Condition.MalformedBody, Condition.WrongContentType, Condition.MissingField],
            _ => [],
        };
        foreach (var sibling in family)
            if ((operation.OutcomeFor(sibling) ?? (condition == Condition.WrongMethod ? operation.Outcomes.FirstOrDefault(o => o.When == sibling) : null)) is { } declared)
                return condition == Condition.WrongMethod
                    // The sibling lends its code and message; the status stays 405 (RFC 9110 §15.5.6).
                    ? declared with { When = condition, Field = null, Status = 405, Headers = [], Provenance = NotDeclared }
                    : declared with { When = condition, Field = field };
        var status = condition switch
        {
            Condition.WrongMethod => 405,
            Condition.InvalidClient or Condition.TokenInvalid or Condition.InvalidCredentials => 401,
            Condition.AccountForbidden or Condition.GeoBlocked or Condition.WrongTenant => 403,
            Condition.UnknownEntity => 404,
            _ => 400,
        };
        return new Outcome(condition, field, status, "invalid_request", null, [], NotDeclared, Location.None);
    }

    private static readonly Provenance NotDeclared = new(null, "not declared by the contract; the mock's generic answer", Location.None);

    public static string DefaultMessage(Outcome outcome) => outcome.ErrorMessage ?? KebabName.Of(outcome.When).Replace('-', ' ') switch
    {
        var text when outcome.Field is { } f => $"{text}: {f}",
        var text => text,
    };
}
