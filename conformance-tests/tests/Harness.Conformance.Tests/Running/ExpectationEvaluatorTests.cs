using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Harness.Conformance.Running;
using Harness.Reports;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;
using NUnit.Framework;

namespace Harness.Conformance.Tests.Running;

/// <summary>
/// The runner's own teeth: every kind of expectation the scenario files may write (<see cref="Expectation.CheckKinds"/>,
/// and the outcome of a step) is evaluated against an answer that keeps it and one that breaks it. A comparison made
/// to always pass, or always fail, turns a row here red.
/// </summary>
[TestFixture]
public sealed class ExpectationEvaluatorTests
{
    private const long Now = 1_700_000_000;
    private static readonly Location Here = new("test", 1, 1);

    private static ContractSet Contracts => Repository.Contracts;

    private static Operation Refresh(string api = "softwareag-refresh") => Contracts.Operation(api, "refresh")!;

    /// <summary>One row: what the target answered (and what earlier steps answered), the expectation, and whether it must hold.</summary>
    public sealed record Row(string Name, string Kind, Func<Case> Build, bool Holds, string? FailureContains = null)
    {
        public override string ToString() => Name;
    }

    /// <summary>The evaluator's input: the operation called, the expectation, the answer, and named earlier answers.</summary>
    public sealed record Case(Operation Operation, Expectation? Check, Outcome? Outcome, StepResult Answer, IReadOnlyDictionary<string, StepResult>? Earlier = null,
        IReadOnlyDictionary<string, string>? TargetValues = null, ObligationLevel Level = ObligationLevel.Must);

    private static readonly string SoftwareAgBody =
        """{"access_token":"at-1","token_type":"Bearer","expires_in":3600,"refresh_token":"rt-2","scope":"read"}""";

    public static IEnumerable<TestCaseData> Rows() => AllRows().Select(r => new TestCaseData(r).SetName($"Evaluate_{r.Kind}_{r.Name}"));

    private static IEnumerable<Row> AllRows()
    {
        // outcome: status, error code (its own rule), envelope members, declared headers
        yield return new("RightStatusAndCode_Holds", "outcome", () => OutcomeCase(Condition.TokenInvalid, 400, """{"error":"invalid_grant"}"""), true);
        yield return new("SuccessForARefusal_Fails", "outcome", () => OutcomeCase(Condition.TokenInvalid, 200, SoftwareAgBody), false, "status: expected 400");
        yield return new("WrongErrorCode_FailsUnderErrorResponse", "outcome", () => OutcomeCase(Condition.TokenInvalid, 400, """{"error":"invalid_request"}"""), false, "expected invalid_grant");
        yield return new("EmptyErrorBody_FailsUnderErrorResponse", "outcome", () => OutcomeCase(Condition.TokenInvalid, 400, ""), false, "no 'error' in the body");
        yield return new("DeclaredHeaderPresent_Holds", "outcome", () => OutcomeCase(Condition.InvalidClient, 401, """{"error":"invalid_client"}""", ("WWW-Authenticate", "Basic realm=\"x\"")), true);
        yield return new("DeclaredHeaderAbsent_Fails", "outcome", () => OutcomeCase(Condition.InvalidClient, 401, """{"error":"invalid_client"}"""), false, "header WWW-Authenticate");
        // RFC 6749 §5.2: 401 is required only of a client that authenticated with the Authorization header
        yield return new("InvalidClient400ToCredentialsInTheBody_Holds", "outcome", () => OutcomeCase(Condition.InvalidClient, 400, """{"error":"invalid_client"}"""), true);
        yield return new("InvalidClient400ToBasicCredentials_Fails", "outcome", () => OutcomeCase(Condition.InvalidClient, 400, """{"error":"invalid_client"}""", sentAuthorization: true), false, "status: expected 401");
        yield return new("EnvelopeEmptyOnFailure_Holds", "outcome", () => EnvelopeCase("""{"errorCode":"AUTH_1002","errorMessage":"x","content":"","pageable":""}"""), true);
        yield return new("EnvelopeContentOnFailure_Fails", "outcome", () => EnvelopeCase("""{"errorCode":"AUTH_1002","errorMessage":"x","content":{"a":1},"pageable":""}"""), false, "envelope 'content'");

        // fields
        yield return new("CompleteBody_Holds", "fields", () => Simple(new FieldsExpectation(null, Here), Answer(Refresh(), 200, SoftwareAgBody)), true);
        yield return new("MissingAccessToken_Fails", "fields", () => Simple(new FieldsExpectation(null, Here), Answer(Refresh(), 200, SoftwareAgBody.Replace("\"access_token\":\"at-1\",", ""))), false, "field access_token");
        yield return new("WrongType_Fails", "fields", () => Simple(new FieldsExpectation(null, Here), Answer(Refresh(), 200, SoftwareAgBody.Replace("3600", "\"soon\""))), false, "field expires_in type");
        yield return new("WrongValue_Fails", "fields", () => Simple(new FieldsExpectation(null, Here), Answer(Refresh(), 200, SoftwareAgBody.Replace("Bearer", "MAC"))), false, "field token_type value");
        yield return new("LifetimeOverTheContract_Fails", "fields", () => Simple(new FieldsExpectation(null, Here), Answer(Refresh(), 200, SoftwareAgBody.Replace("3600", "999999"))), false, "lifetime");
        yield return new("OptionalFieldAbsent_Holds", "fields", () => Simple(new FieldsExpectation(null, Here), Answer(Refresh(), 200, SoftwareAgBody.Replace(",\"scope\":\"read\"", ""))), true);
        yield return new("NotJson_Fails", "fields", () => Simple(new FieldsExpectation(null, Here), Answer(Refresh(), 200, "<html>")), false, "a JSON body");

        // header
        yield return new("CacheControlNoStore_Holds", "header", () => Simple(new HeaderExpectation("Cache-Control", null, Here), Answer(Refresh(), 200, SoftwareAgBody, ("Cache-Control", "no-store"))), true);
        yield return new("CacheControlAbsent_Fails", "header", () => Simple(new HeaderExpectation("Cache-Control", null, Here), Answer(Refresh(), 200, SoftwareAgBody)), false, "header Cache-Control");
        yield return new("CacheControlOtherValue_Fails", "header", () => Simple(new HeaderExpectation("Cache-Control", null, Here), Answer(Refresh(), 200, SoftwareAgBody, ("Cache-Control", "max-age=60"))), false, "max-age=60");

        // jwt-claims (keycloak: typ, iss, aud, azp, sid, jti, exp, iat, sub)
        yield return new("AllClaims_Holds", "jwt-claims", () => ClaimsCase(Claims("Bearer")), true);
        yield return new("MissingIss_Fails", "jwt-claims", () => ClaimsCase(Claims("Bearer", without: "iss")), false, "claim iss");
        yield return new("AudOfAnotherClient_Fails", "jwt-claims", () => ClaimsCase(Claims("Bearer", aud: "\"other-client\"")), false, "claim aud");
        yield return new("WrongTyp_Fails", "jwt-claims", () => ClaimsCase(Claims("Refresh")), false, "claim typ");
        yield return new("MissingSid_Fails", "jwt-claims", () => ClaimsCase(Claims("Bearer", without: "sid")), false, "claim sid");
        yield return new("SidNotAString_Fails", "jwt-claims", () => ClaimsCase(Claims("Bearer", sid: "42")), false, "claim sid");
        yield return new("NotAJwt_Fails", "jwt-claims", () => ClaimsCase(null), false, "is a JWT");

        // jwt-exp: exp = response time + expires_in, within the tolerance
        yield return new("ExpMatchesExpiresIn_Holds", "jwt-exp", () => ExpiryCase(Now + 1800 + 2), true);
        yield return new("ExpTenMinutesLate_Fails", "jwt-exp", () => ExpiryCase(Now + 1800 + 600), false, "+600 s");
        yield return new("ExpTenMinutesEarly_Fails", "jwt-exp", () => ExpiryCase(Now + 1800 - 600), false, "-600 s");

        // comparisons
        yield return new("DifferentTokens_Holds", "differs", () => Compare(Comparison.Differs, "rt-1", "rt-2"), true);
        yield return new("SameToken_Fails", "differs", () => Compare(Comparison.Differs, "rt-1", "rt-1"), false, "differs from");
        yield return new("AbsentToken_Fails", "differs", () => Compare(Comparison.Differs, null, "rt-1"), false, "(no value)");
        yield return new("SameValue_Holds", "equal-to", () => Compare(Comparison.EqualTo, "sid-1", "sid-1"), true);
        yield return new("OtherValue_Fails", "equal-to", () => Compare(Comparison.EqualTo, "sid-1", "sid-2"), false, "equals");
        yield return new("AbsentValue_Fails", "equal-to", () => Compare(Comparison.EqualTo, null, "sid-2"), false, "(no value)");
        yield return new("Smaller_Holds", "at-most", () => Compare(Comparison.AtMost, "10", "20"), true);
        yield return new("Equal_Holds", "at-most", () => Compare(Comparison.AtMost, "20", "20"), true);
        yield return new("Larger_Fails", "at-most", () => Compare(Comparison.AtMost, "21", "20"), false, "is at most");
        yield return new("NotANumber_Fails", "at-most", () => Compare(Comparison.AtMost, "soon", "20"), false, "is at most");
        yield return new("Narrower_Holds", "scope-subset", () => Compare(Comparison.ScopeSubset, "read", "read write"), true);
        yield return new("Same_Holds", "scope-subset", () => Compare(Comparison.ScopeSubset, "write read", "read write"), true);
        yield return new("Wider_Fails", "scope-subset", () => Compare(Comparison.ScopeSubset, "read admin", "read write"), false, "is a scope subset of");
        yield return new("OmittedAsUnchanged_Holds", "scope-subset", () => Compare(Comparison.ScopeSubset, null, "read write"), true);

        // schema (ags-refresh's token response schema)
        yield return new("ValidBody_Holds", "schema", () => SchemaCase(AgsBody(accountId: "\"a-1\"")), true);
        yield return new("InvalidBody_Fails", "schema", () => SchemaCase(AgsBody(accountId: "42")), false, "token-response.schema.json");
    }

    [TestCaseSource(nameof(Rows))]
    public void Evaluate_Row_HoldsOrFailsAsTheRowSays(Row row)
    {
        var input = row.Build();
        var context = new ScenarioContext(Contracts, new StubTarget(input.TargetValues), Contracts.Api(input.Operation.ApiId)!.Realm);
        foreach (var (id, earlier) in input.Earlier ?? new Dictionary<string, StepResult>()) context.Record(id, earlier);
        var evaluator = new ExpectationEvaluator(Contracts, context, input.Level);
        var failures = (input.Outcome is { } outcome
            ? evaluator.Outcome(input.Operation, outcome, input.Answer, "step 2 (test)")
            : evaluator.Check(input.Operation, input.Check!, input.Answer, "step 2 (test)")).ToList();

        if (row.Holds)
        {
            failures.Should().BeEmpty();
            return;
        }
        failures.Should().NotBeEmpty();
        var text = string.Join(" | ", failures.Select(f => $"{f.Expectation}: expected {f.Expected}, got {f.Actual}"));
        text.Should().Contain(row.FailureContains!);
        failures.Should().OnlyContain(f => f.Level != null && f.Source.Length > 0, "every finding names its level and its source");
    }

    [Test]
    public void Rows_CoverEveryCheckKindAndTheOutcome_BothHoldingAndFailing()
    {
        var rows = AllRows().ToList();
        foreach (var kind in Expectation.CheckKinds.Append("outcome"))
        {
            rows.Should().Contain(r => r.Kind == kind && r.Holds, $"'{kind}' needs a row where it holds");
            rows.Should().Contain(r => r.Kind == kind && !r.Holds, $"'{kind}' needs a row where it fails");
        }
    }

    [Test]
    public void Outcome_WrongErrorCode_IsAFindingOfTheErrorResponseRuleAtTheOutcomesLevel()
    {
        var failure = Evaluate(OutcomeCase(Condition.TokenInvalid, 400, """{"error":"invalid_request"}""")).Single();
        failure.Rule.Should().Be(ExpectationEvaluator.ErrorResponseRule);
        failure.Level.Should().Be(CheckLevel.Must);
    }

    [Test]
    public void Outcome_OtherRefusalStatusWhereTheStatusIsInferred_IsAnInferredFinding()
    {
        var failure = Evaluate(OutcomeCase(Condition.WrongMethod, 404, "", level: ObligationLevel.Vendor)).Single();
        failure.Rule.Should().BeNull("the status is the scenario's own rule");
        failure.Level.Should().Be(CheckLevel.Inferred, "405 is the contract's inference; the page only asks for a refusal");
        failure.Expected.Should().Contain("any 4xx refuses");
    }

    [Test]
    public void Outcome_SuccessWhereTheStatusIsInferred_IsAFindingAtTheScenariosLevel() =>
        Evaluate(OutcomeCase(Condition.WrongMethod, 200, SoftwareAgBody, level: ObligationLevel.Vendor)).Single().Level.Should().Be(CheckLevel.Vendor);

    [Test]
    public void Outcome_OtherRefusalStatusWhereTheStatusIsTheRfcs_IsAFindingAtTheScenariosLevel() =>
        Evaluate(OutcomeCase(Condition.TokenInvalid, 401, """{"error":"invalid_grant"}""", level: ObligationLevel.Must)).Single().Level.Should().Be(CheckLevel.Must);

    [Test]
    public void Fields_FieldTheContractInferred_IsAnInferredFindingInAVendorScenario()
    {
        var failure = Evaluate(Simple(new FieldsExpectation(null, Here), Answer(Refresh(), 200, SoftwareAgBody.Replace("3600", "\"soon\"")), ObligationLevel.Vendor)).Single();
        failure.Level.Should().Be(CheckLevel.Inferred);
    }

    [Test]
    public void Check_KindTheRunnerDoesNotKnow_Throws()
    {
        var input = Simple(new UnknownExpectation(), Answer(Refresh(), 200, SoftwareAgBody));
        var evaluator = new ExpectationEvaluator(Contracts, new ScenarioContext(Contracts, new StubTarget(), "softwareag"));
        var evaluate = () => evaluator.Check(input.Operation, input.Check!, input.Answer, "step 1").ToList();
        evaluate.Should().Throw<ArgumentException>().WithMessage("*cannot evaluate a 'made-up' check*");
    }

    private sealed record UnknownExpectation() : Expectation(null, Here)
    {
        public override string Kind => "made-up";
    }

    // The worked example of scenarios/README.md (a test fixture): the sixth API's fault envelope and its new
    // ${token.nbf} claim are read from the model (ErrorBody, ClaimTemplates), with no word of either in the runner.

    private static readonly Lazy<ContractSet> SixthApi = new(() =>
        ScenarioLoader.Load(Path.Combine(Repository.Root, "scenarios", "tests", "Harness.Scenarios.Tests", "Fixtures", "sixth-api")));

    [TestCase("""{"fault":{"code":"ACME-401-TOKEN","detail":"no"},"result":""}""", "")]
    [TestCase("""{"fault":{"code":"ACME-400-MISSING","detail":"no"},"result":""}""", "error code (fault 'fault.code'): expected ACME-401-TOKEN")]
    [TestCase("""{"fault":{"detail":"no"},"result":""}""", "no 'fault.code' in the body")]
    [TestCase("""{"fault":{"code":"ACME-401-TOKEN","detail":"no"},"result":{"access_token":"x"}}""", "envelope 'result' on failure")]
    public void Outcome_SixthApisFaultEnvelope_IsReadWhereTheModelSaysTheCodeIs(string body, string finding)
    {
        var refresh = SixthApi.Value.Operation("acme", "refresh")!;
        var outcome = refresh.OutcomeFor(Condition.TokenInvalid)!;

        var failures = SixthApiEvaluator().Outcome(refresh, outcome, Answer(refresh, 401, body), "step 1").ToList();

        ShouldFind(failures, finding);
    }

    // nbf is a number (the model's type for ${token.nbf}): taken for a string, the first row would fail. (A JWT whose
    // nbf is not a number does not parse at all, so the failing row is a string template answered with a number.)
    [TestCase("\"u-1\"", "")]
    [TestCase("42", "claim sub of the access-token: expected a string")]
    public void Claims_SixthApisNewTemplate_IsCheckedAsTheTypeTheModelGivesIt(string sub, string finding)
    {
        var refresh = SixthApi.Value.Operation("acme", "refresh")!;
        var payload = $$"""{"typ":"Bearer","sub":{{sub}},"iat":{{Now}},"nbf":{{Now}},"exp":{{Now + 600}}}""";
        var body = new JsonObject { ["result"] = new JsonObject { ["access_token"] = Jwt(payload), ["refresh_token"] = "r", ["expires_in"] = 600 } }.ToJsonString();

        var failures = SixthApiEvaluator().Check(refresh, new JwtClaimsExpectation(Slot.AccessToken, null, Here), Answer(refresh, 200, body), "step 1").ToList();

        ShouldFind(failures, finding);
    }

    private static ExpectationEvaluator SixthApiEvaluator() => new(SixthApi.Value, new ScenarioContext(SixthApi.Value, new StubTarget(), "acme"));

    /// <summary>No finding where <paramref name="finding"/> is empty, else one whose text contains it.</summary>
    private static void ShouldFind(IReadOnlyList<CheckFailure> failures, string finding)
    {
        if (finding.Length == 0) failures.Should().BeEmpty();
        else string.Join(" | ", failures.Select(f => $"{f.Expectation}: expected {f.Expected}, got {f.Actual}")).Should().Contain(finding);
    }

    private static List<CheckFailure> Evaluate(Case input)
    {
        var context = new ScenarioContext(Contracts, new StubTarget(input.TargetValues), Contracts.Api(input.Operation.ApiId)!.Realm);
        var evaluator = new ExpectationEvaluator(Contracts, context, input.Level);
        return (input.Outcome is { } outcome
            ? evaluator.Outcome(input.Operation, outcome, input.Answer, "step 2 (test)")
            : evaluator.Check(input.Operation, input.Check!, input.Answer, "step 2 (test)")).ToList();
    }

    private static Case Simple(Expectation check, StepResult answer, ObligationLevel level = ObligationLevel.Must) => new(Refresh(), check, null, answer, Level: level);

    private static Case OutcomeCase(Condition condition, int status, string body, (string, string)? header = null, ObligationLevel level = ObligationLevel.Must,
        bool sentAuthorization = false)
    {
        var operation = Refresh();
        var outcome = operation.Outcomes.First(o => o.When == condition);
        return new Case(operation, null, outcome, Answer(operation, status, body, sentAuthorization, header is { } h ? [h] : []), Level: level);
    }

    private static Case EnvelopeCase(string body)
    {
        var operation = Refresh("secmgmt-refresh");
        var outcome = operation.Outcomes.First(o => o.When == Condition.TokenInvalid);
        return new Case(operation, null, outcome, Answer(operation, outcome.Status, body));
    }

    private static string Jwt(string payload) =>
        $"{B64("""{"alg":"RS256","typ":"JWT"}""")}.{B64(payload)}.c2lnbmF0dXJl";

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Claims(string typ, string? without = null, string exp = "1700001800", string sid = "\"session-1\"", string aud = "\"account\"")
    {
        var claims = new JsonObject { ["typ"] = typ, ["iss"] = "https://auth.example/auth/realms/apiax", ["aud"] = JsonNode.Parse(aud), ["azp"] = "client-1", ["sid"] = JsonNode.Parse(sid), ["jti"] = "id-1", ["exp"] = JsonNode.Parse(exp), ["iat"] = 1700000000, ["sub"] = "user-1" };
        if (without is not null) claims.Remove(without);
        return claims.ToJsonString();
    }

    private static Case ClaimsCase(string? payload)
    {
        var operation = Refresh("keycloak-refresh");
        var token = payload is null ? "opaque-token" : Jwt(payload);
        var body = $$"""{"access_token":"{{token}}","token_type":"Bearer","expires_in":1800,"refresh_token":"{{Jwt(Claims("Refresh"))}}"}""";
        return new Case(operation, new JwtClaimsExpectation(Slot.AccessToken, null, Here), null, Answer(operation, 200, body));
    }

    private static Case ExpiryCase(long exp)
    {
        var operation = Refresh("keycloak-refresh");
        var token = Jwt(Claims("Bearer", exp: exp.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var body = $$"""{"access_token":"{{token}}","token_type":"Bearer","expires_in":1800,"refresh_token":"r"}""";
        var answer = Answer(operation, 200, body);
        var lifetime = Expression("${r.body.expires_in}");
        return new Case(operation, new JwtExpiryExpectation(Slot.AccessToken, lifetime, 5, null, Here), null, answer, new Dictionary<string, StepResult> { ["r"] = answer });
    }

    private static Case Compare(Comparison comparison, string? value, string other)
    {
        var operation = Refresh();
        var answer = Answer(operation, 200, value is null ? "{}" : new JsonObject { ["v"] = value }.ToJsonString());
        var earlier = Answer(operation, 200, new JsonObject { ["v"] = other }.ToJsonString());
        var check = new ComparisonExpectation(comparison, Expression("${b.body.v}"), Expression("${a.body.v}"), null, Here);
        return new Case(operation, check, null, answer, new Dictionary<string, StepResult> { ["a"] = earlier, ["b"] = answer });
    }

    private static string AgsBody(string accountId) =>
        $$"""{"access_token":"a.b.c","refresh_token":"d.e.f","client_id":"c","accountId":{{accountId}},"token_type":"Bearer","expires_in":1800,"refresh_expires_in":7200,"fixed_refresh_expires_in":9000}""";

    private static Case SchemaCase(string body)
    {
        var operation = Refresh("ags-refresh");
        var path = Path.Combine(Repository.Root, "scenarios", "ags-refresh", "schemas", "token-response.schema.json");
        return new Case(operation, new SchemaExpectation(path, null, Here), null, Answer(operation, 200, body));
    }

    private static ValueExpression Expression(string text)
    {
        var problems = new List<Diagnostic>();
        var expression = ValueExpression.Parse(text, Here, problems);
        problems.Should().BeEmpty();
        return expression;
    }

    private static StepResult Answer(Operation operation, int status, string body, params (string Name, string Value)[] headers) =>
        Answer(operation, status, body, sentAuthorization: false, headers);

    private static StepResult Answer(Operation operation, int status, string body, bool sentAuthorization, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:9/token");
        if (sentAuthorization) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "Y2xpZW50Ondyb25n");
        using var response = new HttpResponseMessage((System.Net.HttpStatusCode)status) { Content = new StringContent(body), RequestMessage = request };
        response.Headers.Date = DateTimeOffset.FromUnixTimeSeconds(Now);
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        return StepResult.From(response, body, operation, TimeProvider.System);
    }
}
