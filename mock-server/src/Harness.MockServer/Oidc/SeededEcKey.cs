using System.Numerics;
using System.Security.Cryptography;

namespace Harness.MockServer.Oidc;

/// <summary>
/// A P-256 key made from the run's seed, as <see cref="SeededRsaKey"/> makes the RSA key: the private scalar is
/// SHA-256 of the seed, brought into [1, n−1], and the platform works out the public point from it. So <c>--seed</c>
/// reproduces the ES256 key the realm publishes (ECDSA signatures themselves are randomized, unlike PKCS#1 v1.5).
/// </summary>
public static class SeededEcKey
{
    /// <summary>The order of P-256's base point (FIPS 186-4, D.1.2.3).</summary>
    private static readonly BigInteger Order = BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);

    public static ECDsa Create(ReadOnlySpan<byte> seed)
    {
        var scalar = new BigInteger(SHA256.HashData(seed), isUnsigned: true, isBigEndian: true) % (Order - 1) + 1;
        var d = new byte[32];
        var raw = scalar.ToByteArray(isUnsigned: true, isBigEndian: true);
        raw.CopyTo(d, d.Length - raw.Length);
        var key = ECDsa.Create();
        key.ImportParameters(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
        return key;
    }
}
