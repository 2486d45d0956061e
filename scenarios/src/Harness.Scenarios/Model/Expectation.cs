using Harness.Scenarios.Loading;

namespace Harness.Scenarios.Model;

/// <summary>
/// One thing a step's response must satisfy. Each kind states only what the scenario adds; what the
/// contract already says (status, error code, field types, header values, claims) is looked up in it, so
/// no rule is written twice.
/// </summary>
public abstract record Expectation(string? Source, Location Where)
{
    /// <summary>
    /// Every kind a step's <c>checks</c> may name, and so every kind the runner must evaluate: a kind outside
    /// this list is a load error, and the runner's tests evaluate each one, passing and failing.
    /// </summary>
    public static IReadOnlyList<string> CheckKinds { get; } = ["fields", "header", "jwt-claims", "jwt-exp", "differs", "equal-to", "at-most", "scope-subset", "schema"];

    /// <summary>A short name used in test output: "status", "differs", "jwt-claims" ...</summary>
    public abstract string Kind { get; }
}

/// <summary>The response matches the contract's outcome for a condition: its status, and its error code in the API's error shape.</summary>
public sealed record OutcomeExpectation(Condition Condition, string? Field, Location At) : Expectation(null, At)
{
    public override string Kind => "outcome";
}

/// <summary>Every field the contract lists for the success body is present with its type and value.</summary>
public sealed record FieldsExpectation(string? From, Location At) : Expectation(From, At)
{
    public override string Kind => "fields";
}

/// <summary>A header the contract declares for this operation's success response is present with its value.</summary>
public sealed record HeaderExpectation(string Name, string? From, Location At) : Expectation(From, At)
{
    public override string Kind => "header";
}

/// <summary>A token parses as a JWT and carries the claims the realm's token policy gives it.</summary>
public sealed record JwtClaimsExpectation(Slot Token, string? From, Location At) : Expectation(From, At)
{
    public override string Kind => "jwt-claims";
}

/// <summary>A JWT's <c>exp</c> equals the response time plus a lifetime (the body's <c>expires_in</c>, say), within a tolerance.</summary>
public sealed record JwtExpiryExpectation(Slot Token, ValueExpression Lifetime, int ToleranceSeconds, string? From, Location At) : Expectation(From, At)
{
    public override string Kind => "jwt-exp";
}

/// <summary>Two values compare as stated: differs, equals, at-most, scope-subset.</summary>
public sealed record ComparisonExpectation(Comparison Comparison, ValueExpression Value, ValueExpression Other, string? From, Location At) : Expectation(From, At)
{
    public override string Kind => KebabName.Of(Comparison);
}

/// <summary>The body validates against a JSON Schema file.</summary>
public sealed record SchemaExpectation(string SchemaPath, string? From, Location At) : Expectation(From, At)
{
    public override string Kind => "schema";
}
