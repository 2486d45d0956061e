using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;

namespace Harness.MockServer.Tokens;

/// <summary>
/// The 32 bytes of an HS256 signature: what the store remembers a token by. Kept as four numbers instead
/// of the 43-character text, a remembered token costs a fraction of the memory and no string per token.
/// A text is read as a key only when it is the exact (canonical, unpadded base64url) encoding of its
/// bytes, so exactly the signature texts the mock issued find their token, as when the text was the key.
/// </summary>
internal readonly record struct SignatureKey(ulong A, ulong B, ulong C, ulong D)
{
    public const int Bytes = 32;
    public const int Chars = 43;

    public static SignatureKey From(ReadOnlySpan<byte> mac) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(mac),
        BinaryPrimitives.ReadUInt64LittleEndian(mac[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(mac[16..]),
        BinaryPrimitives.ReadUInt64LittleEndian(mac[24..]));

    /// <summary>The key of a token's signature segment; false when the text cannot be a signature the mock issued.</summary>
    public static bool TryParse(ReadOnlySpan<char> signature, out SignatureKey key)
    {
        key = default;
        if (signature.Length != Chars) return false;
        Span<byte> mac = stackalloc byte[Bytes];
        if (Base64Url.DecodeFromChars(signature, mac, out _, out var written) != OperationStatus.Done || written != Bytes) return false;
        Span<char> canonical = stackalloc char[Chars];
        if (Base64Url.EncodeToChars(mac, canonical) != Chars || !canonical.SequenceEqual(signature)) return false;
        key = From(mac);
        return true;
    }

    /// <summary>The key of a compact JWS; false when the text is not one, or its signature is not one the mock could have issued.</summary>
    public static bool TryOf(string? token, out SignatureKey key)
    {
        var (start, length) = TokenMinter.SignatureRange(token);
        if (length == 0)
        {
            key = default;
            return false;
        }
        return TryParse(token.AsSpan(start, length), out key);
    }
}
