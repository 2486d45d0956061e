using FluentAssertions;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;
using Harness.Scenarios.Tests.Support;

namespace Harness.Scenarios.Tests.Model;

/// <summary>
/// The level of obligation of a rule: derived from what the files already say (a reason only: inferred; severity
/// best-practice: should; a seed page: vendor; an RFC: must), or written as <c>level:</c> where that would be wrong.
/// </summary>
[TestFixture]
public sealed class ObligationLevelTests
{
    private static readonly Lazy<ContractSet> Repository = new(() => ScenarioLoader.Load(Fixtures.RepositoryScenarios()));

    private static Scenario Scenario(string api, string id) => Repository.Value.Scenarios.Single(s => s.ApiId == api && s.Id == id);

    [TestCase("softwareag-refresh", "get-instead-of-post-is-refused", ObligationLevel.Vendor, TestName = "Level_ScenarioCitingASeedPage_IsVendor")]
    [TestCase("softwareag-refresh", "tampered-refresh-token-is-invalid-grant", ObligationLevel.Must, TestName = "Level_ScenarioCitingAnRfc_IsMust")]
    [TestCase("softwareag-refresh", "reuse-revokes-token-family", ObligationLevel.Should, TestName = "Level_BestPracticeScenario_IsShould")]
    [TestCase("softwareag-refresh", "issue-answers-token-pair", ObligationLevel.Inferred, TestName = "Level_ScenarioWithOnlyAReason_IsInferred")]
    [TestCase("softwareag-refresh", "issue-wrong-password-is-invalid-grant", ObligationLevel.Must, TestName = "Level_ExplicitLevel_OverridesTheDerivedOne")]
    public void Level_OfRepositoryScenario_IsDerivedOrWritten(string api, string id, ObligationLevel expected) =>
        Scenario(api, id).Level.Should().Be(expected);

    [Test]
    public void Level_OutcomeWhoseStatusIsInferred_IsInferredThoughItCitesThePage()
    {
        var outcome = Repository.Value.Operation("softwareag-refresh", "refresh")!.Outcomes.Single(o => o.When == Condition.WrongMethod);
        outcome.Provenance.Source.Should().StartWith("seed-002");
        outcome.Provenance.Level.Should().Be(ObligationLevel.Inferred);
    }

    [Test]
    public void Level_OutcomeCitingAnRfc_IsMust() =>
        Repository.Value.Operation("softwareag-refresh", "refresh")!.Outcomes.Single(o => o.When == Condition.TokenInvalid)
            .Provenance.Level.Should().Be(ObligationLevel.Must);

    [TestCase(null, "RFC 6749 §5.2", ObligationLevel.Must)]
    [TestCase(null, "seed-002 Usage Notes", ObligationLevel.Vendor)]
    [TestCase("a reason", null, ObligationLevel.Inferred)]
    [TestCase("a reason", "RFC 6749 §5.1", ObligationLevel.Must)]
    public void Level_Provenance_IsDerivedFromItsSource(string? inferred, string? source, ObligationLevel expected) =>
        new Provenance(source, inferred, new Location("f", 1, 1)).Level.Should().Be(expected);

    [TestCase(ObligationLevel.Vendor, ObligationLevel.Inferred, ObligationLevel.Inferred)]
    [TestCase(ObligationLevel.Must, ObligationLevel.Should, ObligationLevel.Should)]
    [TestCase(ObligationLevel.Should, ObligationLevel.Must, ObligationLevel.Should)]
    [TestCase(ObligationLevel.Vendor, ObligationLevel.Must, ObligationLevel.Vendor)]
    [TestCase(ObligationLevel.Inferred, ObligationLevel.Should, ObligationLevel.Inferred)]
    public void Weaker_TwoLevels_IsTheLessBindingOne(ObligationLevel first, ObligationLevel second, ObligationLevel expected) =>
        ObligationLevels.Weaker(first, second).Should().Be(expected);
}
