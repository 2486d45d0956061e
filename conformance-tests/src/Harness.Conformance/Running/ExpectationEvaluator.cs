using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Harness.Reports;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.Conformance.Running;

/// <summary>
/// Where a check is run: each expectation of a step is compared with what the target answered, and every
/// mismatch becomes a <see cref="CheckFailure"/> naming the rule's source, its level, the expected and the actual value.
/// What the contract says (status, error codes, field types, headers, claims) is read from the contract here.
/// </summary>
/// <remarks>
/// A finding is as binding as the weaker of the scenario's level (<paramref name="level"/>) and the level of the
/// contract item it checks: a field the contract had to infer is an inference even in a vendor scenario. A refusal
/// answered with another status of the same class (404 for a wrong method the contract answers 405) is judged at the
/// outcome's level, since the status is then all that differs; a refusal answered with a success is judged at the
/// scenario's. An error code (or an envelope's failure members) belongs to the <see cref="ErrorResponseRule"/>, not
/// to the rule the scenario is about: the runner reports it under that rule.
/// </remarks>
public sealed class ExpectationEvaluator(ContractSet contracts, ScenarioContext context, ObligationLevel level = ObligationLevel.Must)
{
    /// <summary>The rule family of what a refusal says beside its status: the error code in the API's error shape.</summary>
    public const string ErrorResponseRule = "error-response";

    public IEnumerable<CheckFailure> Outcome(Operation operation, Outcome outcome, StepResult result, string step)
    {
        var source = outcome.Provenance.ToString();
        var shape = contracts.Api(operation.ApiId)!.ErrorShape;
        var clientAuthenticatedInBody = ClientAuthenticatedInBody(shape, outcome, result);
        if (result.Status != outcome.Status && !clientAuthenticatedInBody)
        {
            // Another status of the class the contract expects: only the exact status differs, which is as binding as the outcome says.
            var sameClass = result.Status / 100 == outcome.Status / 100;
            var statusLevel = sameClass ? ObligationLevels.Weaker(level, outcome.Provenance.Level) : level;
            var expected = sameClass && outcome.Provenance.Level == ObligationLevel.Inferred
                ? $"{outcome.Status} ({outcome.Describe()}; the status is this contract's inference, any {outcome.Status / 100}xx refuses)"
                : $"{outcome.Status} ({outcome.Describe()})";
            yield return Fail(step, "status", expected, $"{result.Status}", source, statusLevel);
            yield break;
        }
        if (outcome.When != Condition.Success && outcome.ErrorCode is { } code)
        {
            if (ErrorBody.CodePath(shape) is { } path)
            {
                var actual = BodyPath.Get(result.Body, path, out _);
                if (actual is not JsonValue v || !v.TryGetValue<string>(out var text) || text != code)
                    yield return Fail(step, $"error code ({KebabName.Of(shape)} '{path}')", code, actual is null ? $"no '{path}' in the body: {Abbreviate(result.BodyText)}" : StepResult.Text(actual), source,
                        outcome.Provenance.Level, ErrorResponseRule);
            }
            foreach (var member in ErrorBody.EmptyPaths(shape))
                if (!ErrorBody.IsEmpty(BodyPath.Get(result.Body, member, out var found), found))
                    yield return Fail(step, $"envelope '{member}' on failure", "empty (\"\", [], {} or null)", StepResult.Text(BodyPath.Get(result.Body, member, out _)), source,
                        outcome.Provenance.Level, ErrorResponseRule);
        }
        // The 401's WWW-Authenticate challenge goes with the 401; a body-authenticated client's 400 has none to give.
        if (clientAuthenticatedInBody) yield break;
        foreach (var header in outcome.Headers)
            if (!HeaderContains(result.Header(header.Name), header.Contains))
                yield return Fail(step, $"header {header.Name}", $"contains '{header.Contains}'", result.Header(header.Name) ?? "(absent)", header.Provenance.ToString(),
                    ObligationLevels.Weaker(level, header.Provenance.Level));
    }

    /// <summary>
    /// RFC 6749 §5.2: invalid_client "MAY" be answered 401, and MUST be only when the client authenticated with the
    /// Authorization header. A client that sent its credentials in the body (client_secret_post) may get 400, which
    /// every such server is allowed to answer, so a 400 then meets a contract that says 401.
    /// </summary>
    private static bool ClientAuthenticatedInBody(ErrorShape shape, Outcome outcome, StepResult result) =>
        shape == ErrorShape.Oauth2 && outcome.When == Condition.InvalidClient && outcome.Status == 401 && result.Status == 400 && !result.SentAuthorization;

    public IEnumerable<CheckFailure> Check(Operation operation, Expectation expectation, StepResult result, string step) => expectation switch
    {
        FieldsExpectation => Fields(operation, result, step),
        HeaderExpectation h => Header(operation, h, result, step),
        JwtClaimsExpectation j => Claims(operation, j, result, step),
        JwtExpiryExpectation e => Expiry(e, result, step),
        ComparisonExpectation c => Compare(c, step),
        SchemaExpectation s => Schema(s, result, step),
        // The reader only builds the kinds of Expectation.CheckKinds; a new kind without a rule here must not pass silently.
        _ => throw new ArgumentException($"the runner cannot evaluate a '{expectation.Kind}' check ({expectation.GetType().Name})", nameof(expectation)),
    };

    private IEnumerable<CheckFailure> Fields(Operation operation, StepResult result, string step)
    {
        if (result.Body is null)
        {
            yield return Fail(step, "fields", "a JSON body", Abbreviate(result.BodyText), operation.Provenance.ToString(), level);
            yield break;
        }
        var realm = contracts.Api(operation.ApiId)!.Realm;
        foreach (var field in operation.Response.Fields)
        {
            var source = field.Provenance.ToString();
            var fieldLevel = ObligationLevels.Weaker(level, field.Provenance.Level);
            var value = BodyPath.Get(result.Body, field.Path, out var found);
            if (!found)
            {
                if (field.Required) yield return Fail(step, $"field {field.Path}", "present", "absent", source, fieldLevel);
                continue;
            }
            if (!field.Types.Any(t => HasType(value, t)))
            {
                yield return Fail(step, $"field {field.Path} type", string.Join(" or ", field.Types.Select(t => KebabName.Of(t))), Describe(value), source, fieldLevel);
                continue;
            }
            if (field.EqualTo is { } expected && !SameValue(value, expected, field.IgnoreCase))
                yield return Fail(step, $"field {field.Path} value", StepResult.Text(expected), StepResult.Text(value), source, fieldLevel);
            if (field.LifetimeOf is { } kind)
            {
                var limit = context.Target.Lifetime(realm, kind) ?? contracts.Policy(realm)?.LifetimeOf(kind)?.Seconds ?? 0;
                if (!TryNumber(value, out var seconds) || seconds <= 0 || seconds > limit)
                    yield return Fail(step, $"field {field.Path} lifetime", $"between 1 and {limit} s (the {KebabName.Of(kind)} lifetime)", StepResult.Text(value), source, fieldLevel);
            }
        }
    }

    private IEnumerable<CheckFailure> Header(Operation operation, HeaderExpectation expectation, StepResult result, string step)
    {
        var declared = operation.Response.Headers.First(h => string.Equals(h.Name, expectation.Name, StringComparison.OrdinalIgnoreCase));
        if (!HeaderContains(result.Header(declared.Name), declared.Contains))
            yield return Fail(step, $"header {declared.Name}", $"contains '{declared.Contains}'", result.Header(declared.Name) ?? "(absent)", expectation.Source ?? declared.Provenance.ToString(),
                ObligationLevels.Weaker(level, declared.Provenance.Level));
    }

    private IEnumerable<CheckFailure> Claims(Operation operation, JwtClaimsExpectation expectation, StepResult result, string step)
    {
        var token = result.Slots.GetValueOrDefault(expectation.Token);
        var policy = contracts.Policy(contracts.Api(operation.ApiId)!.Realm)!;
        var source = expectation.Source ?? policy.ClaimsProvenance.ToString();
        var claimLevel = ObligationLevels.Weaker(level, policy.ClaimsProvenance.Level);
        var payload = ScenarioContext.Payload(token);
        if (payload is null)
        {
            yield return Fail(step, $"{KebabName.Of(expectation.Token)} is a JWT", "a compact JWS (header.payload.signature)", token is null ? "(absent)" : "not a JWT", source, claimLevel);
            yield break;
        }
        var claims = expectation.Token == Slot.AccessToken ? policy.AccessClaims : policy.RefreshClaims;
        foreach (var (name, template) in claims)
        {
            var present = payload.TryGetPropertyValue(name, out var actual);
            if (!present)
            {
                yield return Fail(step, $"claim {name} of the {KebabName.Of(expectation.Token)}", "present", "absent", source, claimLevel);
                continue;
            }
            if (ClaimTemplates.ReferenceIn(template) is { } reference)
            {
                // The loader let only the model's templates through; the model says what each is filled with.
                var numeric = ClaimTemplates.Find(reference)?.Type == ClaimType.Number;
                if (numeric ? !TryNumber(actual, out _) : actual?.GetValueKind() != JsonValueKind.String)
                    yield return Fail(step, $"claim {name} of the {KebabName.Of(expectation.Token)}", numeric ? "a number" : "a string", Describe(actual), source, claimLevel);
            }
            else if (!JsonNode.DeepEquals(actual, template) && !SameValue(actual, template, ignoreCase: false))
                yield return Fail(step, $"claim {name} of the {KebabName.Of(expectation.Token)}", template?.ToJsonString() ?? "null", actual?.ToJsonString() ?? "null", source, claimLevel);
        }
    }

    private IEnumerable<CheckFailure> Expiry(JwtExpiryExpectation expectation, StepResult result, string step)
    {
        var source = expectation.Source ?? "RFC 7519 §4.1.4";
        var exp = ScenarioContext.Claim(result.Slots.GetValueOrDefault(expectation.Token), "exp");
        var lifetime = context.Evaluate(expectation.Lifetime);
        if (exp is null || !TryNumber(exp, out var expSeconds))
        {
            yield return Fail(step, $"exp of the {KebabName.Of(expectation.Token)}", "a numeric exp claim", exp is null ? "absent (or not a JWT)" : Describe(exp), source, level);
            yield break;
        }
        if (lifetime is null || !TryNumber(lifetime, out var seconds))
        {
            yield return Fail(step, $"exp of the {KebabName.Of(expectation.Token)}", $"a lifetime from {expectation.Lifetime.Text}", "no such value in the answer", source, level);
            yield break;
        }
        var expected = result.Time + seconds;
        if (Math.Abs(expSeconds - expected) > expectation.ToleranceSeconds)
            yield return Fail(step, $"exp of the {KebabName.Of(expectation.Token)}",
                $"{expected} (response Date {result.Time} + {seconds} s, ±{expectation.ToleranceSeconds} s)", $"{expSeconds} ({expSeconds - expected:+0;-0} s)", source, level);
    }

    private IEnumerable<CheckFailure> Compare(ComparisonExpectation expectation, string step)
    {
        var source = expectation.Source ?? "the scenario";
        var left = context.Evaluate(expectation.Value);
        var right = context.Evaluate(expectation.Other);
        var ok = expectation.Comparison switch
        {
            Comparison.Differs => left is not null && right is not null && !SameValue(left, right, false),
            Comparison.EqualTo => left is not null && right is not null && SameValue(left, right, false),
            Comparison.AtMost => TryNumber(left, out var l) && TryNumber(right, out var r) && l <= r,
            // RFC 6749 §5.1: a token response leaves scope out when it is the scope requested, so an absent scope on
            // either side is the one the step asked for; whether that was allowed is the refusal's business, not this check's.
            Comparison.ScopeSubset => left is null || right is null || ScopeSet.IsSubset(StepResult.Text(left), StepResult.Text(right)),
            _ => throw new ArgumentException($"the runner cannot compare with '{expectation.Comparison}'", nameof(expectation)),
        };
        if (ok) yield break;
        var verb = expectation.Comparison switch
        {
            Comparison.Differs => "differs from",
            Comparison.EqualTo => "equals",
            Comparison.AtMost => "is at most",
            _ => "is a scope subset of",
        };
        yield return Fail(step, $"{expectation.Value.Text} {verb} {expectation.Other.Text}",
            $"{verb} {Shown(right)}", left is null ? "(no value)" : Shown(left), source, level);
    }

    private IEnumerable<CheckFailure> Schema(SchemaExpectation expectation, StepResult result, string step)
    {
        var schema = NJsonSchema.JsonSchema.FromFileAsync(expectation.SchemaPath).GetAwaiter().GetResult();
        var errors = schema.Validate(result.BodyText.Length == 0 ? "null" : result.BodyText);
        if (errors.Count > 0)
            yield return Fail(step, $"body matches {Path.GetFileName(expectation.SchemaPath)}", "valid", string.Join("; ", errors.Take(5).Select(e => $"{e.Path}: {e.Kind}")), expectation.Source ?? "the scenario", level);
    }

    private static bool HeaderContains(string? value, string directive) =>
        value is not null && value.Split(',', ';').Any(part => part.Trim().StartsWith(directive, StringComparison.OrdinalIgnoreCase));

    private static bool HasType(JsonNode? node, FieldType type)
    {
        var kind = node?.GetValueKind() ?? JsonValueKind.Null;
        return type switch
        {
            FieldType.String => kind == JsonValueKind.String,
            FieldType.Jwt => kind == JsonValueKind.String && ScenarioContext.Payload(node) is not null,
            FieldType.Integer => kind == JsonValueKind.Number && node!.AsValue().TryGetValue<long>(out _),
            FieldType.Number => kind == JsonValueKind.Number,
            FieldType.Boolean => kind is JsonValueKind.True or JsonValueKind.False,
            FieldType.Object => kind == JsonValueKind.Object,
            FieldType.Array => kind == JsonValueKind.Array,
            FieldType.Null => kind == JsonValueKind.Null,
            FieldType.NumericString => kind == JsonValueKind.String && long.TryParse(node!.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            FieldType.NameValueArray => node is JsonArray a && a.All(m => m is JsonObject o && o.ContainsKey("name")),
            FieldType.Empty => ErrorBody.IsEmpty(node, true),
            _ => false,
        };
    }

    private static bool SameValue(JsonNode? actual, JsonNode? expected, bool ignoreCase)
    {
        if (TryNumber(actual, out var a) && TryNumber(expected, out var e)) return a == e;
        return string.Equals(StepResult.Text(actual), StepResult.Text(expected), ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private static bool TryNumber(JsonNode? node, out decimal value)
    {
        value = 0;
        return node is not null && ValueExpression.TryNumber(node, out value);
    }

    private static string Describe(JsonNode? node) => node is null ? "null" : $"{node.GetValueKind().ToString().ToLowerInvariant()} {Abbreviate(node.ToJsonString())}";

    /// <summary>Tokens are shown as a prefix and a length; short values as they are.</summary>
    private static string Shown(JsonNode? node) => StepResult.Text(node) is var text && text.Length > 24 ? Harness.Scenarios.Redaction.Redactor.Mask(text) : StepResult.Text(node);

    private static string Abbreviate(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private static CheckFailure Fail(string step, string expectation, string expected, string actual, string source, ObligationLevel level, string? rule = null) =>
        new() { Expectation = $"{step}: {expectation}", Expected = expected, Actual = actual, Source = source, Level = Levels.Of(level), Rule = rule };
}
