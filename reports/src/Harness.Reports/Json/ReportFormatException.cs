namespace Harness.Reports;

/// <summary>A report file that cannot be used: missing, unreadable, not JSON, or not a run report.</summary>
public sealed class ReportFormatException(string path, string problem, Exception? inner = null)
    : Exception($"{path}: {problem}", inner)
{
    public string Path { get; } = path;

    public string Problem { get; } = problem;
}
