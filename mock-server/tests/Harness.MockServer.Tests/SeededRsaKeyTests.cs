using System.Security.Cryptography;
using Harness.MockServer.Oidc;

namespace Harness.MockServer.Tests;

/// <summary>The realm's RSA key is made from the seed: the same seed, the same valid key; another seed, another key.</summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class SeededRsaKeyTests
{
    [Test]
    public void Generate_SameSeed_SameKeyThatSignsAndVerifies()
    {
        var one = SeededRsaKey.Generate([1, 2, 3]);
        var again = SeededRsaKey.Generate([1, 2, 3]);
        var other = SeededRsaKey.Generate([1, 2, 4]);

        again.Modulus.Should().Equal(one.Modulus);
        other.Modulus.Should().NotEqual(one.Modulus);
        one.Modulus!.Length.Should().Be(256, "2048 bits");
        using var rsa = RSA.Create();
        rsa.ImportParameters(one); // the platform checks the CRT parameters fit together
        var signature = rsa.SignData("signed"u8.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var verifier = RSA.Create();
        verifier.ImportParameters(new RSAParameters { Modulus = one.Modulus, Exponent = one.Exponent });
        verifier.VerifyData("signed"u8.ToArray(), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).Should().BeTrue();
    }
}
