using Harness.Scenarios.Model;

namespace Harness.Scenarios.Tests.Model;

[TestFixture]
public sealed class CatalogTests
{
    private static readonly Catalog Catalog = new(
        new Dictionary<string, SeedPage>
        {
            ["seed-000"] = new("seed-000", "000_8a4ac381c0de2c55.txt", "AGS — Re-authenticating using the refresh token"),
            ["seed-002"] = new("seed-002", "002_eacb5e7c662ce054.txt", "Software AG Integration Server — pub.oauth:refreshAccessToken"),
        },
        new Dictionary<string, string>(),
        new Dictionary<string, string>(),
        new Dictionary<string, string>());

    public static IEnumerable<TestCaseData> Citable()
    {
        yield return new TestCaseData("seed-000").SetArgDisplayNames("seed id");
        yield return new TestCaseData("seed-002 Usage Notes").SetArgDisplayNames("seed id with a section");
        yield return new TestCaseData("RFC 6749 §5.2").SetArgDisplayNames("RFC section");
        yield return new TestCaseData("RFC 9700 §4.14.2").SetArgDisplayNames("RFC subsection");
    }

    public static IEnumerable<TestCaseData> NotCitable()
    {
        yield return new TestCaseData("rfc6749").SetArgDisplayNames("lower-case RFC without a space");
        yield return new TestCaseData("seed-999").SetArgDisplayNames("seed id not in the catalog");
        yield return new TestCaseData("RFC 6749 section 5.2").SetArgDisplayNames("RFC section spelled out");
        yield return new TestCaseData("the AGS wiki").SetArgDisplayNames("free text");
        yield return new TestCaseData("").SetArgDisplayNames("empty");
    }

    [TestCaseSource(nameof(Citable))]
    public void IsCitable_SeedOrRfcSection_ReturnsTrue(string source)
    {
        Catalog.IsCitable(source).Should().BeTrue();
    }

    [TestCaseSource(nameof(NotCitable))]
    public void IsCitable_NeitherSeedNorRfcSection_ReturnsFalse(string source)
    {
        Catalog.IsCitable(source).Should().BeFalse();
    }
}
