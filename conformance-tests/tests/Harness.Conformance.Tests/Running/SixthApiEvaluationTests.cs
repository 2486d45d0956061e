using System.Text;
using FluentAssertions;
using Harness.Conformance.Running;
using Harness.Reports;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;
using NUnit.Framework;

namespace Harness.Conformance.Tests.Running;

/// <summary>
/// The worked example of scenarios/README.md, judged: the runner reads the sixth API's fault envelope and its new
/// <c>${token.nbf}</c> claim from the model (ErrorBody, ClaimTemplates), with no word of either in the runner.
/// </summary>
[TestFixture]
public sealed class SixthApiEvaluationTests
{
    private const long Now = 1_700_000_000;
    private static readonly Location Here = new("test", 1, 1);
    private static readonly Lazy<ContractSet> Fixture = new(() =>
        ScenarioLoader.Load(Path.Combine(Repository.Root, "scenarios", "tests", "Harness.Scenarios.Tests", "Fixtures", "sixth-api")));

    private static Operation Refresh => Fixture.Value.Operation("acme", "refresh")!;

    [TestCase("""{"fault":{"code":"ACME-401-TOKEN","detail":"no"},"result":""}""", "")]
    [TestCase("""{"fault":{"code":"ACME-400-MISSING","detail":"no"},"result":""}""", "error code (fault 'fault.code'): expected ACME-401-TOKEN")]
    [TestCase("""{"fault":{"detail":"no"},"result":""}""", "no 'fault.code' in the body")]
    [TestCase("""{"fault":{"code":"ACME-401-TOKEN","detail":"no"},"result":{"access_token":"x"}}""", "envelope 'result' on failure")]
    public void Outcome_FaultEnvelope_IsReadWhereTheModelSaysTheCodeIs(string body, string finding)
    {
        var outcome = Refresh.OutcomeFor(Condition.TokenInvalid)!;

        var failures = Evaluator().Outcome(Refresh, outcome, Answer(401, body), "step 1").ToList();

        if (finding.Length == 0) failures.Should().BeEmpty();
        else string.Join(" | ", failures.Select(f => $"{f.Expectation}: expected {f.Expected}, got {f.Actual}")).Should().Contain(finding);
    }

    // nbf is a number (the model's type for ${token.nbf}): taken for a string, the first row would fail. (A JWT whose
    // nbf is not a number does not parse at all, so the failing row is a string template answered with a number.)
    [TestCase("\"u-1\"", "")]
    [TestCase("42", "claim sub of the access-token: expected a string")]
    public void Claims_NewTemplate_IsCheckedAsTheTypeTheModelGivesIt(string sub, string finding)
    {
        var payload = $$"""{"typ":"Bearer","sub":{{sub}},"iat":{{Now}},"nbf":{{Now}},"exp":{{Now + 600}}}""";
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["result"] = new System.Text.Json.Nodes.JsonObject { ["access_token"] = Jwt(payload), ["refresh_token"] = "r", ["expires_in"] = 600 },
        }.ToJsonString();

        var failures = Evaluator().Check(Refresh, new JwtClaimsExpectation(Slot.AccessToken, null, Here), Answer(200, body), "step 1").ToList();

        if (finding.Length == 0) failures.Should().BeEmpty();
        else string.Join(" | ", failures.Select(f => $"{f.Expectation}: expected {f.Expected}, got {f.Actual}")).Should().Contain(finding);
    }

    private static ExpectationEvaluator Evaluator() =>
        new(Fixture.Value, new ScenarioContext(Fixture.Value, new StubTarget(), "acme"));

    private static string Jwt(string payload) => $"{B64("""{"alg":"HS256","typ":"JWT"}""")}.{B64(payload)}.c2lnbmF0dXJl";

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static StepResult Answer(int status, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:9/acme/v1/token");
        using var response = new HttpResponseMessage((System.Net.HttpStatusCode)status) { Content = new StringContent(body), RequestMessage = request };
        response.Headers.Date = DateTimeOffset.FromUnixTimeSeconds(Now);
        return StepResult.From(response, body, Refresh, TimeProvider.System);
    }
}
