using Harness.Scenarios.Redaction;

namespace Harness.Reports;

/// <summary>Writes the standard report folder: report.json, junit.xml and report.html.</summary>
public static class ReportSet
{
    /// <returns>The full paths written, in the order json, junit, html.</returns>
    public static IReadOnlyList<string> WriteAll(RunReport report, string folder, Redactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        IReportWriter[] writers = [new JsonReportWriter(redactor), new JUnitXmlWriter(redactor), new HtmlReportWriter(redactor)];
        return Write(report, folder, writers);
    }

    internal static IReadOnlyList<string> Write(RunReport report, string folder, IEnumerable<IReportWriter> writers)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var writer in writers)
        {
            var path = Path.GetFullPath(Path.Combine(folder, writer.FileName));
            // Written beside the target and moved into place, so a crash never leaves a half-written report
            // where CI or a reader expects a whole one.
            var partial = path + ".partial";
            try
            {
                using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
                    writer.Write(report, stream);
                File.Move(partial, path, overwrite: true);
            }
            catch
            {
                File.Delete(partial);
                throw;
            }
            written.Add(path);
        }
        return written;
    }
}
