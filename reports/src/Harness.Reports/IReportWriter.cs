namespace Harness.Reports;

/// <summary>Turns a <see cref="RunReport"/> into one file format. Implementations redact before writing.</summary>
public interface IReportWriter
{
    /// <summary>The conventional file name inside a report folder, e.g. "junit.xml".</summary>
    string FileName { get; }

    void Write(RunReport report, Stream output);
}
