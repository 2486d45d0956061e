using System.Text.Json;
using Harness.Scenarios.Fakes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Harness.MockServer.Tokens;

/// <summary>
/// Signs tokens with one HS256 key made from the run's seed (so <c>--seed</c> reproduces token values),
/// like the seed examples (kid, alg HS256, typ JWT). The key is published at <c>/__harness/keys</c>:
/// this is a mock, and a frontend that verifies signatures needs it.
/// </summary>
public sealed class TokenMinter
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _credentials;

    public TokenMinter(HarnessFaker faker)
    {
        var keyBytes = System.Text.Encoding.UTF8.GetBytes(faker.Opaque(48));
        Key = new SymmetricSecurityKey(keyBytes) { KeyId = faker.Between(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        _credentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256);
    }

    public SymmetricSecurityKey Key { get; }

    public string Mint(IReadOnlyDictionary<string, object?> claims) =>
        _handler.CreateToken(JsonSerializer.Serialize(claims), _credentials);

    /// <summary>The JWKS document with the signing key.</summary>
    public object Jwks()
    {
        var jwk = JsonWebKeyConverter.ConvertFromSymmetricSecurityKey(Key);
        return new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, alg = SecurityAlgorithms.HmacSha256, use = "sig", k = jwk.K } } };
    }

    /// <summary>The signature segment, by which issued tokens are remembered; null if the text is not a compact JWS.</summary>
    public static string? SignatureOf(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        var last = token.LastIndexOf('.');
        var first = token.IndexOf('.');
        return first > 0 && last > first && last < token.Length - 1 ? token[(last + 1)..] : null;
    }
}
