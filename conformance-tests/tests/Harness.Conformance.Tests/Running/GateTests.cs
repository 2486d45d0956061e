using System.Net;
using FluentAssertions;
using Harness.Conformance.Running;
using Harness.Conformance.Targets;
using Harness.Reports;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;
using Harness.Scenarios.Profiles;
using Harness.Scenarios.Redaction;
using NUnit.Framework;

namespace Harness.Conformance.Tests.Running;

/// <summary>
/// What fails and what only warns: a finding whose level the target gates on fails the check, any other is a
/// warning; the mock gates on every level, a profile on vendor and must unless its <c>gate</c> says otherwise. And one
/// rule per failure: an error code seen on the way fails <c>error-response</c> once, not the check that met it.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class GateTests
{
    private static Scenario Scenario(string id) => Repository.Contracts.Scenarios.Single(s => s.QualifiedId == id);

    private static async Task<CheckResult> RunBent(string id, ScenarioRunnerTests.Rewrite rewrite, IReadOnlySet<ObligationLevel> gates)
    {
        var scenario = Scenario(id);
        await using var mock = await MockTargetSource.StartAsync(Repository.Contracts, seed: 7);
        await using var bent = new BentTargetSource(mock, scenario.Steps.Count(s => s is CallStep or SessionStep), rewrite, gates);
        return await new ScenarioRunner(Repository.Contracts, bent, new Redactor()).RunAsync(scenario);
    }

    private static (HttpStatusCode, string) NotFound(HttpStatusCode status, string body, string lastSuccess) => (HttpStatusCode.NotFound, "");

    private static (HttpStatusCode, string) Accepted(HttpStatusCode status, string body, string lastSuccess) => (HttpStatusCode.OK, lastSuccess);

    private static (HttpStatusCode, string) EmptyBody(HttpStatusCode status, string body, string lastSuccess) => (status, "");

    [Test]
    public async Task Run_OtherRefusalStatusWhereTheStatusIsInferred_WarnsAgainstARealTargetsGate()
    {
        var result = await RunBent("softwareag-refresh/get-instead-of-post-is-refused", NotFound, ObligationLevels.Binding);

        result.Verdict.Should().Be(Verdict.Warning, result.Reason);
        result.Failures.Should().ContainSingle().Which.Should().Match<CheckFailure>(f => f.Warning && f.Level == CheckLevel.Inferred);
        result.Reason.Should().StartWith("warning: ");
    }

    [Test]
    public async Task Run_OtherRefusalStatusWhereTheStatusIsInferred_FailsAgainstTheMocksGate() =>
        (await RunBent("softwareag-refresh/get-instead-of-post-is-refused", NotFound, ObligationLevels.All)).Verdict.Should().Be(Verdict.Fail);

    [Test]
    public async Task Run_WrongMethodAccepted_FailsEvenAgainstARealTargetsGate() =>
        (await RunBent("softwareag-refresh/get-instead-of-post-is-refused", Accepted, ObligationLevels.Binding)).Verdict.Should().Be(Verdict.Fail);

    [Test]
    public async Task Run_BestPracticeBroken_WarnsUnlessTheGateIncludesShould()
    {
        var id = "softwareag-refresh/reuse-revokes-token-family";
        (await RunBent(id, Accepted, ObligationLevels.Binding)).Verdict.Should().Be(Verdict.Warning);
        (await RunBent(id, Accepted, new HashSet<ObligationLevel> { ObligationLevel.Vendor, ObligationLevel.Must, ObligationLevel.Should })).Verdict.Should().Be(Verdict.Fail);
    }

    [Test]
    public async Task Run_RefusalWithEmptyErrorBody_PassesItsOwnRuleAndFailsErrorResponseOnce()
    {
        var result = await RunBent("softwareag-refresh/reuse-revokes-token-family", EmptyBody, ObligationLevels.Binding);

        result.Verdict.Should().Be(Verdict.Pass, "family revocation works; only the error body is wrong ({0})", result.Reason);
        result.SeenOnTheWay.Should().ContainSingle().Which.Rule.Should().Be(ExpectationEvaluator.ErrorResponseRule);

        var twice = new[] { result, result with { Id = "softwareag-refresh/other", Scenario = "other" } };
        var gathered = RuleRollup.Of(Repository.Contracts, twice).Single(c => c.Api == "softwareag-refresh");
        gathered.Id.Should().Be("softwareag-refresh/error-response");
        gathered.Verdict.Should().Be(Verdict.Fail);
        gathered.Failures.Should().ContainSingle("one deviation, met by two checks, is reported once")
            .Which.Expectation.Should().Contain("seen in 2 checks: other, reuse-revokes-token-family");
    }

    [Test]
    public void Profile_GateKey_IsRead_AndAnUnknownLevelIsALocatedError()
    {
        var folder = Path.Combine(Path.GetTempPath(), "harness-gate-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var good = Path.Combine(folder, "good.yaml");
            File.WriteAllText(good, "name: t\nbase-url: http://127.0.0.1:1\napis: [softwareag-refresh]\ngate: [vendor, must, should]\n");
            TargetProfile.Load(good, Repository.Contracts).Gate.Should().BeEquivalentTo([ObligationLevel.Vendor, ObligationLevel.Must, ObligationLevel.Should]);

            var bad = Path.Combine(folder, "bad.yaml");
            File.WriteAllText(bad, "name: t\nbase-url: http://127.0.0.1:1\napis: [softwareag-refresh]\ngate: [vendor, sometimes]\n");
            var load = () => TargetProfile.Load(bad, Repository.Contracts);
            load.Should().Throw<ScenarioLoadException>().Which.Diagnostics.Should().ContainSingle()
                .Which.ToString().Should().Contain("bad.yaml:4:16").And.Contain("'gate' takes levels of obligation (vendor, must, should, inferred), not 'sometimes'");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
