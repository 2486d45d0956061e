using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.Scenarios.Tests.Model;

[TestFixture]
public sealed class KebabNameTests
{
    /// <summary>Every member of every enum the scenario files spell in kebab-case.</summary>
    public static IEnumerable<TestCaseData> EveryMember() =>
        new[]
        {
            typeof(Condition), typeof(Slot), typeof(FieldType), typeof(FieldLocation), typeof(OperationRole), typeof(ErrorShape),
            typeof(ReusePolicy), typeof(Severity), typeof(TokenKind), typeof(Comparison),
        }
        .SelectMany(type => Enum.GetValues(type).Cast<Enum>())
        .Select(value => new TestCaseData(value).SetArgDisplayNames($"{value.GetType().Name}.{value}"));

    [TestCaseSource(nameof(EveryMember))]
    public void TryParse_KebabNameOfMember_ReturnsTheMember<T>(T member) where T : struct, Enum
    {
        KebabName.TryParse<T>(KebabName.Of(member), out var parsed).Should().BeTrue();
        parsed.Should().Be(member);
    }

    public static IEnumerable<TestCaseData> Spellings()
    {
        yield return new TestCaseData(KebabName.Of(Condition.TokenExpired), "token-expired").SetArgDisplayNames("Condition.TokenExpired");
        yield return new TestCaseData(KebabName.Of(Condition.Success), "success").SetArgDisplayNames("Condition.Success");
        yield return new TestCaseData(KebabName.Of(FieldLocation.BasicAuth), "basic-auth").SetArgDisplayNames("FieldLocation.BasicAuth");
        yield return new TestCaseData(KebabName.Of(FieldType.NameValueArray), "name-value-array").SetArgDisplayNames("FieldType.NameValueArray");
        yield return new TestCaseData(KebabName.Of(ErrorShape.Oauth2), "oauth2").SetArgDisplayNames("ErrorShape.Oauth2");
        yield return new TestCaseData(KebabName.Of(Slot.RefreshExpiresIn), "refresh-expires-in").SetArgDisplayNames("Slot.RefreshExpiresIn");
    }

    [TestCaseSource(nameof(Spellings))]
    public void Of_PascalCaseMember_ReturnsKebabCase(string kebab, string expected)
    {
        kebab.Should().Be(expected);
    }

    [TestCase("TokenExpired")]
    [TestCase("token_expired")]
    [TestCase("token-expired ")]
    [TestCase("")]
    public void TryParse_TextThatIsNotAKebabName_ReturnsFalse(string text)
    {
        KebabName.TryParse<Condition>(text, out _).Should().BeFalse();
    }

    [Test]
    public void List_EnumType_JoinsEveryKebabNameInDeclarationOrder()
    {
        KebabName.List<TokenKind>().Should().Be("access, refresh, session");
    }
}
