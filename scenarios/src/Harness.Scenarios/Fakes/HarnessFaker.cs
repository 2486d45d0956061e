using Bogus;

namespace Harness.Scenarios.Fakes;

/// <summary>
/// Every made-up value of a run — identities, tenants, client and device ids, session tokens, correlation
/// ids, token ids — drawn from one seeded source, so a run with the same seed is repeatable exactly.
/// The seed is per instance (never Bogus's global one), and calls are serialized so concurrent requests
/// cannot interleave the sequence.
/// </summary>
public sealed class HarnessFaker
{
    private readonly Faker _faker;
    private readonly Lock _gate = new();

    public HarnessFaker(int seed)
    {
        Seed = seed;
        _faker = new Faker { Random = new Randomizer(seed) };
    }

    public int Seed { get; }

    public FakeIdentity Identity(string tenantId)
    {
        lock (_gate)
        {
            var first = _faker.Name.FirstName();
            var account = _faker.Random.Number(1000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new FakeIdentity(
                AccountId: account,
                UserId: account,
                Username: _faker.Internet.UserName(first).ToLowerInvariant(),
                Password: _faker.Internet.Password(16, memorable: false),
                DeviceId: "PUB_" + _faker.Random.Number(100, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                TenantId: tenantId,
                AccountProfileId: "DEFAULT",
                BillingCountryCode: _faker.Address.CountryCode(),
                SessionToken: _faker.Random.AlphaNumeric(21));
        }
    }

    public string TenantId() => Draw(f => f.Internet.DomainWord().ToLowerInvariant());

    public string ClientId(string prefix) => Draw(f => $"{prefix}-{f.Random.AlphaNumeric(6)}");

    public string Secret() => Draw(f => f.Random.AlphaNumeric(32));

    public string CorrelationId() => Draw(f => f.Random.Guid().ToString());

    /// <summary>A token id shaped like the seed examples' <c>jti</c> (a 19-digit number).</summary>
    public string TokenId() => Draw(f => f.Random.Long(1_000_000_000_000_000_000, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string Opaque(int length) => Draw(f => f.Random.AlphaNumeric(length));

    /// <summary>A random (version 4, RFC 9562 §5.4) UUID drawn from the seed: its version and variant bits say so.</summary>
    public Guid Uuid() => Draw(f =>
    {
        var bytes = f.Random.Bytes(16);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    });

    public int Between(int min, int max) => Draw(f => f.Random.Number(min, max));

    private T Draw<T>(Func<Faker, T> draw)
    {
        lock (_gate) return draw(_faker);
    }
}
