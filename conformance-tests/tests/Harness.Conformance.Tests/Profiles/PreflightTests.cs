using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using Harness.Conformance.Running;
using Harness.Conformance.Targets;
using Harness.MockServer.Hosting;
using Harness.Scenarios.Profiles;
using Harness.Scenarios.Redaction;
using NUnit.Framework;

namespace Harness.Conformance.Tests.Profiles;

/// <summary>
/// Every way a profile can leave the target unreachable ends in one message that says what to fix, before any check:
/// a missing secret names its variable, a closed port, TLS spoken to a plain-HTTP port, a failing bootstrap command
/// (its exit code and redacted output), and an issue bootstrap the server refuses.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class PreflightTests
{
    [Test]
    public async Task Preflight_SecretVariableUnset_NamesTheVariable()
    {
        var variable = ProfileFile.UniqueVariable("PASSWORD");
        using var file = new ProfileFile($"name: t\nbase-url: http://127.0.0.1:1\napis: [keycloak-refresh]\nvalues:\n  client-id: c\n  username: u\nsecrets:\n  password: {variable}\n");

        var failure = await PreflightOf(file);

        failure.Should().Contain(variable).And.Contain("secrets.password").And.Contain("not set");
    }

    [Test]
    public async Task Preflight_NothingListening_SaysNoConnection()
    {
        using var file = new ProfileFile($"name: t\nbase-url: http://127.0.0.1:{ClosedPort()}\napis: [keycloak-refresh]\n");

        var failure = await PreflightOf(file);

        failure.Should().StartWith("cannot reach http://127.0.0.1:").And.Contain("no connection").And.Contain("Is the server running");
    }

    [Test]
    public async Task Preflight_HostDoesNotResolve_SaysDns()
    {
        using var file = new ProfileFile("name: t\nbase-url: http://no-such-host.invalid\napis: [keycloak-refresh]\n");

        var failure = await PreflightOf(file);

        failure.Should().Contain("'no-such-host.invalid' does not resolve");
    }

    [Test]
    public async Task Preflight_HttpsToAPlainHttpPort_GivesTheTlsErrorAndTheHint()
    {
        await using var plain = await HarnessMock.StartAsync(Repository.Contracts, new MockServerOptions { Port = 0 });
        using var file = new ProfileFile($"name: t\nbase-url: https://127.0.0.1:{plain.BaseAddress.Port}\napis: [keycloak-refresh]\n");

        var failure = await PreflightOf(file);

        failure.Should().Contain("TLS handshake failed (").And.Contain("tls-verify: false").And.Contain("http://");
    }

    [Test]
    public async Task Preflight_BootstrapCommandFails_ShowsExitCodeAndRedactedOutput()
    {
        var variable = ProfileFile.UniqueVariable("PASSWORD");
        const string secret = "s3cret-value-that-must-not-show";
        await using var mock = await HarnessMock.StartAsync(Repository.Contracts, new MockServerOptions { Port = 0 });
        using var file = new ProfileFile($"name: t\nbase-url: {mock.BaseAddress}\napis: [keycloak-refresh]\nsecrets:\n  password: {variable}\n" +
            $"bootstrap:\n  kind: command\n  command: echo \"login as alice with ${variable}\"; echo 'no such user' >&2; exit 3\n").Set(variable, secret);

        var failure = await PreflightOf(file);

        failure.Should().Contain("exited with code 3").And.Contain("no such user").And.Contain("login as alice with")
            .And.NotContain(secret).And.NotContain("actual: 200");
    }

    [Test]
    public async Task Preflight_IssueBootstrapRefused_ShowsTheAnswer()
    {
        var variable = ProfileFile.UniqueVariable("PASSWORD");
        await using var mock = await HarnessMock.StartAsync(Repository.Contracts, new MockServerOptions { Port = 0 });
        using var file = new ProfileFile($"name: t\nbase-url: {mock.BaseAddress}\napis: [keycloak-refresh]\n" +
            $"values:\n  client-id: {mock.TargetValues["client-id"]}\n  username: {mock.TargetValues["username"]}\nsecrets:\n  password: {variable}\n")
            .Set(variable, "wrong-password");

        var failure = await PreflightOf(file);

        failure.Should().Contain("first session of realm 'keycloak' could not be started").And.Contain("→ 401").And.Contain("invalid_grant");
    }

    [Test]
    public async Task Preflight_ProfileThatWorks_PassesAndSendsTheScope()
    {
        var variable = ProfileFile.UniqueVariable("PASSWORD");
        await using var mock = await HarnessMock.StartAsync(Repository.Contracts, new MockServerOptions { Port = 0 });
        using var file = new ProfileFile($"name: t\nbase-url: {mock.BaseAddress}\napis: [keycloak-refresh]\n" +
            $"values:\n  client-id: {mock.TargetValues["client-id"]}\n  username: {mock.TargetValues["username"]}\n  scope: openid\nsecrets:\n  password: {variable}\n")
            .Set(variable, mock.TargetValues["password"]);

        var failure = await PreflightOf(file);

        failure.Should().BeNull();
        mock.Journal(1).Single().RequestBody.Should().Contain("scope=openid", "an issue bootstrap asks for the profile's scope");
    }

    private static async Task<string?> PreflightOf(ProfileFile file)
    {
        var redactor = new Redactor();
        await using var target = new ProfileTarget(TargetProfile.Load(file.Path, Repository.Contracts), redactor);
        return await Preflight.CheckAsync(Repository.Contracts, target, redactor);
    }

    /// <summary>A port nothing listens on: bound, read back, released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
