using System.Text.Json.Nodes;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;
using Harness.Scenarios.Tests.Support;

namespace Harness.Scenarios.Tests;

/// <summary>
/// <c>Fixtures/sixth-api/</c> is the worked example of scenarios/README.md: an API that needs a claim template and an
/// error shape none of the five product contracts uses. It loads clean because the model has both, and only then.
/// </summary>
[TestFixture]
public sealed class SixthApiFixtureTests
{
    [Test]
    public void TryLoad_SixthApi_ReportsNoDiagnostics()
    {
        var (set, diagnostics) = ScenarioLoader.TryLoad(Fixtures.SixthApi);

        diagnostics.Should().BeEmpty("the worked example must load, but the loader reported:{0}", DiagnosticAssertions.Listing(diagnostics));
        set!.Api("acme")!.ErrorShape.Should().Be(ErrorShape.Fault);
    }

    [Test]
    public void Load_SixthApi_ClaimsUseTheNewTemplate_WhichTheModelTypesAsANumber()
    {
        var policy = ScenarioLoader.Load(Fixtures.SixthApi).Policy("acme")!;

        ClaimTemplates.ReferenceIn(policy.AccessClaims["nbf"]).Should().Be("token.nbf");
        ClaimTemplates.Find("token.nbf")!.Type.Should().Be(ClaimType.Number);
    }

    [Test]
    public void Load_SixthApi_FieldBoundToACredentialSlot_IsSecretWithoutSayingSo()
    {
        var set = ScenarioLoader.Load(Fixtures.SixthApi);

        set.Operation("acme", "issue")!.Field("passcode")!.Secret.Should().BeTrue("it binds the password slot");
        Harness.Scenarios.Redaction.Redactor.ForContracts(set).IsSecretName("passcode").Should().BeTrue();
        new Harness.Scenarios.Redaction.Redactor().IsSecretName("passcode").Should().BeFalse("the generic names do not cover it: the contract does");
    }

    [Test]
    public void Write_FaultShape_NestsCodeAndDetail_AndLeavesTheResultEmpty()
    {
        var operation = ScenarioLoader.Load(Fixtures.SixthApi).Operation("acme", "refresh")!;
        var outcome = operation.OutcomeFor(Condition.TokenInvalid)!;

        var body = ErrorBody.Write(ErrorShape.Fault, outcome, "the refresh token is not valid");

        body.ToJsonString().Should().Be("""{"fault":{"code":"ACME-401-TOKEN","detail":"the refresh token is not valid"},"result":""}""");
        ErrorBody.CodePath(ErrorShape.Fault).Should().Be("fault.code");
        ErrorBody.EmptyPaths(ErrorShape.Fault).Should().Equal("result");
    }

    [TestCase(ErrorShape.Oauth2, """{"error":"invalid_grant","error_description":"m"}""")]
    [TestCase(ErrorShape.Envelope, """{"errorCode":"invalid_grant","errorMessage":"m","content":"","pageable":""}""")]
    [TestCase(ErrorShape.StatusOnly, """{"status":400,"error":"token-invalid","message":"m"}""")]
    public void Write_ProductShapes_AreTheBodiesTheApisDocument(ErrorShape shape, string expected)
    {
        var outcome = new Outcome(Condition.TokenInvalid, null, 400, "invalid_grant", null, [], new Provenance("RFC 6749 §5.2", null, Location.None), Location.None);

        ErrorBody.Write(shape, outcome, "m").ToJsonString().Should().Be(expected);
    }

    [Test]
    public void Write_WithoutCode_LeavesOnlyTheCodeOut()
    {
        var outcome = new Outcome(Condition.TokenInvalid, null, 400, "AUTH_1002", null, [], new Provenance("RFC 6749 §5.2", null, Location.None), Location.None);

        JsonNode.Parse(ErrorBody.Write(ErrorShape.Envelope, outcome, "m", withoutCode: true).ToJsonString())!.AsObject()
            .Select(m => m.Key).Should().Equal("errorMessage", "content", "pageable");
    }
}
