using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;
using Harness.Scenarios.Tests.Support;

namespace Harness.Scenarios.Tests;

/// <summary>The repository's own <c>scenarios/</c> folder loads clean and says what the seed pages say.</summary>
[TestFixture]
public sealed class RepositoryScenariosTests
{
    private ContractSet _set = null!;
    private IReadOnlyList<Diagnostic> _diagnostics = null!;

    [OneTimeSetUp]
    public void LoadRepositoryScenarios()
    {
        var (set, diagnostics) = ScenarioLoader.TryLoad(Fixtures.RepositoryScenarios());
        set.Should().NotBeNull("the repository's scenario folder must be readable");
        _set = set!;
        _diagnostics = diagnostics;
    }

    [Test]
    public void TryLoad_RepositoryScenarios_ReportsNoDiagnostics()
    {
        _diagnostics.Should().BeEmpty("the repository's scenarios must lint clean, but the loader reported:{0}", DiagnosticAssertions.Listing(_diagnostics));
    }

    [Test]
    public void TryLoad_RepositoryScenarios_HasBothAgsApis()
    {
        _set.Apis.Where(a => a.Realm == "ags").Select(a => a.Id).Should().BeEquivalentTo("ags-refresh", "ags-signon");
    }

    [Test]
    public void TryLoad_RepositoryScenarios_EveryRealmHasAnIssueAndARefreshOperation()
    {
        // Per realm, not per API: ags-signon only signs on (issue) and discovers; ags-refresh refreshes.
        foreach (var realm in _set.Apis.GroupBy(a => a.Realm))
        {
            var roles = realm.SelectMany(a => a.Operations).Select(o => o.Role).ToList();
            roles.Should().Contain(OperationRole.Refresh, "realm '{0}' must be refreshable", realm.Key);
            roles.Should().Contain(OperationRole.Issue, "realm '{0}' must be able to start a session", realm.Key);
        }
    }

    [Test]
    public void TryLoad_RepositoryScenarios_EveryRealmHasATokenPolicy()
    {
        foreach (var realm in _set.Apis.Select(a => a.Realm).Distinct())
            _set.Policy(realm).Should().NotBeNull("realm '{0}' needs a token policy", realm);
    }

    [Test]
    public void TryLoad_RepositoryScenarios_AgsPolicyHasTheSeedLifetimes()
    {
        var ags = _set.Policy("ags");

        ags.Should().NotBeNull();
        ags!.DeclaredBy.Should().Be("ags-refresh");
        ags.Access.Seconds.Should().Be(3600);
        ags.Refresh.Seconds.Should().Be(172800);
        ags.SlidingRefresh.Should().BeTrue();
        ags.Session.Should().NotBeNull();
        ags.Session!.Seconds.Should().Be(2592000);
    }

    [Test]
    public void TryLoad_RepositoryScenarios_EveryOutcomeHasProvenance()
    {
        var outcomes = _set.Operations.SelectMany(o => o.Outcomes.Select(outcome => (Operation: o.QualifiedId, Outcome: outcome))).ToList();

        outcomes.Should().NotBeEmpty();
        outcomes.Where(x => !IsCovered(x.Outcome.Provenance)).Select(x => $"{x.Operation}: {x.Outcome.Describe()}")
            .Should().BeEmpty("every outcome must cite a source or say why it was inferred");
    }

    [Test]
    public void TryLoad_RepositoryScenarios_EveryScenarioCoversARuleFamily()
    {
        _set.Scenarios.Should().NotBeEmpty();
        _set.Scenarios.Where(s => s.Covers.Count == 0).Select(s => s.QualifiedId).Should().BeEmpty();
        _set.Scenarios.SelectMany(s => s.Covers).Should().OnlyContain(rule => _set.Catalog.Rules.ContainsKey(rule));
    }

    /// <summary>The loader stands in "(missing)" for provenance it reported as missing; that does not count.</summary>
    private static bool IsCovered(Provenance provenance) =>
        !string.IsNullOrWhiteSpace(provenance.Source)
        || (!string.IsNullOrWhiteSpace(provenance.InferredReason) && provenance.InferredReason != "(missing)");
}
