using Harness.Scenarios.Fakes;

namespace Harness.Scenarios.Tests.Fakes;

[TestFixture]
public sealed class HarnessFakerTests
{
    /// <summary>What a run draws, in a fixed order: identities, tenants, client ids, token ids, correlation ids.</summary>
    private static IReadOnlyList<object> Draw(HarnessFaker faker) =>
    [
        faker.Identity("tenant-a"),
        faker.Identity("tenant-b"),
        faker.TenantId(),
        faker.ClientId("demo"),
        faker.TokenId(),
        faker.TokenId(),
        faker.CorrelationId(),
        faker.Uuid(),
        faker.Opaque(16),
    ];

    [Test]
    public void HarnessFaker_SameSeed_DrawsTheSameValues()
    {
        var first = Draw(new HarnessFaker(20240501));
        var second = Draw(new HarnessFaker(20240501));

        second.Should().Equal(first);
    }

    [Test]
    public void HarnessFaker_DifferentSeed_DrawsDifferentIdentitiesAndTokenIds()
    {
        var first = new HarnessFaker(1);
        var second = new HarnessFaker(2);

        second.Identity("tenant-a").Should().NotBe(first.Identity("tenant-a"));
        second.TokenId().Should().NotBe(first.TokenId());
        second.CorrelationId().Should().NotBe(first.CorrelationId());
    }

    [Test]
    public void Identity_AnySeed_CarriesTheTenantAndAnAccount()
    {
        var identity = new HarnessFaker(7).Identity("tenant-a");

        identity.TenantId.Should().Be("tenant-a");
        identity.UserId.Should().Be(identity.AccountId);
        identity.AccountId.Should().MatchRegex("^[0-9]{4,8}$");
        identity.SessionToken.Should().HaveLength(21);
    }

    [Test]
    public void TokenId_AnySeed_IsNineteenDigits()
    {
        new HarnessFaker(7).TokenId().Should().MatchRegex("^[0-9]{19}$");
    }
}
