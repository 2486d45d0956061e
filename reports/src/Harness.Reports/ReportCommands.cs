using Harness.Scenarios.Redaction;

namespace Harness.Reports;

/// <summary>
/// The report verbs the product CLI exposes. Each returns a process exit code and reports problems as one
/// plain sentence (path and what is wrong), never a stack trace: these run in CI logs read by people.
/// </summary>
public static class ReportCommands
{
    public const int Success = 0;

    /// <summary>Compare found a check failing that did not fail before.</summary>
    public const int NewFailures = 1;

    /// <summary>An input file was missing or not a valid report, or the output could not be written.</summary>
    public const int InvalidInput = 2;

    /// <summary>Prints what changed between two report.json files as a plain-text table.</summary>
    /// <returns>1 when something newly fails (a regression, or an added check that fails), 2 on unusable input, else 0.</returns>
    public static int Compare(string beforeJsonPath, string afterJsonPath, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            var before = JsonReportReader.ReadFile(beforeJsonPath);
            var after = JsonReportReader.ReadFile(afterJsonPath);
            var comparison = RunComparison.Compare(before, after);
            new ComparisonWriter(new Redactor()).WriteText(comparison, output);
            return comparison.HasNewFailures ? NewFailures : Success;
        }
        catch (ReportFormatException ex)
        {
            return Fail(output, ex.Message);
        }
    }

    /// <summary>Re-renders junit.xml and report.html from a report.json into <paramref name="outFolder"/>.</summary>
    public static int Render(string reportJsonPath, string outFolder) => Render(reportJsonPath, outFolder, Console.Out);

    /// <inheritdoc cref="Render(string, string)"/>
    /// <param name="output">Receives the paths written, or the error.</param>
    public static int Render(string reportJsonPath, string outFolder, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        RunReport report;
        try
        {
            report = JsonReportReader.ReadFile(reportJsonPath);
        }
        catch (ReportFormatException ex)
        {
            return Fail(output, ex.Message);
        }
        try
        {
            var written = ReportSet.Write(report, outFolder, [new JUnitXmlWriter(), new HtmlReportWriter()]);
            foreach (var path in written) output.WriteLine($"wrote {path}");
            return Success;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Fail(output, $"{outFolder}: cannot write the report there ({ex.Message})");
        }
    }

    private static int Fail(TextWriter output, string message)
    {
        output.WriteLine("error: " + message);
        return InvalidInput;
    }
}
