using Harness.Scenarios.Redaction;

namespace Harness.Scenarios.Tests.Redaction;

[TestFixture]
public sealed class RedactorTests
{
    /// <summary>What a masked value looks like: the visible prefix, an ellipsis, and the value's length.</summary>
    private static string Masked(string prefix, int length) => $"{prefix}…[redacted:len={length}]";

    private const string Jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwidHlwIjoiUmVmcmVzaEF1dGhOIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

    /// <summary>Text carrying a secret, and the text as it must leave the process; named by condition and result.</summary>
    private static IEnumerable<(string Condition, string Result, string Text, string Expected)> Samples()
    {
        yield return ("TextWithJwt", "MasksTheJwt", $"token {Jwt} end", $"token {Redactor.Mask(Jwt)} end");
        yield return ("JsonRefreshTokenField", "MasksTheValue",
            "{\"refresh_token\": \"def50200a1b2c3d4e5f6\", \"token_type\": \"bearer\"}",
            $"{{\"refresh_token\": \"{Redactor.Mask("def50200a1b2c3d4e5f6")}\", \"token_type\": \"bearer\"}}");
        yield return ("FormPasswordField", "MasksTheValue",
            "grant_type=password&username=jane&password=correct-horse-battery",
            $"grant_type=password&username=jane&password={Redactor.Mask("correct-horse-battery")}");
        yield return ("AuthorizationBearerHeaderLine", "MasksTheCredentials",
            "POST /token HTTP/1.1\r\nAuthorization: Bearer 2YotnFZFEjr1zCsicMWpAA\r\nHost: example.com",
            $"POST /token HTTP/1.1\r\nAuthorization: Bearer {Redactor.Mask("2YotnFZFEjr1zCsicMWpAA")}\r\nHost: example.com");
        yield return ("JsonFieldHoldingJwt", "MasksItOnce",
            $"{{\"access_token\":\"{Jwt}\"}}", $"{{\"access_token\":\"{Redactor.Mask(Jwt)}\"}}");
        yield return ("TextWithoutSecrets", "LeavesItAlone",
            "GET /servicediscovery x-correlation-id: 1234", "GET /servicediscovery x-correlation-id: 1234");
    }

    public static IEnumerable<TestCaseData> SecretsInText() =>
        Samples().Select(s => new TestCaseData(s.Text, s.Expected).SetName($"Redact_{s.Condition}_{s.Result}"));

    public static IEnumerable<TestCaseData> RedactedText() =>
        Samples().Select(s => new TestCaseData(s.Text, s.Expected).SetName($"Redact_{s.Condition}RedactedTwice_ChangesNothingMore"));

    [TestCaseSource(nameof(SecretsInText))]
    public void Redact_TextWithSecret_MasksItKeepingPrefixAndLength(string text, string expected)
    {
        new Redactor().Redact(text).Should().Be(expected);
    }

    [Test]
    public void Redact_RegisteredSecret_MasksItWherever()
    {
        const string secret = "Sup3rSecretClientValue";
        var redactor = new Redactor();
        redactor.AddKnownSecret(secret);

        var redacted = redactor.Redact($"the client secret is {secret}, once more: {secret}.");

        redacted.Should().Be($"the client secret is {Redactor.Mask(secret)}, once more: {Redactor.Mask(secret)}.");
        redacted.Should().NotContain(secret);
    }

    [Test]
    public void Redact_SecretRegisteredOnAnotherRedactor_IsLeftAlone()
    {
        new Redactor().AddKnownSecret("Sup3rSecretClientValue");

        new Redactor().Redact("Sup3rSecretClientValue").Should().Be("Sup3rSecretClientValue");
    }

    [TestCaseSource(nameof(RedactedText))]
    public void Redact_AlreadyRedactedText_ChangesNothing(string text, string expected)
    {
        var redactor = new Redactor();

        redactor.Redact(redactor.Redact(text)).Should().Be(expected);
    }

    [Test]
    public void Redact_HeaderLineWithAMaskFurtherOn_StillMasksTheCredentials()
    {
        const string token = "opaque-access-token-value-1234";
        var redactor = new Redactor();

        // The JWT and the form field are masked first; the header value running to the end of the line then holds a mask.
        var withJwt = redactor.Redact($"Authorization: Bearer {token} (old token {Jwt})");
        var withForm = redactor.Redact($"curl -H 'Authorization: Bearer {token}' --data-raw 'password=hunter2-pass'");

        withJwt.Should().NotContain(token).And.NotContain(Jwt).And.StartWith("Authorization: Bearer ");
        withForm.Should().NotContain(token).And.NotContain("hunter2-pass");
        redactor.Redact(withJwt).Should().Be(withJwt);
        redactor.Redact(withForm).Should().Be(withForm);
    }

    [Test]
    public void Redact_CurlWithHeaderAlreadyMasked_MasksTheNextHeaderAndKeepsTheMask()
    {
        var masked = new Redactor().MaskHeader("Authorization", "Bearer opaque-access-token-value-1234");
        var redactor = new Redactor();

        var redacted = redactor.Redact($"curl -H 'Authorization: {masked}' -H 'Cookie: session=sess-5e1f0c2b9a8d7e6f'");

        redacted.Should().StartWith($"curl -H 'Authorization: {masked}' -H 'Cookie: ").And.NotContain("sess-5e1f0c2b9a8d7e6f");
        redactor.Redact(redacted).Should().Be(redacted);
    }

    [Test]
    public void MaskHeader_AlreadyMaskedValue_LeavesItAlone()
    {
        var masked = new Redactor().MaskHeader("Authorization", $"Bearer {Jwt}");

        masked.Should().Be($"Bearer {Redactor.Mask(Jwt)}");
        new Redactor().MaskHeader("Authorization", masked).Should().Be(masked);
    }

    [Test]
    public void Mask_TokenLongValue_KeepsSixCharactersAndTheLength()
    {
        Redactor.Mask("abcdefghijklmnopqrstuvwxyz0123456789ABCD").Should().Be(Masked("abcdef", 40));
    }

    [Test]
    public void Mask_SecretShorterThanAToken_KeepsTwoCharacters()
    {
        Redactor.Mask("abcdefghijklmnop").Should().Be(Masked("ab", 16));
    }

    [Test]
    public void Mask_ShortValue_KeepsTwoCharactersAndTheLength()
    {
        Redactor.Mask("hunter2").Should().Be(Masked("hu", 7));
    }

    [Test]
    public void MaskHeader_BasicAuthorization_KeepsTheScheme()
    {
        new Redactor().MaskHeader("Authorization", "Basic ZGVtby1jbGllbnQ6c2VjcmV0").Should().Be($"Basic {Masked("ZG", 24)}");
    }

    [Test]
    public void MaskHeader_HeaderThatIsNotSecret_LeavesItAlone()
    {
        new Redactor().MaskHeader("x-auth-service-id", "demo-sso").Should().Be("demo-sso");
    }
}
