using Harness.Scenarios.Loading;
using Harness.Scenarios.Tests.Support;

namespace Harness.Scenarios.Tests;

/// <summary>
/// Each folder under <c>Fixtures/broken/</c> is <c>Fixtures/valid/</c> broken in exactly one way: fixing that one
/// defect in the obvious way makes it valid again. The loader must report that defect, once, at the node that is
/// wrong (for a key error the key, for a value error the value, for something missing the mapping that lacks it),
/// and nothing else.
/// </summary>
[TestFixture]
public sealed class BrokenFixtureTests
{
    private const string Contract = "demo/contract.yaml";
    private const string Scenarios = "demo/scenarios.yaml";

    /// <summary>The one diagnostic a broken fixture must produce.</summary>
    public sealed record Defect(string Folder, string File, int Line, int Column, string Message)
    {
        public override string ToString() => Folder;
    }

    private static TestCaseData Case(string name, string folder, string file, int line, int column, string message) =>
        new TestCaseData(new Defect(folder, file, line, column, message)).SetName("TryLoad_" + name);

    public static IEnumerable<TestCaseData> OneDefectFixtures()
    {
        // Unknown keys.
        yield return Case("ContractOperationHasUnknownKey_ReportsTheKey",
            "contract-operation-unknown-key", Contract, 41, 5, "unknown key 'timeout'");
        yield return Case("ScenarioStepHasUnknownKey_ReportsTheKey",
            "scenario-step-unknown-key", Scenarios, 49, 9, "unknown key 'retries'");
        yield return Case("ScenarioLevelIsUnknown_ReportsTheValue",
            "scenario-unknown-level", Scenarios, 8, 12, "'level' must be one of vendor, must, should, inferred, not 'sometimes'");

        // Wrong value types.
        yield return Case("ResponseStatusIsNotANumber_ReportsTheValue",
            "wrong-type-response-status", Contract, 49, 15, "'status' must be a whole number, not 'abc'");
        yield return Case("OutcomeStatusIsNotANumber_ReportsTheValue",
            "wrong-type-outcome-status", Contract, 61, 40, "'status' must be a whole number, not 'abc'");
        yield return Case("SecretOnFixedValue_ReportsTheSecretMark",
            "secret-on-fixed-value", Contract, 45, 85, "request field 'grant_type' has a fixed 'value' written in the contract, so it cannot be 'secret'");
        yield return Case("RequiredIsNotABoolean_ReportsTheValue",
            "wrong-type-required", Contract, 46, 52, "'required' must be true or false, not 'maybe'");
        yield return Case("StepsIsAMapping_ReportsTheValue",
            "wrong-type-steps-mapping", Scenarios, 9, 7, "'steps' must be a list, not a mapping");

        // YAML syntax: an unreadable file must not make every cross-file check fire.
        yield return Case("ContractHasBadIndentation_ReportsTheSyntaxError",
            "yaml-bad-indentation", Contract, 42, 4, "YAML syntax: While parsing a block mapping, did not find expected key");
        yield return Case("ScenariosHaveUnclosedQuote_ReportsTheSyntaxError",
            "yaml-unclosed-quote", Scenarios, 30, 12, "YAML syntax: While scanning a multi-line double-quoted scalar, found wrong indentation");
        yield return Case("ContractHasDuplicateKey_ReportsTheSyntaxError",
            "yaml-duplicate-key", Contract, 41, 5, "YAML syntax: Duplicate key role");
        yield return Case("ScenariosFileIsEmpty_ReportsTheEmptyFile",
            "empty-file", Scenarios, 1, 1, "the file is empty");
        yield return Case("CatalogIsMissing_ReportsTheMissingFile",
            "missing-catalog", "catalog.yaml", 0, 0, "missing: every scenario folder needs a catalog.yaml");
        yield return Case("CatalogHasUnclosedQuote_ReportsTheSyntaxError",
            "catalog-unclosed-quote", "catalog.yaml", 4, 42, "YAML syntax: While scanning a multi-line double-quoted scalar");

        // Missing ids: the file's other checks must not report the API it would have named.
        yield return Case("ContractLacksApiId_ReportsTheContract",
            "contract-missing-api", Contract, 1, 1, "missing required key 'api'");
        yield return Case("ScenariosLackApiId_ReportsTheScenariosFile",
            "scenarios-missing-api", Scenarios, 1, 1, "missing required key 'api'");

        // Outcomes.
        yield return Case("OutcomeHasStatusButNoWhen_ReportsTheOutcome",
            "outcome-without-when", Contract, 61, 9, "status 400 has no condition: add 'when: <condition>'");
        yield return Case("OutcomeNamesUnknownCondition_ReportsTheCondition",
            "outcome-unknown-condition", Contract, 61, 17, "not 'token-timed-out'");
        yield return Case("OutcomeLacksProvenanceWithNoneToInherit_ReportsTheOutcome",
            "outcome-missing-provenance", Contract, 60, 9, "missing provenance for outcome 400");
        yield return Case("SuccessOutcomeStatusIsNotANumber_ReportsTheValue",
            "outcome-success-status-unreadable", Contract, 58, 34, "'status' must be a whole number, not 'abc'");
        yield return Case("OperationRoleMisspelt_ReportsTheValue",
            "operation-role-misspelt", Contract, 22, 11, "'role' must be one of issue, refresh, discovery, keys, not 'isue'");
        yield return Case("OperationHasTwoSuccessOutcomes_ReportsTheSecond",
            "operation-two-success-outcomes", Contract, 59, 9, "'success' already has an outcome in 'demo.refresh'");
        yield return Case("OutcomeNoScenarioChecks_ReportsTheOutcome",
            "outcome-not-checked", Contract, 62, 9, "outcome 400 'token-revoked' of 'demo.refresh' is not checked by any scenario");
        yield return Case("RealmWithTwoTokenPolicies_ReportsTheSecondPolicy",
            "realm-two-token-policies", "demo-v2/contract.yaml", 11, 3, "realm 'demo' already has its token policy in 'demo': declare it once");

        // Provenance.
        yield return Case("SourceCitesNeitherSeedNorRfc_ReportsTheSource",
            "source-not-citable", Scenarios, 44, 13, "source 'rfc6749 section 5.2' is neither a seed id (seed-000) nor an RFC section");

        // References.
        yield return Case("ReferenceToUndefinedStep_ReportsTheReference",
            "reference-undefined-step", Scenarios, 27, 61, "${nope.refresh-token} refers to step 'nope', which is not defined before this point (defined: s, r)");
        yield return Case("ReferenceToLaterStep_ReportsTheReference",
            "reference-later-step", Scenarios, 59, 18, "${later.expires-in} refers to step 'later', which is not defined before this point (defined: s)");
        yield return Case("UnknownTargetValue_ReportsTheReference",
            "target-value-unknown", Scenarios, 10, 28, "${target.nope} is not a target value in catalog.yaml");
        yield return Case("ClaimTemplateUnknown_ReportsTheValue",
            "claim-template-unknown", Contract, 18, 35, "'claims.refresh.exp': '${token.expires}' is not a claim template (known: ${identity.tenant}");
        yield return Case("UnknownLifetimeKind_ReportsTheReference",
            "lifetime-unknown-kind", Scenarios, 59, 18, "${lifetime.forever}: lifetime is one of access, refresh, session");

        // Steps against the contract.
        yield return Case("SlotTheOperationDoesNotTake_ReportsTheSlot",
            "slot-not-taken", Scenarios, 48, 17, "'demo.refresh' has no request field bound to 'scope'");
        yield return Case("MutateOmitsUnknownField_ReportsTheField",
            "mutate-omit-unknown-field", Scenarios, 37, 26, "'mutate' names 'refresh-token', which is not a request field of 'demo.refresh'");
        yield return Case("ExpectedOutcomeNotDeclared_ReportsTheOutcome",
            "expected-outcome-undeclared", Scenarios, 71, 28, "'demo.refresh' declares no outcome for 'token-revoked'");
        yield return Case("ExpectedOutcomeFieldMisspelt_ReportsTheOutcome",
            "expected-outcome-field-misspelt", Scenarios, 38, 28, "'demo.refresh' declares no outcome for 'missing-field' (field refresh_tokn)");
        yield return Case("StepKindMisspelt_ReportsTheStep",
            "step-kind-misspelt", Scenarios, 18, 9, "a step must be one of 'session: <name>', 'advance: <seconds>' or 'call: <operation>'");

        // Scenario-level vocabulary.
        yield return Case("CoversUnknownRuleFamily_ReportsTheRuleFamily",
            "covers-unknown-rule", Scenarios, 54, 14, "'covers' names 'expiration', which is not a rule family in catalog.yaml");
        yield return Case("RequiresUnknownCapability_ReportsTheCapability",
            "requires-unknown-capability", Scenarios, 55, 31, "'requires' names 'https-enforced', which is not a capability in catalog.yaml");
        yield return Case("RequiresMisspelledClockControl_ReportsTheCapability",
            "requires-typo-capability", Scenarios, 55, 16, "'requires' names 'clock-contrl', which is not a capability in catalog.yaml");
        yield return Case("RequiresIsAMapping_ReportsTheValue",
            "requires-not-a-list", Scenarios, 55, 15, "'requires' must be a text value or a list of them, not a mapping");
        yield return Case("AdvanceWithoutClockControl_ReportsTheScenario",
            "advance-without-clock-control", Scenarios, 51, 5, "a scenario that advances the clock must say 'requires: [clock-control]'");

        // Duplicates.
        yield return Case("DuplicateStepId_ReportsTheSecondId",
            "duplicate-step-id", Scenarios, 61, 13, "step id 's' is already used in this scenario");
        yield return Case("DuplicateScenarioId_ReportsTheSecondId",
            "duplicate-scenario-id", Scenarios, 40, 9, "scenario id 'refresh-without-refresh-token-is-400' is used twice in API 'demo'");

        // Checks.
        yield return Case("HeaderCheckForUndeclaredHeader_ReportsTheHeader",
            "header-check-undeclared", Scenarios, 26, 23, "'demo.refresh' declares no response header 'Pragma' to check");
        yield return Case("JwtClaimsOnNonJwtField_ReportsTheSlot",
            "jwt-claims-non-jwt-field", Scenarios, 27, 27, "'expires_in' of 'demo.refresh' is not declared as a jwt");
        yield return Case("SchemaFileDoesNotExist_ReportsThePath",
            "schema-file-missing", Scenarios, 25, 23, "token.json' does not exist");
    }

    [TestCaseSource(nameof(OneDefectFixtures))]
    public void TryLoad_FixtureWithOneDefect_ReportsExactlyThatDefect(Defect defect)
    {
        var (_, diagnostics) = ScenarioLoader.TryLoad(Fixtures.Broken(defect.Folder));

        diagnostics.Should().ContainSingle("the fixture is broken in exactly one way, but the loader reported:{0}", DiagnosticAssertions.Listing(diagnostics));
        diagnostics[0].ShouldBeAt($"broken/{defect.Folder}/{defect.File}", defect.Line, defect.Column, defect.Message);
    }

    [Test]
    public void TryLoad_FixtureWithThreeProblems_ReportsEveryOneInFileOrder()
    {
        var (_, diagnostics) = ScenarioLoader.TryLoad(Fixtures.Broken("three-problems"));

        diagnostics.Should().HaveCount(3, "the fixture has three independent problems, and the loader reported:{0}", DiagnosticAssertions.Listing(diagnostics));
        diagnostics[0].ShouldBeAt("broken/three-problems/demo/contract.yaml", 41, 5, "unknown key 'timeout'");
        diagnostics[1].ShouldBeAt("broken/three-problems/demo/scenarios.yaml", 27, 61, "${nope.refresh-token} refers to step 'nope'");
        diagnostics[2].ShouldBeAt("broken/three-problems/demo/scenarios.yaml", 44, 13, "source 'rfc6749 section 5.2' is neither a seed id");
    }

    [Test]
    public void Load_FolderWithProblems_ThrowsWithEveryDiagnostic()
    {
        var folder = Fixtures.Broken("three-problems");
        var (_, expected) = ScenarioLoader.TryLoad(folder);

        var load = () => ScenarioLoader.Load(folder);

        var thrown = load.Should().Throw<ScenarioLoadException>().Which;
        thrown.Diagnostics.Should().Equal(expected);
        thrown.Message.Should().StartWith("3 problem(s) in the scenario files:").And.Contain(expected[2].ToString());
    }

    [Test]
    public void TryLoad_FolderThatDoesNotExist_ReportsNoSuchFolder()
    {
        var folder = Fixtures.Broken("no-such-fixture");

        var (set, diagnostics) = ScenarioLoader.TryLoad(folder);

        set.Should().BeNull();
        diagnostics.Should().ContainSingle().Which.Should().Be(new Diagnostic(folder, 0, 0, "no such folder"));
    }

    [Test]
    public void ToString_Diagnostic_IsFileLineColumnAndMessage()
    {
        var diagnostic = new Diagnostic("demo/contract.yaml", 41, 5, "unknown key 'timeout'");

        diagnostic.ToString().Should().Be("demo/contract.yaml:41:5: unknown key 'timeout'");
    }

    [Test]
    public void ToString_LoadedDiagnostic_IsFileLineColumnAndMessage()
    {
        var (_, diagnostics) = ScenarioLoader.TryLoad(Fixtures.Broken("contract-operation-unknown-key"));

        diagnostics.Should().ContainSingle().Which.ToString().Replace('\\', '/')
            .Should().EndWith("broken/contract-operation-unknown-key/demo/contract.yaml:41:5: unknown key 'timeout'");
    }
}
