using System.Text;
using System.Text.Json.Nodes;
using Harness.Scenarios.Model;
using Harness.Scenarios.Tests.Support;

namespace Harness.Scenarios.Tests.Model;

/// <summary>The one request builder: what every caller (runner, WireMock export, mock tests) sends for an operation.</summary>
[TestFixture]
public sealed class ContractRequestTests
{
    private static ContractSet Repository => Fixtures.RepositoryContracts;

    public static IEnumerable<TestCaseData> Operations() =>
        Repository.Operations.Select(o => new TestCaseData(o.QualifiedId).SetArgDisplayNames(o.QualifiedId));

    [TestCaseSource(nameof(Operations))]
    public void Build_EveryOperation_SendsEveryFieldWhereTheContractSaysItTravels(string qualifiedId)
    {
        var operation = Repository.Operations.Single(o => o.QualifiedId == qualifiedId);

        var request = ContractRequest.Build(operation, field => field.Value ?? "v " + field.Name);

        request.Method.Should().Be(operation.Method);
        foreach (var field in operation.Request)
        {
            var value = field.Value ?? "v " + field.Name;
            switch (field.In)
            {
                case FieldLocation.Header:
                    request.Headers.Should().Contain(new KeyValuePair<string, string>(field.Name, field.Render(value)));
                    break;
                case FieldLocation.Form:
                    request.Body.Should().Contain($"{ContractRequest.FormEncode(field.Name)}={ContractRequest.FormEncode(value)}");
                    break;
                case FieldLocation.BasicAuth:
                    request.Authorization.Should().StartWith("Basic ");
                    break;
                case FieldLocation.Json when field.Type == FieldType.NameValueArray:
                    JsonNode.Parse(request.Body!)![field.Name]!.AsArray().Should().HaveCount(field.Items.Count);
                    break;
                case FieldLocation.Json:
                    JsonNode.Parse(request.Body!)![field.Name]!.GetValue<string>().Should().Be(value);
                    break;
            }
        }
        if (request.Body is not null) request.AllHeaders.Should().Contain(new KeyValuePair<string, string>("Content-Type", operation.ContentType!));
    }

    [Test]
    public void Build_FieldNotSent_IsLeftOut_AndOneBasicCredentialAloneSendsNoHeader()
    {
        var operation = Repository.Operation("softwareag-refresh", "refresh")!;

        var request = ContractRequest.Build(operation, field => field.Value ?? "x", field => field.Binds != Slot.ClientId);

        request.Authorization.Should().BeNull("HTTP Basic needs the client id");
        ContractRequest.Build(operation, field => field.Value ?? "x", field => field.Name != "refresh_token").Body.Should().Be("grant_type=refresh_token&scope=x");
    }

    [Test]
    public void Build_MethodChangedToGet_SendsNoBody()
    {
        var operation = Repository.Operation("keycloak-refresh", "refresh")!;

        (ContractRequest.Build(operation, field => field.Value ?? "x") with { Method = "GET" }).Body.Should().BeNull();
    }

    [Test]
    public void FormText_IsTheBytesFormUrlEncodedContentSends()
    {
        KeyValuePair<string, string>[] pairs = [new("a b", "c+d&e=f"), new("ü/ñ", "x:y;z!*'()~"), new("empty", "")];

        var framework = new FormUrlEncodedContent(pairs).ReadAsStringAsync().GetAwaiter().GetResult();

        ContractRequest.FormText(pairs).Should().Be(framework);
    }

    [Test]
    public void BasicAuthorization_FormEncodesIdAndSecret_SpaceAsPlus()
    {
        var header = ContractRequest.BasicAuthorization("my client", "s3:cr+t");

        Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Should().Be("my+client:s3%3Acr%2Bt", "RFC 6749 §2.3.1 form-encodes both before joining them");
    }
}
