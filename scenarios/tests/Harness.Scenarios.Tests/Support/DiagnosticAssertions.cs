using FluentAssertions.Execution;
using Harness.Scenarios.Loading;

namespace Harness.Scenarios.Tests.Support;

internal static class DiagnosticAssertions
{
    /// <summary>Every diagnostic on its own line, for failure messages.</summary>
    public static string Listing(IEnumerable<Diagnostic> diagnostics) =>
        Environment.NewLine + string.Join(Environment.NewLine, diagnostics.Select(d => "  " + d));

    /// <summary>
    /// Asserts a diagnostic's place and message: its file ends with <paramref name="fileSuffix"/> (forward slashes),
    /// its line and column are exactly those given, and its message contains <paramref name="fragment"/>.
    /// </summary>
    public static void ShouldBeAt(this Diagnostic diagnostic, string fileSuffix, int line, int column, string fragment)
    {
        using var scope = new AssertionScope();
        diagnostic.File.Replace('\\', '/').Should().EndWith(fileSuffix, "the diagnostic was {0}", diagnostic);
        diagnostic.Line.Should().Be(line, "the diagnostic was {0}", diagnostic);
        diagnostic.Column.Should().Be(column, "the diagnostic was {0}", diagnostic);
        diagnostic.Message.Should().Contain(fragment, "the diagnostic was {0}", diagnostic);
    }
}
