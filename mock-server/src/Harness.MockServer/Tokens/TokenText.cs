using System.Text;

namespace Harness.MockServer.Tokens;

/// <summary>
/// A token as the minter wrote it: the bytes of its compact serialization, which go into the answer as they
/// are. The text is made from them only when something asks for it, so a refresh answer does not build two
/// strings of a kilobyte each just to encode them back to bytes.
/// </summary>
internal sealed class TokenText
{
    private string? _text;

    public TokenText(byte[] utf8) => Utf8 = utf8;

    public TokenText(string text)
    {
        _text = text;
        Utf8 = Encoding.UTF8.GetBytes(text);
    }

    public byte[] Utf8 { get; }

    public string Text => _text ??= Encoding.UTF8.GetString(Utf8);

    public override string ToString() => Text;
}
