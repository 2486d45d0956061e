using Harness.Scenarios.Redaction;

namespace Harness.Scenarios.Tests.Redaction;

/// <summary>
/// Every token shape the suite can meet from a target, masked whole wherever it appears in free text: no part of a
/// JWE's ciphertext or tag survives (a bootstrap failure once printed ~250 characters of one).
/// </summary>
[TestFixture]
public sealed class TokenShapeTests
{
    /// <summary>Tokens by shape, with a piece of each that must not survive (the tail: a signature, a tag, random bytes).</summary>
    public static IEnumerable<TestCaseData> Shapes()
    {
        foreach (var (shape, token) in PlantedTokens.All)
            yield return new TestCaseData(token).SetArgDisplayNames(shape);
    }

    /// <summary>A JWS or JWE is recognised by its shape alone; an opaque token only by the name it travels under.</summary>
    [TestCaseSource(nameof(JoseShapes))]
    public void Redact_JoseTokenInProse_MasksAllOfIt(string token)
    {
        var redacted = new Redactor().Redact($"bootstrap failed: expected 201, got 200 with {token}.");

        AssertNoPieceOf(token, redacted);
    }

    public static IEnumerable<TestCaseData> JoseShapes() =>
        PlantedTokens.All.Where(t => t.Token.StartsWith("eyJ", StringComparison.Ordinal)).Select(t => new TestCaseData(t.Token).SetArgDisplayNames(t.Shape));

    [TestCaseSource(nameof(Shapes))]
    public void Redact_TokenInEveryCarrier_MasksAllOfIt(string token)
    {
        var redactor = new Redactor();
        foreach (var text in new[]
                 {
                     $"Authorization: Bearer {token}",
                     $"refresh_token={token}&grant_type=refresh_token",
                     $"{{\"content\":[{{\"token\":\"{token}\",\"refreshToken\":\"{token}\"}}]}}",
                     $"{{\"parameters\":[{{\"name\":\"sessionToken\",\"value\":\"{token}\"}}]}}",
                     $"curl -i -X POST 'http://t/x?access_token={token}' -H 'Authorization: Bearer {token}'",
                 })
            AssertNoPieceOf(token, redactor.Redact(text));
    }

    [Test]
    public void Redact_FiveParts_IsOneMask()
    {
        var jwe = PlantedTokens.All.Single(t => t.Shape == "jwe").Token;

        new Redactor().Redact($"x {jwe} y").Should().Be($"x {Redactor.Mask(jwe)} y");
    }

    private static void AssertNoPieceOf(string token, string redacted)
    {
        // Any 12 characters of the token's second half: a masked token shows at most its first six.
        var tail = token[(token.Length / 2)..];
        for (var i = 0; i + 12 <= tail.Length; i += 6)
            redacted.Should().NotContain(tail.Substring(i, 12), $"the token must not survive in: {redacted}");
    }
}
