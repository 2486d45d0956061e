using FluentAssertions;
using Harness.Conformance.Running;
using Harness.Conformance.Targets;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Redaction;
using NUnit.Framework;
using Harness.Scenarios.Profiles;

namespace Harness.Conformance.Tests.RealServers;

/// <summary>
/// The committed profiles load against the repository's contracts, and the profile features the real-server
/// profiles rely on work: <c>${env:NAME[:-default]}</c>, <c>unserved</c>, and <c>${target.NAME}</c> in a bootstrap command.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class ProfileFileTests
{
    private static string ProfilesFolder => Path.Combine(Repository.Root, "conformance-tests", "profiles");

    public static IEnumerable<TestCaseData> Profiles() =>
        Directory.GetFiles(Path.Combine(Repository.Root, "conformance-tests", "profiles"), "*.yaml")
            .Order(StringComparer.Ordinal).Select(p => new TestCaseData(Path.GetFileName(p)).SetName($"Profile_Loads({Path.GetFileName(p)})"));

    // One process environment for all tests: cases that set and restore the same variable side by side would
    // restore it under each other's feet (seen: the staging case failed when another case restored "unset").
    [TestCaseSource(nameof(Profiles))]
    [NonParallelizable]
    public void Profile_Loads(string file)
    {
        // The staging example needs its base URL from the environment, as QA would set it.
        var saved = Environment.GetEnvironmentVariable("STAGING_KEYCLOAK_URL");
        Environment.SetEnvironmentVariable("STAGING_KEYCLOAK_URL", saved ?? "https://sso.staging.example.com");
        try
        {
            var profile = TargetProfile.Load(Path.Combine(ProfilesFolder, file), Repository.Contracts);
            profile.Apis.Should().NotBeEmpty();
            profile.Values.Keys.Should().NotContain(k => Harness.Scenarios.Profiles.SecretValues.IsSecret(k));
        }
        finally
        {
            Environment.SetEnvironmentVariable("STAGING_KEYCLOAK_URL", saved);
        }
    }

    [Test]
    public void BaseUrl_EnvironmentReference_UsesTheVariable_ThenTheDefault()
    {
        var variable = "HARNESS_TEST_URL_" + Guid.NewGuid().ToString("N");
        var path = Write($"name: t\nbase-url: ${{env:{variable}:-http://127.0.0.1:1}}\napis: [softwareag-refresh]\n");

        TargetProfile.Load(path, Repository.Contracts).BaseUrl.Should().Be(new Uri("http://127.0.0.1:1/"));
        Environment.SetEnvironmentVariable(variable, "http://127.0.0.1:2");
        try
        {
            TargetProfile.Load(path, Repository.Contracts).BaseUrl.Should().Be(new Uri("http://127.0.0.1:2/"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Test]
    public void BaseUrl_RequiredEnvironmentReference_Unset_IsALocatedProblem()
    {
        var variable = "HARNESS_TEST_URL_" + Guid.NewGuid().ToString("N");
        var path = Write($"name: t\nbase-url: ${{env:{variable}}}\napis: [softwareag-refresh]\n");

        var load = () => TargetProfile.Load(path, Repository.Contracts);

        load.Should().Throw<ScenarioLoadException>().Which.Diagnostics.Should().ContainSingle(d => d.Line == 2 && d.Message.Contains(variable));
    }

    [Test]
    public void UnknownOperation_InPathsOrUnserved_IsAProblem()
    {
        var path = Write("name: t\nbase-url: http://127.0.0.1:1\napis: [softwareag-refresh]\npaths:\n  softwareag-refresh.refresh-typo: /token\n" +
            "unserved:\n  softwareag-refresh.isue: no password grant\n");

        var load = () => TargetProfile.Load(path, Repository.Contracts);

        load.Should().Throw<ScenarioLoadException>().Which.Diagnostics.Select(d => d.Message).Should().SatisfyRespectively(
            m => m.Should().Contain("'paths.softwareag-refresh.refresh-typo' is not an operation"),
            m => m.Should().Contain("'unserved.softwareag-refresh.isue' is not an operation"));
    }

    [Test]
    public async Task UnservedOperation_SkipsTheScenario_WithItsReason()
    {
        var path = Write("name: t\nbase-url: http://127.0.0.1:1\napis: [softwareag-refresh]\nunserved:\n  softwareag-refresh.issue: no password grant here\n");
        await using var target = new ProfileTarget(TargetProfile.Load(path, Repository.Contracts), new Redactor());
        var issue = Repository.Contracts.Operation("softwareag-refresh", "issue")!;
        var refresh = Repository.Contracts.Operation("softwareag-refresh", "refresh")!;

        var pathOfIssue = () => target.PathOf(issue);

        pathOfIssue.Should().Throw<ScenarioSkipped>().WithMessage("the target does not serve softwareag-refresh.issue: no password grant here");
        target.PathOf(refresh).Should().Be(refresh.Path);
    }

    [Test]
    public void BootstrapCommand_NamingASecret_IsRefused()
    {
        var path = Write("name: t\nbase-url: http://127.0.0.1:1\napis: [softwareag-refresh]\nsecrets:\n  client-secret: SOME_VARIABLE\n" +
            "bootstrap:\n  kind: command\n  command: ./login --secret ${target.client-secret} --scope ${target.scope}\n");

        var load = () => TargetProfile.Load(path, Repository.Contracts);

        load.Should().Throw<ScenarioLoadException>().Which.Diagnostics.Select(d => d.Message).Should().SatisfyRespectively(
            m => m.Should().Contain("names a secret").And.Contain("SOME_VARIABLE"),
            m => m.Should().Contain("'${target.scope}' names no entry of 'values'"));
    }

    [Test]
    public async Task BootstrapCommand_GetsBaseUrlAndQuotedValues()
    {
        var path = Write("name: t\nbase-url: http://127.0.0.1:1/\napis: [softwareag-refresh]\nvalues:\n  scope: \"read it's\"\n" +
            "bootstrap:\n  kind: command\n  command: printf '{\"u\":\"%s\",\"s\":\"%s\"}' ${base-url} ${target.scope}\n");
        await using var target = new ProfileTarget(TargetProfile.Load(path, Repository.Contracts), new Redactor());

        var output = await target.BootstrapTokenResponseAsync("softwareag", CancellationToken.None);

        output.Should().Be("{\"u\":\"http://127.0.0.1:1\",\"s\":\"read it's\"}");
    }

    private static string Write(string yaml)
    {
        var folder = Path.Combine(Path.GetTempPath(), "harness-profile-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "profile.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
