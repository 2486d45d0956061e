using FluentAssertions;
using Harness.Conformance.Running;
using Harness.Conformance.Targets;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Profiles;
using Harness.Scenarios.Redaction;
using NUnit.Framework;

namespace Harness.Conformance.Tests.Profiles;

/// <summary>A profile's mistakes are errors at their own line and column, including keys nothing would read.</summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class ProfileReaderTests
{
    [Test]
    public void TypoedSecretName_OnLine11_IsReportedAtLine11()
    {
        using var file = new ProfileFile("# comment\nname: t\nbase-url: http://127.0.0.1:1\napis: [keycloak-refresh]\n\nvalues:\n  client-id: c\n  username: u\n\nsecrets:\n  pasword: SOME_VARIABLE\n");

        Problems(file).Should().ContainSingle().Which.Should().Match<Diagnostic>(d => d.Line == 11 && d.Column == 3 && d.Message.Contains("'pasword' is not a target value"));
    }

    [Test]
    public void ClientSecret_ForThePublicKeycloakContract_IsAnErrorWithTheFix()
    {
        using var file = new ProfileFile("name: t\nbase-url: http://127.0.0.1:1\napis: [keycloak-refresh]\nsecrets:\n  client-secret: KC_SECRET\n");

        Problems(file).Should().ContainSingle().Which.Should().Match<Diagnostic>(d => d.Line == 5 && d.Message.Contains("never used") && d.Message.Contains("client_secret_basic"));
    }

    [Test]
    public void ClientSecret_WithClientSecretBasic_IsUsed()
    {
        using var file = new ProfileFile("name: t\nbase-url: http://127.0.0.1:1\napis: [keycloak-refresh]\nclient-auth: client_secret_basic\nsecrets:\n  client-secret: KC_SECRET\n");

        TargetProfile.Load(file.Path, Repository.Contracts).ClientAuth.Should().Be(ClientAuthentication.ClientSecretBasic);
    }

    [Test]
    public void ConfidentialClientAuth_WithoutClientSecret_IsAnError()
    {
        using var file = new ProfileFile("name: t\nbase-url: http://127.0.0.1:1\napis: [keycloak-refresh]\nclient-auth: client_secret_post\n");

        Problems(file).Should().ContainSingle().Which.Message.Should().Contain("needs the client's secret");
    }

    [Test]
    public void ClientAuth_UnknownMode_And_ForAnApiWithoutClients_AreErrors()
    {
        using var typo = new ProfileFile("name: t\nbase-url: http://127.0.0.1:1\napis: [keycloak-refresh]\nclient-auth: basic\n");
        using var ags = new ProfileFile("name: t\nbase-url: http://127.0.0.1:1\napis: [secmgmt-refresh]\nclient-auth: public\n");

        Problems(typo).Should().ContainSingle().Which.Should().Match<Diagnostic>(d => d.Line == 4 && d.Message.Contains("client_secret_basic"));
        Problems(ags).Should().ContainSingle().Which.Message.Should().Contain("applies to APIs whose requests carry a client_id");
    }

    [Test]
    public void CommandUnderIssueBootstrap_AndUnknownRealm_AreErrors()
    {
        using var file = new ProfileFile("name: t\nbase-url: http://127.0.0.1:1\napis: [keycloak-refresh]\nlifetimes:\n  keycloack: { access: 60 }\nbootstrap:\n  kind: issue\n  command: ./login\n");

        Problems(file).Select(d => d.Message).Should().SatisfyRespectively(
            m => m.Should().Contain("'lifetimes.keycloack' is not a realm"),
            m => m.Should().Contain("'command' is only run by 'kind: command'"));
    }

    [Test]
    public void ReuseGraceAndStrict_AreRead()
    {
        using var file = new ProfileFile("name: t\nbase-url: http://127.0.0.1:1\napis: [keycloak-refresh]\nreuse-grace-seconds: 3\nstrict: true\n");

        var profile = TargetProfile.Load(file.Path, Repository.Contracts);

        profile.ReuseGraceSeconds.Should().Be(3);
        profile.Strict.Should().BeTrue();
    }

    [Test]
    public async Task ReuseGrace_LongerThanARealWait_OnARealTarget_SkipsWithTheReason()
    {
        using var file = new ProfileFile("name: t\nbase-url: http://127.0.0.1:1\napis: [keycloak-refresh]\nreuse-grace-seconds: 30\n");
        await using var target = new ProfileTarget(TargetProfile.Load(file.Path, Repository.Contracts), new Redactor());

        var wait = () => target.WaitOutReuseGraceAsync(TimeProvider.System, CancellationToken.None);

        (await wait.Should().ThrowAsync<ScenarioSkipped>()).WithMessage("*30 s (reuse-grace-seconds)*clock cannot be moved*");
    }

    [TestCase("the target profile gives no value for 'restricted-client-id' (${target.restricted-client-id})", true)]
    [TestCase("the target lacks the 'https-enforced' capability", true)]
    [TestCase("the target lacks the 'clock-control' capability", false)]
    [TestCase("the target does not implement ags-refresh", false)]
    [TestCase("the target does not serve softwareag-refresh.issue: no password grant", false)]
    public void SkipCause_TellsProfileGapsFromTheTargetsNature(string reason, bool gap) =>
        SkipCause.IsProfileGap(reason).Should().Be(gap);

    private static IReadOnlyList<Diagnostic> Problems(ProfileFile file)
    {
        var load = () => TargetProfile.Load(file.Path, Repository.Contracts);
        return load.Should().Throw<ScenarioLoadException>().Which.Diagnostics;
    }
}
