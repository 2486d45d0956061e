using Harness.Scenarios.Loading;
using Harness.Scenarios.Redaction;
using Harness.Scenarios.Tests.Support;

namespace Harness.Scenarios.Tests.Redaction;

/// <summary>
/// Every place a request can carry a secret, for every generic secret name and for a name only a contract
/// declares: the one list of names decides in all of them, and a planted secret never comes out.
/// </summary>
[TestFixture]
public sealed class SecretPlacesTests
{
    private const string Planted = "Pl4nted-S3cret-value-0123456789";

    /// <summary>Names <see cref="SecretName"/> covers without any contract: one of each spelling the issue lists.</summary>
    private static readonly string[] GenericNames =
    [
        "client_secret", "clientSecret", "x-client-secret", "password", "newPassword", "token", "refresh_token", "refreshToken",
        "sessionToken", "access_token", "apiKey", "api_key", "X-Api-Key", "Authorization", "Cookie", "Set-Cookie",
    ];

    /// <summary>The carriers: a text as it would be recorded, with the name and the secret planted in it.</summary>
    private static readonly (string Place, Func<string, string, string> Carry)[] Places =
    [
        ("JsonField", (n, v) => $"{{\"{n}\":\"{v}\",\"other\":1}}"),
        ("NestedJson", (n, v) => $"{{\"outer\":{{\"list\":[{{\"{n}\" : \"{v}\"}}]}}}}"),
        ("NameValueParameter", (n, v) => $"{{\"parameters\":[{{\"name\":\"{n}\",\"value\":\"{v}\"}}]}}"),
        ("NameValueParameterValueFirst", (n, v) => $"{{\"parameters\":[{{\"value\": \"{v}\", \"name\": \"{n}\"}}]}}"),
        ("FormField", (n, v) => $"grant_type=refresh_token&{n}={v}&scope=openid"),
        ("QueryString", (n, v) => $"/oauth/token?x=1&{n}={Uri.EscapeDataString(v)}"),
        ("HeaderLine", (n, v) => $"POST /x HTTP/1.1\r\n{n}: {v}\r\nHost: a"),
        ("CurlHeader", (n, v) => $"curl -i -X POST 'http://a/x' -H '{n}: {v}' --data-raw 'a=b'"),
    ];

    public static IEnumerable<TestCaseData> GenericNamesInEveryPlace() =>
        from name in GenericNames
        from place in Places
        where !(place.Place is "HeaderLine" or "CurlHeader" && name.Contains('_', StringComparison.Ordinal))
        select new TestCaseData(name, place.Place).SetArgDisplayNames(name, place.Place);

    [TestCaseSource(nameof(GenericNamesInEveryPlace))]
    public void Redact_GenericSecretNameInPlace_MasksThePlantedValue(string name, string place)
    {
        var text = Carry(place, name, Planted);

        var redacted = new Redactor().Redact(text);

        redacted.Should().NotContain(Planted).And.NotContain(Planted[4..]).And.Contain(Redactor.Mask(Planted));
        new Redactor().Redact(redacted).Should().Be(redacted, "redacting twice changes nothing");
    }

    [TestCaseSource(nameof(GenericNamesInEveryPlace))]
    public void IsSecretName_GenericName_AgreesWithThePatterns(string name, string place)
    {
        // The list and the patterns are one rule: whatever a pattern masks, the name is secret, and the other way round.
        new Redactor().IsSecretName(name).Should().BeTrue();
        new Redactor().MaskHeader(name, Planted).Should().NotContain(Planted);
    }

    public static IEnumerable<TestCaseData> PlainNamesInEveryPlace() =>
        from name in new[] { "token_type", "username", "client_id", "scope", "expires_in", "x-auth-service-id" }
        from place in Places
        where !(place.Place is "HeaderLine" or "CurlHeader" && name.Contains('_', StringComparison.Ordinal))
        select new TestCaseData(name, place.Place).SetArgDisplayNames(name, place.Place);

    [TestCaseSource(nameof(PlainNamesInEveryPlace))]
    public void Redact_NameThatIsNotSecret_LeavesTheValue(string name, string place)
    {
        var text = Carry(place, name, "plain-visible-value");

        new Redactor().Redact(text).Should().Be(text);
    }

    [TestCaseSource(nameof(AllPlaces))]
    public void Redact_NameOnlyTheContractDeclares_MasksItOnlyWhenDeclared(string place)
    {
        var text = Carry(place, "otp", Planted);

        new Redactor(["otp"]).Redact(text).Should().NotContain(Planted);
        new Redactor().Redact(text).Should().Contain(Planted, "'otp' is no generic secret name");
    }

    public static IEnumerable<TestCaseData> AllPlaces() => Places.Select(p => new TestCaseData(p.Place).SetArgDisplayNames(p.Place));

    [Test]
    public void ForContracts_RepositoryContracts_DeclareTheAgsSessionTokenParameter()
    {
        var contracts = ScenarioLoader.Load(Fixtures.RepositoryScenarios());

        DeclaredSecrets.Names(contracts).Should().Contain(["sessionToken", "Authorization", "refresh_token", "refreshToken", "token", "password", "client_secret"]);
        DeclaredSecrets.Names(contracts).Should().NotContain(["client_id", "username", "grant_type", "scope"]);
    }

    [Test]
    public void DeclaredSecrets_EveryFieldBindingACredential_IsMarkedSecret()
    {
        var credentials = new[] { "access-token", "refresh-token", "session-token", "password", "client-secret" };
        var contracts = ScenarioLoader.Load(Fixtures.RepositoryScenarios());

        var fields = contracts.Operations.SelectMany(o => o.Request.SelectMany(f => f.Items.Prepend(f)).Select(f => (Operation: o.QualifiedId, Field: f)));
        var unmarked = fields.Where(x => x.Field.Binds is { } slot && credentials.Contains(KebabName.Of(slot)) && !x.Field.Secret)
            .Select(x => $"{x.Operation}: {x.Field.Name}");

        unmarked.Should().BeEmpty("a field that carries a credential must say 'secret: true' in its contract");
    }

    [Test]
    public void Redact_MidLineProseWithATokenWord_IsLeftAlone()
    {
        const string prose = "  ✗ the new refresh token: differs from the one presented";

        new Redactor().Redact(prose).Should().Be(prose);
    }

    [Test]
    public void Redact_CredentialHeaderMidLine_IsMasked()
    {
        var redacted = new Redactor().Redact($"sent with Authorization: Bearer {Planted} and more");

        redacted.Should().NotContain(Planted).And.StartWith("sent with Authorization: Bearer ");
    }

    [Test]
    public void Redact_BearerInsideAJsonField_KeepsTheSchemeMasksTheToken()
    {
        new Redactor().Redact($"{{\"token\":\"Bearer {Planted}\"}}").Should().Be($"{{\"token\":\"Bearer {Redactor.Mask(Planted)}\"}}");
    }

    [Test]
    public void Redact_PasswordWithSpaces_KeepsNoWordOfIt()
    {
        new Redactor().Redact("{\"password\":\"correct horse battery staple\"}").Should().Be($"{{\"password\":\"{Redactor.Mask("correct horse battery staple")}\"}}");
    }

    [Test]
    public void Redact_JsonValueStartingWithAnEscape_StaysValidJson()
    {
        var json = "{\"password\":\"\\u0041bc-secret-value\"}";

        var redacted = new Redactor().Redact(json);

        System.Text.Json.JsonDocument.Parse(redacted).RootElement.GetProperty("password").GetString().Should().StartWith("?u…[redacted:len=");
        new Redactor().Redact(redacted).Should().Be(redacted);
    }

    private static string Carry(string place, string name, string value) => Places.Single(p => p.Place == place).Carry(name, value);
}
