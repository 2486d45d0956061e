using System.Security.Cryptography;
using System.Text;

namespace Harness.Scenarios.Tests.Redaction;

/// <summary>Token shapes as real targets send them, made up here (pseudo-random bytes, base64url) so no test depends on a key.</summary>
internal static class PlantedTokens
{
    private static int _counter;

    public static IReadOnlyList<(string Shape, string Token)> All { get; } =
    [
        ("jws", $"{Header("{\"alg\":\"RS256\",\"typ\":\"JWT\"}")}.{Header("{\"sub\":\"u1\",\"exp\":2000000000}")}.{Random(256)}"),
        ("unsecured-jwt", $"{Header("{\"alg\":\"none\"}")}.{Header("{\"sub\":\"u1\",\"scope\":\"openid offline_access\"}")}."),
        ("jwe", $"{Header("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}")}.{Random(256)}.{Random(12)}.{Random(180)}.{Random(16)}"),
        ("jwe-dir", $"{Header("{\"alg\":\"dir\",\"enc\":\"A128CBC-HS256\"}")}..{Random(16)}.{Random(120)}.{Random(16)}"),
        ("opaque", Random(48)),
    ];

    private static string Header(string json) => Base64Url(Encoding.UTF8.GetBytes(json));

    /// <summary>Bytes that look random but are the same on every run: SHA-256 of a counter, repeated.</summary>
    private static string Random(int bytes)
    {
        var output = new List<byte>(bytes);
        while (output.Count < bytes) output.AddRange(SHA256.HashData(Encoding.UTF8.GetBytes($"planted-{++_counter}")));
        return Base64Url([.. output.Take(bytes)]);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
