using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Harness.MockServer.Tests.Support;

/// <summary>Reads the mock's JWTs and verifies them against the JWKS it publishes.</summary>
public static class Jwt
{
    public static JsonWebToken Read(string token) => new(token);

    public static long Exp(string token) => Read(token).GetPayloadValue<long>("exp");

    /// <summary>The payload as JSON, for comparing claims.</summary>
    public static JsonObject Payload(string token) =>
        JsonNode.Parse(Base64UrlEncoder.Decode(Read(token).EncodedPayload))!.AsObject();

    /// <summary>The keys of a JWKS document: RSA public keys (the mock publishes no symmetric key).</summary>
    public static IReadOnlyList<SecurityKey> Keys(JsonNode jwks) =>
        [.. jwks["keys"]!.AsArray().Select(k => (SecurityKey)new JsonWebKey(k!.ToJsonString()))];

    public static Task<TokenValidationResult> VerifyAsync(string token, IEnumerable<SecurityKey> keys) =>
        new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuer = false,
            ValidateAudience = false,
            // The mock's clock is virtual: lifetimes are checked against its Date header, not this machine's clock.
            ValidateLifetime = false,
        });

    /// <summary>A token with one character of its signature changed, so it no longer verifies.</summary>
    public static string Tamper(string token)
    {
        var last = token[^2];
        return token[..^2] + (last == 'A' ? 'B' : 'A') + token[^1];
    }

    public static string Describe(string token) => JsonSerializer.Serialize(Payload(token));
}
