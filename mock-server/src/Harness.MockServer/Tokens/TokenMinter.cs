using System.Text.Json.Nodes;
using System.Buffers;
using System.Collections.Concurrent;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Harness.Scenarios.Fakes;
using Harness.Scenarios.Model;
using Microsoft.IdentityModel.Tokens;

namespace Harness.MockServer.Tokens;

/// <summary>
/// Signs tokens with one HS256 key made from the run's seed (so <c>--seed</c> reproduces token values),
/// like the seed examples (kid, alg HS256, typ JWT); a realm whose contract says <c>oidc: signing: RS256</c> gets RS256
/// access tokens from an RSA key made from the same seed, whose public half is published (<c>/__harness/keys</c>, the realm's certs).
/// </summary>
/// <remarks>
/// A compact JWS is written here directly — the fixed header encoded once, the claims written as UTF-8 JSON
/// straight from the policy's compiled <see cref="ClaimTemplate"/>, one HMAC-SHA256 (keyed once, reused) over a pooled buffer —
/// rather than through <c>JsonWebTokenHandler</c>, which serialized a claims dictionary, allocated a signature
/// provider (a finalizable HMAC handle) per token and cost most of a refresh. The bytes are the same: header
/// <c>{"alg":"HS256","kid":"…","typ":"JWT"}</c>, the claims as System.Text.Json writes them, base64url without padding.
/// </remarks>
internal sealed class TokenMinter
{
    private const int SignatureChars = 43; // base64url of 32 bytes, unpadded
    private const int RsaKeyBits = 2048;
    private const int RsaSignatureChars = 342; // base64url of 256 bytes, unpadded

    private readonly Lazy<RSA> _rsa;
    private readonly Lazy<ECDsa> _ec;
    private readonly Lazy<byte[]> _rsHeaderSegment;

    private readonly byte[] _keyBytes;
    private readonly byte[] _headerSegment; // base64url(header) + '.'
    private readonly Lazy<SymmetricSecurityKey> _key;
    // HMAC instances keyed once and reused: the one-shot HMACSHA256.HashData sets the key up on every call,
    // which cost about as much as hashing the token itself. A bag hands each thread its own instance back.
    private readonly ConcurrentBag<IncrementalHash> _macs = [];

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_payload;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    public TokenMinter(HarnessFaker faker)
    {
        _keyBytes = Encoding.UTF8.GetBytes(faker.Opaque(48));
        KeyId = faker.Between(100000, 999999).ToString(CultureInfo.InvariantCulture);
        // The header JsonWebTokenHandler wrote for these credentials (the kid is digits: nothing to escape).
        var header = Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"kid\":\"" + KeyId + "\",\"typ\":\"JWT\"}");
        _headerSegment = Encoding.ASCII.GetBytes(Base64Url.EncodeToString(header) + ".");
        var keyBytes = _keyBytes;
        var kid = KeyId;
        // Only the keys endpoint needs the IdentityModel key object; building it lazily keeps IdentityModel off start-up.
        _key = new Lazy<SymmetricSecurityKey>(() => new SymmetricSecurityKey(keyBytes) { KeyId = kid });
        // The RSA key comes from the HMAC key (itself from the seed), so it draws nothing more from the faker. Its prime
        // search costs a few hundred milliseconds, paid by the first RS256 token or keys request, not by start-up.
        _rsa = new Lazy<RSA>(() =>
        {
            var rsa = RSA.Create();
            rsa.ImportParameters(Oidc.SeededRsaKey.Generate(SHA256.HashData([.. keyBytes, .. "rs256"u8]), RsaKeyBits));
            return rsa;
        });
        // The P-256 key comes from the same seed bytes; it is published beside the RSA key (no token is signed with it yet).
        _ec = new Lazy<ECDsa>(() => Oidc.SeededEcKey.Create([.. keyBytes, .. "es256"u8]));
        _rsHeaderSegment = new Lazy<byte[]>(() => Encoding.ASCII.GetBytes(
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes("{\"alg\":\"RS256\",\"kid\":\"rsa-" + kid + "\",\"typ\":\"JWT\"}")) + "."));
    }

    public string KeyId { get; }

    public SymmetricSecurityKey Key => _key.Value;

    /// <summary>Mints one token whose claims the compiled template writes.</summary>
    public TokenText Mint(ClaimTemplate claims, TokenFamily family, TokenKind kind, string jti, long iat, long exp) =>
        Mint(claims, family, kind, jti, iat, exp, out _);

    /// <summary>Mints one token and hands back the key of its signature, without parsing it out of the text again.</summary>
    public TokenText Mint(ClaimTemplate claims, TokenFamily family, TokenKind kind, string jti, long iat, long exp, out SignatureKey key, string? scope = null) =>
        Mint(claims, family, kind, jti, iat, exp, out key, SigningAlgorithm.HS256, scope);

    /// <summary>
    /// Mints one token signed as its realm's contract says. An RS256 token is remembered by the HMAC of its signed
    /// part (what its HS256 twin's signature would be), so the store keeps one kind of key for both.
    /// </summary>
    public TokenText Mint(ClaimTemplate claims, TokenFamily family, TokenKind kind, string jti, long iat, long exp, out SignatureKey key, SigningAlgorithm algorithm, string? scope = null, ClaimPatch? patch = null)
    {
        var payload = t_payload ??= new ArrayBufferWriter<byte>(1024);
        payload.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(payload);
        writer.Reset(payload);
        claims.Write(writer, family, kind, jti, iat, exp, scope);
        writer.Flush();
        // A run-time claims override is merged before signing: the signature, and so the store's key, cover it.
        var json = patch is null ? payload.WrittenSpan : Patched(payload.WrittenSpan, patch);
        return Sign(json, algorithm, out key);
    }

    /// <summary>The template's claims with the patch's members added or replacing theirs (the slow path: only when an override is in force).</summary>
    private static byte[] Patched(ReadOnlySpan<byte> claimsJson, ClaimPatch patch)
    {
        var claims = JsonNode.Parse(claimsJson)!.AsObject();
        foreach (var (name, value) in patch.Claims) claims[name] = value?.DeepClone();
        return Encoding.UTF8.GetBytes(claims.ToJsonString());
    }

    /// <summary>An RS256 token of any claims (the ID token), not remembered by the store.</summary>
    public string SignRs256(ReadOnlySpan<byte> payloadJson) => Sign(payloadJson, SigningAlgorithm.RS256, out _).Text;

    /// <summary>
    /// header.payload.signature, in one buffer. Either way the store remembers the token by the HMAC of its signed part
    /// (<see cref="Signed"/>); an HS256 token carries that HMAC as its signature, an RS256 one the RSA signature.
    /// </summary>
    private TokenText Sign(ReadOnlySpan<byte> payloadJson, SigningAlgorithm algorithm, out SignatureKey key)
    {
        var rs256 = algorithm == SigningAlgorithm.RS256;
        var header = rs256 ? _rsHeaderSegment.Value : _headerSegment;
        var signatureChars = rs256 ? RsaSignatureChars : SignatureChars;
        var payloadChars = Base64Url.GetEncodedLength(payloadJson.Length);
        var signed = header.Length + payloadChars;
        var total = signed + 1 + signatureChars;
        var buffer = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            header.CopyTo(buffer, 0);
            Base64Url.EncodeToUtf8(payloadJson, buffer.AsSpan(header.Length, payloadChars));
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            key = Mac(buffer.AsSpan(0, signed), mac);
            buffer[signed] = (byte)'.';
            if (rs256)
            {
                Span<byte> signature = stackalloc byte[RsaKeyBits / 8];
                _rsa.Value.SignData(buffer.AsSpan(0, signed), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                Base64Url.EncodeToUtf8(signature, buffer.AsSpan(signed + 1, signatureChars));
            }
            else Base64Url.EncodeToUtf8(mac, buffer.AsSpan(signed + 1, signatureChars));
            return new TokenText(buffer.AsSpan(0, total).ToArray());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Whether <paramref name="token"/>'s header and payload are exactly the bytes the mock signed into <paramref name="key"/>:
    /// the HMAC of its signed part, recomputed, is the signature the store remembers. Finding a token by its signature
    /// alone would accept any text that ends in one (an edited payload, <c>x.y.signature</c>); HMAC-SHA256 makes two
    /// different signed parts with one signature out of reach, so this is a byte-for-byte comparison with the token
    /// issued, without keeping a kilobyte of text per remembered token.
    /// </summary>
    public bool Signed(string token, SignatureKey key)
    {
        var signed = token.LastIndexOf('.');
        // An RS256 token is remembered by the HMAC of its signed part, and is the mock's only if its RSA signature verifies.
        if (signed > 0 && token.Length - signed - 1 == RsaSignatureChars) return TryVerifyRs256(token, out var rsaKey) && rsaKey == key;
        if (signed <= 0 || signed + 1 + SignatureChars != token.Length) return false;
        var text = token.AsSpan(0, signed);
        // The mock writes ASCII only (base64url and dots): anything else cannot be one of its tokens.
        if (!System.Text.Ascii.IsValid(text)) return false;
        var buffer = ArrayPool<byte>.Shared.Rent(signed);
        try
        {
            var written = Encoding.ASCII.GetBytes(text, buffer);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            return Mac(buffer.AsSpan(0, written), mac) == key;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private SignatureKey Mac(ReadOnlySpan<byte> signed, Span<byte> mac)
    {
        var hmac = _macs.TryTake(out var pooled) ? pooled : IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _keyBytes);
        hmac.AppendData(signed);
        hmac.GetHashAndReset(mac);
        _macs.Add(hmac);
        return SignatureKey.From(mac);
    }

    /// <summary>
    /// The key the store remembers a token by: an HS256 token's signature, or the HMAC of an RS256 token's signed
    /// part once its RSA signature verifies (so an RS256 token is found only when it is exactly one the mock signed).
    /// </summary>
    public bool TryKeyOf(string? token, out SignatureKey key)
    {
        if (SignatureKey.TryOf(token, out key)) return true;
        return TryVerifyRs256(token, out key);
    }

    /// <summary>Whether a text is an RS256 token this mock signed (any claims: the ID token too).</summary>
    public bool VerifiesRs256(string? token) => TryVerifyRs256(token, out _);

    private bool TryVerifyRs256(string? token, out SignatureKey key)
    {
        key = default;
        var (start, length) = SignatureRange(token);
        if (length != RsaSignatureChars || !System.Text.Ascii.IsValid(token.AsSpan(0, start))) return false;
        Span<byte> signature = stackalloc byte[RsaKeyBits / 8];
        if (Base64Url.DecodeFromChars(token.AsSpan(start, length), signature, out _, out var written) != OperationStatus.Done || written != signature.Length) return false;
        var signed = Encoding.ASCII.GetBytes(token!, 0, start - 1);
        if (!signed.AsSpan().StartsWith(_rsHeaderSegment.Value) || !_rsa.Value.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)) return false;
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        key = Mac(signed, mac);
        return true;
    }

    /// <summary>The kid of the realm's RSA key.</summary>
    public string RsaKeyId => "rsa-" + KeyId;

    /// <summary>The kid of the realm's P-256 key.</summary>
    public string EcKeyId => "ec-" + KeyId;

    /// <summary>
    /// The JWKS document: the public RSA key (RS256) and the public P-256 key (ES256), as a Keycloak realm publishes
    /// both. The HS256 key (AGS tokens, refresh tokens) is a secret and stays one, as a real server's would; a JWKS
    /// never carries private or symmetric key material.
    /// </summary>
    public JsonObject Jwks()
    {
        var parameters = _rsa.Value.ExportParameters(includePrivateParameters: false);
        var point = _ec.Value.ExportParameters(includePrivateParameters: false).Q;
        return new JsonObject
        {
            ["keys"] = new JsonArray(
                new JsonObject
                {
                    ["kid"] = RsaKeyId, ["kty"] = "RSA", ["alg"] = "RS256", ["use"] = "sig",
                    ["n"] = Base64Url.EncodeToString(parameters.Modulus), ["e"] = Base64Url.EncodeToString(parameters.Exponent),
                },
                new JsonObject
                {
                    ["kid"] = EcKeyId, ["kty"] = "EC", ["alg"] = "ES256", ["use"] = "sig", ["crv"] = "P-256",
                    ["x"] = Base64Url.EncodeToString(point.X), ["y"] = Base64Url.EncodeToString(point.Y),
                }),
        };
    }

    /// <summary>Where the signature segment is, without copying it; length 0 if the text is not a compact JWS.</summary>
    public static (int Start, int Length) SignatureRange(string? token)
    {
        if (string.IsNullOrEmpty(token)) return (0, 0);
        var last = token.LastIndexOf('.');
        var first = token.IndexOf('.');
        return first > 0 && last > first && last < token.Length - 1 ? (last + 1, token.Length - last - 1) : (0, 0);
    }
}
