using System.Globalization;
using System.Text;
using System.Xml;

namespace Harness.Reports;

/// <summary>
/// XML 1.0 cannot carry some characters (NUL, most C0 controls, lone surrogates) even escaped, and a server under
/// test may well send them. They are spelled out as \uXXXX so the file stays valid and the evidence stays visible.
/// </summary>
internal static class XmlSafeText
{
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        if (IsClean(text)) return text;
        var result = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                result.Append(c);
            }
            else
            {
                result.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }
        return result.ToString();
    }

    private static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            return false;
        }
        return true;
    }
}
