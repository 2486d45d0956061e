using System.Security.Cryptography;
using Harness.MockServer.Oidc;

namespace Harness.MockServer.Tests;

/// <summary>The realm's P-256 key is made from the seed: the same seed, the same valid key; another seed, another key.</summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class SeededEcKeyTests
{
    [Test]
    public void Create_SameSeed_SameKeyThatSignsAndVerifies()
    {
        using var one = SeededEcKey.Create([1, 2, 3]);
        using var again = SeededEcKey.Create([1, 2, 3]);
        using var other = SeededEcKey.Create([1, 2, 4]);
        var point = one.ExportParameters(includePrivateParameters: false);

        again.ExportParameters(false).Q.X.Should().Equal(point.Q.X);
        other.ExportParameters(false).Q.X.Should().NotEqual(point.Q.X);
        var signature = one.SignData("signed"u8.ToArray(), HashAlgorithmName.SHA256);
        using var verifier = ECDsa.Create(point);
        verifier.VerifyData("signed"u8.ToArray(), signature, HashAlgorithmName.SHA256).Should().BeTrue();
    }
}
