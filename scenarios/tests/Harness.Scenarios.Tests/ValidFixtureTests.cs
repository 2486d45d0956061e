using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;
using Harness.Scenarios.Tests.Support;

namespace Harness.Scenarios.Tests;

/// <summary><c>Fixtures/valid/</c> is the base every broken fixture is made from: it must load clean and read as written.</summary>
[TestFixture]
public sealed class ValidFixtureTests
{
    [Test]
    public void TryLoad_ValidFixture_ReportsNoDiagnostics()
    {
        var (set, diagnostics) = ScenarioLoader.TryLoad(Fixtures.Valid);

        diagnostics.Should().BeEmpty("the base fixture must be valid, but the loader reported:{0}", DiagnosticAssertions.Listing(diagnostics));
        set.Should().NotBeNull();
    }

    [Test]
    public void Load_ValidFixture_ReadsOneApiWithAnIssueAndARefreshOperation()
    {
        var set = ScenarioLoader.Load(Fixtures.Valid);

        var api = set.Apis.Should().ContainSingle().Subject;
        api.Id.Should().Be("demo");
        api.Realm.Should().Be("demo");
        api.ErrorShape.Should().Be(ErrorShape.Oauth2);
        api.Operations.Select(o => (o.Id, o.Role)).Should().Equal(("issue", OperationRole.Issue), ("refresh", OperationRole.Refresh));
        set.IssueOperation("demo").Should().BeSameAs(api.Operation("issue"));
    }

    [Test]
    public void Load_ValidFixture_ReadsTheTokenPolicy()
    {
        var policy = ScenarioLoader.Load(Fixtures.Valid).Policy("demo");

        policy.Should().NotBeNull();
        policy!.Access.Seconds.Should().Be(300);
        policy.Refresh.Seconds.Should().Be(3600);
        policy.Session.Should().BeNull();
        policy.SlidingRefresh.Should().BeFalse();
        policy.Rotate.Should().BeTrue();
        policy.Reuse.Should().Be(ReusePolicy.Reject);
        policy.ClientBound.Should().BeTrue();
        policy.RotationProvenance.Source.Should().Be("RFC 9700 §4.14.2");
        policy.AccessClaims.Keys.Should().BeEquivalentTo("typ", "exp");
    }

    [Test]
    public void Load_ValidFixture_ReadsTheRefreshOperation()
    {
        var refresh = ScenarioLoader.Load(Fixtures.Valid).Operation("demo", "refresh")!;

        refresh.Method.Should().Be("POST");
        refresh.Path.Should().Be("/token");
        refresh.FieldFor(Slot.RefreshToken)!.Name.Should().Be("refresh_token");
        refresh.FixedFields.Should().ContainSingle().Which.Value.Should().Be("refresh_token");
        refresh.Response.Headers.Should().ContainSingle().Which.Contains.Should().Be("no-store");
        refresh.Response.FieldFor(Slot.ExpiresIn)!.LifetimeOf.Should().Be(TokenKind.Access);
        refresh.Outcomes.Select(o => (o.Describe(), o.Status, o.ErrorCode)).Should().Equal(
            ("success", 200, null),
            ("missing-field (refresh_token)", 400, "invalid_request"),
            ("token-invalid", 400, "invalid_grant"),
            ("token-expired", 400, "invalid_grant"));
        refresh.Outcomes.Should().OnlyContain(o => o.Provenance.Source == "seed-000", "the outcomes inherit the contract's source");
    }

    [Test]
    public void Load_ValidFixture_ReadsOneScenarioPerOutcome()
    {
        var set = ScenarioLoader.Load(Fixtures.Valid);

        set.Scenarios.Select(s => s.QualifiedId).Should().Equal(
            "demo/issue-answers-token-pair",
            "demo/refresh-answers-token-pair",
            "demo/refresh-without-refresh-token-is-400",
            "demo/tampered-refresh-token-is-400",
            "demo/expired-refresh-token-is-400");
        var checkedOutcomes = set.Scenarios.SelectMany(s => s.Steps).OfType<CallStep>()
            .Select(c => c.ExpectedOutcome(set.Operation(c.ApiId, c.OperationId)!)).OfType<Outcome>();
        checkedOutcomes.Should().BeEquivalentTo(set.Operations.SelectMany(o => o.Outcomes), o => o.WithoutStrictOrdering());
    }

    [Test]
    public void Load_ValidFixture_ReadsStepsChecksAndMutations()
    {
        var set = ScenarioLoader.Load(Fixtures.Valid);

        var rotation = set.Scenarios.Single(s => s.Id == "refresh-answers-token-pair");
        rotation.Steps.Should().HaveCount(2);
        rotation.Steps[0].Should().BeOfType<SessionStep>().Which.Name.Should().Be("s");
        var call = rotation.Steps[1].Should().BeOfType<CallStep>().Subject;
        call.StepId.Should().Be("r");
        call.Checks.Select(c => c.Kind).Should().Equal("fields", "header", "jwt-claims", "differs");

        var omit = set.Scenarios.Single(s => s.Id == "refresh-without-refresh-token-is-400").Steps.OfType<CallStep>().Single();
        omit.Mutate.Omit.Should().Equal("refresh_token");
        omit.OutcomeField.Should().Be("refresh_token");

        var expired = set.Scenarios.Single(s => s.Id == "expired-refresh-token-is-400");
        expired.NeedsClock.Should().BeTrue();
        expired.Requires.Should().Equal("clock-control");
        expired.Steps.OfType<AdvanceClockStep>().Single().Seconds.Text.Should().Be("${lifetime.refresh} + 1");
    }

    [Test]
    public void TryLoad_FieldsCheckWrittenAsMappingWithSource_ReportsNoDiagnostics()
    {
        var (_, diagnostics) = ScenarioLoader.TryLoad(Fixtures.Variant("fields-check-with-source"));

        diagnostics.Should().BeEmpty("a check may cite its own source, but the loader reported:{0}", DiagnosticAssertions.Listing(diagnostics));
    }
}
