using System.Text;
using FluentAssertions;
using Harness.Conformance.Running;
using Harness.Conformance.Targets;
using Harness.Scenarios.Model;
using Harness.Scenarios.Profiles;
using Harness.Scenarios.Redaction;
using NUnit.Framework;

namespace Harness.Conformance.Tests.Profiles;

/// <summary>
/// A profile's <c>client-auth</c> decides where the client credentials travel, whatever the contract models: HTTP Basic
/// with the form-urlencoded id and secret (RFC 6749 §2.3.1), both in the form, or a public client's client_id alone.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class ClientAuthenticationTests
{
    // Characters that form-urlencoding changes: the RFC 6749 §2.3.1 encoding must apply before base64.
    private const string ClientId = "qa client:1";
    private const string Secret = "s3cr+t/&=x";

    [Test]
    public async Task ClientSecretBasic_OnThePublicKeycloakContract_SendsFormEncodedBasicAndNoClientIdInTheForm()
    {
        var (request, _) = await BuildRefreshAsync("keycloak-refresh", "client_secret_basic");

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("qa+client%3A1:s3cr%2Bt%2F%26%3Dx"));
        request.Record.Headers["Authorization"].Should().Be(expected);
        request.Record.Body.Should().NotContain("client_id").And.NotContain("client_secret");
    }

    [Test]
    public async Task ClientSecretPost_OnTheBasicSoftwareAgContract_SendsBothInTheFormAndNoAuthorization()
    {
        var (request, _) = await BuildRefreshAsync("softwareag-refresh", "client_secret_post");

        request.Record.Headers.Should().NotContainKey("Authorization");
        request.Record.Body.Should().Contain("client_id=qa+client%3A1").And.Contain("client_secret=s3cr%2Bt%2F%26%3Dx");
    }

    [Test]
    public async Task Public_OnTheBasicSoftwareAgContract_SendsClientIdOnly()
    {
        var (request, _) = await BuildRefreshAsync("softwareag-refresh", "public");

        request.Record.Headers.Should().NotContainKey("Authorization");
        request.Record.Body.Should().Contain("client_id=qa+client%3A1").And.NotContain("client_secret");
    }

    [Test]
    public async Task Public_StepSendingAMadeUpSecret_IsSkippedWithTheReason()
    {
        var build = async () => await BuildRefreshAsync("softwareag-refresh", "public", new() { [Slot.ClientSecret] = ValueExpression.Literal("wrong-secret") });

        (await build.Should().ThrowAsync<ScenarioSkipped>()).WithMessage("*client-auth: public*");
    }

    [Test]
    public async Task ClientSecretBasic_SecondClient_SendsThatClientsSecret()
    {
        var (request, _) = await BuildRefreshAsync("keycloak-refresh", "client_secret_basic", new() { [Slot.ClientId] = ValueExpression.Literal("second") });

        request.Record.Headers["Authorization"].Should().Be("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("second:second-secret")));
    }

    [Test]
    public async Task ClientSecretBasic_UnknownClient_SendsAMadeUpSecretNotAnEmptyOne()
    {
        var (request, _) = await BuildRefreshAsync("keycloak-refresh", "client_secret_basic", new() { [Slot.ClientId] = ValueExpression.Literal("no-such-client") });

        request.Record.Headers["Authorization"].Should().Be("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("no-such-client:" + RequestBuilder.UnknownClientSecret)));
    }

    [Test]
    public async Task OmittedClientId_UnderClientSecretBasic_SendsNoClientAuthentication()
    {
        var (request, _) = await BuildRefreshAsync("keycloak-refresh", "client_secret_basic", mutate: Mutation.None with { Omit = ["client_id"] });

        request.Record.Headers.Should().NotContainKey("Authorization");
        request.Record.Body.Should().NotContain("client_");
    }

    [Test]
    public async Task ClientSecretPost_FixedFormBody_CarriesTheCredentialsToo()
    {
        var (request, _) = await BuildRefreshAsync("softwareag-refresh", "client_secret_post",
            mutate: Mutation.None with { Body = "grant_type=refresh_token&grant_type=refresh_token&refresh_token=rt-1" });

        request.Record.Body.Should().StartWith("grant_type=refresh_token&grant_type=refresh_token&refresh_token=rt-1&")
            .And.Contain("client_id=qa+client%3A1").And.Contain("client_secret=s3cr%2Bt%2F%26%3Dx");
    }

    [Test]
    public async Task ClientSecretBasic_FixedFormBody_IsSentAsWritten()
    {
        const string fixedBody = "grant_type=refresh_token&grant_type=refresh_token&refresh_token=rt-1";
        var (request, _) = await BuildRefreshAsync("softwareag-refresh", "client_secret_basic", mutate: Mutation.None with { Body = fixedBody });

        request.Record.Body.Should().Be(fixedBody);
        request.Record.Headers.Should().ContainKey("Authorization");
    }

    private static async Task<(PreparedRequest Request, ProfileTarget Target)> BuildRefreshAsync(string api, string mode,
        Dictionary<Slot, ValueExpression>? with = null, Mutation? mutate = null)
    {
        var first = ProfileFile.UniqueVariable("SECRET");
        var second = ProfileFile.UniqueVariable("SECRET2");
        var secrets = mode == "public" ? "" : $"secrets:\n  client-secret: {first}\n  second-client-secret: {second}\n";
        using var file = new ProfileFile($"name: t\nbase-url: http://127.0.0.1:1\napis: [{api}]\nclient-auth: {mode}\n" +
            $"values:\n  client-id: \"{ClientId}\"\n  second-client-id: second\n{secrets}").Set(first, Secret).Set(second, "second-secret");
        var target = new ProfileTarget(TargetProfile.Load(file.Path, Repository.Contracts), new Redactor());
        await using var _ = target;
        var contracts = Repository.Contracts;
        var context = new ScenarioContext(contracts, target, contracts.Api(api)!.Realm);
        context.Record("s", StepResult.FromTokenResponse("{\"refresh_token\": \"rt-1\", \"access_token\": \"at-1\"}", contracts.Operation(api, "refresh")!, TimeProvider.System));
        var request = new RequestBuilder(context).Build(contracts.Operation(api, "refresh")!, with ?? [], mutate ?? Mutation.None);
        return (request, target);
    }
}
