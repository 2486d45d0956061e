using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using Harness.Conformance.Running;
using Harness.Conformance.Targets;
using Harness.Reports;
using Harness.Scenarios.Model;
using Harness.Scenarios.Redaction;
using NUnit.Framework;

namespace Harness.Conformance.Tests.Running;

/// <summary>
/// Scenarios no defect of the mock breaks, proven to have teeth by the runner: each runs against the mock with its
/// last answer rewritten the way a broken server would answer (a refusal turned into a 200, a field changed), and
/// must fail. Together with the defect table every check is failed by something (DefectTeethTests).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed partial class ScenarioRunnerTests
{
    /// <summary>How the last answer of a scenario is bent: from (status, body, last successful body) to (status, body).</summary>
    public delegate (HttpStatusCode Status, string Body) Rewrite(HttpStatusCode status, string body, string lastSuccess);

    private static (HttpStatusCode, string) Accept(HttpStatusCode status, string body, string lastSuccess) => (HttpStatusCode.OK, lastSuccess);

    private static Rewrite Replace(string pattern, string replacement) => (status, body, _) => (status, Regex.Replace(body, pattern, replacement));

    private static readonly IReadOnlyDictionary<string, Rewrite> Rewrites = new Dictionary<string, Rewrite>(StringComparer.Ordinal)
    {
        ["ags-refresh/refresh-without-authorization-is-401"] = Accept,
        ["ags-refresh/tampered-refresh-token-is-401"] = Accept,
        ["ags-refresh/refresh-with-unknown-auth-service-is-400"] = Accept,
        ["ags-signon/sign-on-unknown-session-token-is-401"] = Accept,
        ["keycloak-refresh/client-without-refresh-grant-is-unauthorized-client"] = Accept,
        ["keycloak-refresh/tampered-refresh-token-is-invalid-grant"] = Accept,
        ["keycloak-refresh/unknown-client-is-invalid-client"] = Accept,
        ["secmgmt-refresh/tampered-access-token-is-auth-1002"] = Accept,
        ["secmgmt-refresh/tampered-refresh-token-is-auth-1002"] = Accept,
        // Security Management refuses an expired or replaced access token with the same AUTH_1002 as an expired or reused
        // refresh token, so a defect in one check is hidden by the other; a server that serves these fails here.
        ["secmgmt-refresh/expired-access-token-is-auth-1002"] = Accept,
        ["secmgmt-refresh/expired-refresh-token-is-auth-1002"] = Accept,
        ["secmgmt-refresh/replaced-access-token-is-auth-1002"] = Accept,
        ["secmgmt-refresh/reused-refresh-token-is-auth-1002"] = Accept,
        ["softwareag-refresh/client-without-refresh-grant-is-unauthorized-client"] = Accept,
        ["softwareag-refresh/tampered-refresh-token-is-invalid-grant"] = Accept,
        ["keycloak-refresh/refresh-keeps-session-state"] = Replace("\"session_state\":\"[^\"]*\"", "\"session_state\":\"another-session\""),
        ["keycloak-refresh/refresh-lifetime-does-not-slide"] = Replace("\"refresh_expires_in\":\\d+", "\"refresh_expires_in\":99999999"),
        ["keycloak-refresh/refresh-may-narrow-scope"] = Replace("\"scope\":\"[^\"]*\"", "\"scope\":\"openid admin everything\""),
        ["softwareag-refresh/refresh-may-narrow-scope"] = Replace("\"scope\":\"[^\"]*\"", "\"scope\":\"read write admin everything\""),
        ["secmgmt-refresh/create-token-answers-envelope"] = Replace("\"content\":", "\"kontent\":"),
        ["secmgmt-refresh/refresh-answers-envelope-with-new-pair"] = Replace("\"content\":", "\"kontent\":"),
    };

    /// <summary>The checks these tests fail (read by the coverage test of <see cref="DefectTeethTests"/>).</summary>
    public static IReadOnlyList<string> Failed { get; } = [.. Rewrites.Keys];

    public static IEnumerable<TestCaseData> Cases() => Rewrites.Keys.Order(StringComparer.Ordinal).Select(id => new TestCaseData(id).SetName($"Run_LastAnswerBent_Fails({id})"));

    [TestCaseSource(nameof(Cases))]
    public async Task Run_ScenarioWhoseLastAnswerIsBent_Fails(string id)
    {
        var contracts = Repository.Contracts;
        var scenario = contracts.Scenarios.Single(s => s.QualifiedId == id);
        await using var mock = await MockTargetSource.StartAsync(contracts, seed: 7);
        var straight = await new ScenarioRunner(contracts, mock, new Redactor()).RunAsync(scenario);
        straight.Verdict.Should().Be(Verdict.Pass, "the scenario passes on the mock as it is: {0}", straight.Reason);

        await using var bent = new BentTargetSource(mock, scenario.Steps.Count(s => s is CallStep or SessionStep), Rewrites[id]);
        var result = await new ScenarioRunner(contracts, bent, new Redactor()).RunAsync(scenario);

        result.Verdict.Should().Be(Verdict.Fail, "its last answer was bent the way a broken server would answer");
        result.Failures.Should().OnlyContain(f => RealServers.RealServerVerdictTests.IsRuleFailure(f) && f.Rule == null,
            "the failure is the scenario's own rule at a step, not a crash of the runner: {0}", result.Reason);
    }
}
