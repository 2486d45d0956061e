using System.Text;

namespace Harness.Reports;

/// <summary>Builds the copy-paste curl line stored in <see cref="Exchange.Curl"/>.</summary>
public static class CurlCommand
{
    /// <summary>
    /// One line, POSIX-shell quoted. Headers come before the body so that redacting an Authorization header
    /// (which masks to the end of the line) is applied to a value the redaction layer already knows about.
    /// </summary>
    public static string From(ExchangeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var line = new StringBuilder("curl -i");
        if (!string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase) || request.Body is not null)
            line.Append(" -X ").Append(request.Method.All(char.IsAsciiLetter) ? request.Method : Quote(request.Method));
        line.Append(' ').Append(Quote(request.Url));
        foreach (var (name, value) in request.Headers)
            line.Append(" -H ").Append(Quote($"{name}: {value}"));
        if (request.Body is not null)
            line.Append(" --data-raw ").Append(Quote(request.Body));
        return line.ToString();
    }

    /// <summary>Single-quotes for a POSIX shell: nothing inside is special except the quote itself.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
