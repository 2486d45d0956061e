using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace Harness.MockServer.Oidc;

/// <summary>
/// An RSA key made from the run's seed, so <c>--seed</c> reproduces the realm's public key and, PKCS#1 v1.5
/// signatures being deterministic, every RS256 token value. The platform only generates keys from its own random
/// source; this searches for the two primes in a SHA-256 counter stream of the seed instead (a sieve of the small primes,
/// then Miller–Rabin with fixed witnesses). A mock's key needs to be valid, not secret: it signs test tokens.
/// </summary>
internal static class SeededRsaKey
{
    private static readonly int[] SmallPrimes = [.. Enumerable.Range(3, 20000).Where(IsSmallPrime)];
    private static readonly BigInteger Exponent = 65537;

    public static RSAParameters Generate(ReadOnlySpan<byte> seed, int bits = 2048)
    {
        var stream = new SeedStream(seed);
        while (true)
        {
            var p = Prime(stream, bits / 2);
            var q = Prime(stream, bits / 2);
            if (p == q) continue;
            if (p < q) (p, q) = (q, p);
            var n = p * q;
            if (n.GetBitLength() != bits) continue;
            var d = Inverse(Exponent, (p - 1) * (q - 1));
            var half = bits / 16;
            return new RSAParameters
            {
                Modulus = Bytes(n, bits / 8), Exponent = Bytes(Exponent, 3), D = Bytes(d, bits / 8),
                P = Bytes(p, half), Q = Bytes(q, half), DP = Bytes(d % (p - 1), half), DQ = Bytes(d % (q - 1), half),
                InverseQ = Bytes(Inverse(q, p), half),
            };
        }
    }

    private static BigInteger Prime(SeedStream stream, int bits)
    {
        var bytes = new byte[bits / 8];
        stream.Fill(bytes);
        bytes[0] |= 0xC0; // the two top bits: the product of two such primes has the full length
        bytes[^1] |= 1;
        var start = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        // An incremental sieve: the start's remainders by the small primes are taken once, then stepped in ints, so
        // only the candidates no small prime divides cost a modular exponentiation.
        var residues = new int[SmallPrimes.Length];
        for (var i = 0; i < SmallPrimes.Length; i++) residues[i] = (int)(start % SmallPrimes[i]);
        for (var offset = 0; ; offset += 2)
        {
            var divisible = false;
            for (var i = 0; i < SmallPrimes.Length && !divisible; i++) divisible = (residues[i] + offset) % SmallPrimes[i] == 0;
            if (divisible) continue;
            var candidate = start + offset;
            if (IsProbablePrime(candidate) && BigInteger.GreatestCommonDivisor(candidate - 1, Exponent).IsOne) return candidate;
        }
    }

    private static bool IsProbablePrime(BigInteger n)
    {
        var d = n - 1;
        var s = 0;
        while (d.IsEven)
        {
            d >>= 1;
            s++;
        }
        // Fixed witnesses, few of them: the candidates come from a hash stream, not from an adversary, and for random
        // 1024-bit candidates five rounds already leave an error below 2^-100 (FIPS 186-4, table C.2 gives 5 as well).
        foreach (var witness in SmallPrimes.Take(6))
        {
            var x = BigInteger.ModPow(witness, d, n);
            if (x.IsOne || x == n - 1) continue;
            var composite = true;
            for (var r = 1; r < s && composite; r++)
            {
                x = BigInteger.ModPow(x, 2, n);
                if (x == n - 1) composite = false;
            }
            if (composite) return false;
        }
        return true;
    }

    private static BigInteger Inverse(BigInteger a, BigInteger m)
    {
        var (oldR, r) = (a % m, m);
        var (oldS, s2) = (BigInteger.One, BigInteger.Zero);
        while (!r.IsZero)
        {
            var quotient = oldR / r;
            (oldR, r) = (r, oldR - quotient * r);
            (oldS, s2) = (s2, oldS - quotient * s2);
        }
        return (oldS % m + m) % m;
    }

    private static byte[] Bytes(BigInteger value, int length)
    {
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (raw.Length == length) return raw;
        var padded = new byte[length];
        raw.CopyTo(padded, length - raw.Length);
        return padded;
    }

    private static bool IsSmallPrime(int n)
    {
        for (var i = 2; i * i <= n; i++)
            if (n % i == 0) return false;
        return true;
    }

    /// <summary>SHA-256(seed ‖ counter), block after block.</summary>
    private sealed class SeedStream(ReadOnlySpan<byte> seed)
    {
        private readonly byte[] _input = [.. seed, 0, 0, 0, 0];
        private uint _counter;

        public void Fill(Span<byte> target)
        {
            Span<byte> block = stackalloc byte[SHA256.HashSizeInBytes];
            for (var offset = 0; offset < target.Length; offset += block.Length)
            {
                BinaryPrimitives.WriteUInt32BigEndian(_input.AsSpan(_input.Length - 4), _counter++);
                SHA256.HashData(_input, block);
                block[..Math.Min(block.Length, target.Length - offset)].CopyTo(target[offset..]);
            }
        }
    }
}
