using System.Text;

namespace Harness.Scenarios.Loading;

/// <summary>Maps C# enum members to the kebab-case words the scenario files use ("TokenExpired" ⇄ "token-expired").</summary>
public static class KebabName
{
    public static string Of<T>(T value) where T : struct, Enum => Of(value.ToString());

    public static string Of(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c) && i > 0) builder.Append('-');
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    public static bool TryParse<T>(string text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (Of(candidate) == text)
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static string List<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(v => Of(v)));
}
