using System.Text.Json;

namespace Harness.Reports;

/// <summary>Reads report.json back, rejecting anything that is not a version-1 run report with a clear message.</summary>
public static class JsonReportReader
{
    public static RunReport ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] json;
        try
        {
            json = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var problem = ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot read the file ({ex.Message})";
            throw new ReportFormatException(path, problem, ex);
        }
        return Read(json, path);
    }

    /// <param name="json">UTF-8 JSON.</param>
    /// <param name="sourceName">Named in error messages, usually the file path.</param>
    public static RunReport Read(ReadOnlySpan<byte> json, string sourceName = "report")
    {
        CheckVersion(json, sourceName);
        RunReport? report;
        try
        {
            report = JsonSerializer.Deserialize(json, RunReportJson.RunReport);
        }
        catch (JsonException ex)
        {
            throw new ReportFormatException(sourceName, Describe(ex), ex);
        }
        if (report is null) throw new ReportFormatException(sourceName, "the file holds JSON null, not a run report");

        var problems = RunReportValidation.Problems(report).Take(5).ToList();
        if (problems.Count > 0)
            throw new ReportFormatException(sourceName, "not a valid run report: " + string.Join("; ", problems));
        return report;
    }

    public static RunReport Read(Stream json, string sourceName = "report")
    {
        ArgumentNullException.ThrowIfNull(json);
        using var buffer = new MemoryStream();
        json.CopyTo(buffer);
        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), sourceName);
    }

    // The version is checked before the shape: a report from a newer build should say "newer format",
    // not fail on whichever field happened to change first.
    private static void CheckVersion(ReadOnlySpan<byte> json, string sourceName)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new ReportFormatException(sourceName, "not valid JSON: " + Describe(ex), ex);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new ReportFormatException(sourceName, $"expected a JSON object with a run report, found {root.ValueKind.ToString().ToLowerInvariant()}");
            if (!root.TryGetProperty("schemaVersion", out var version))
                throw new ReportFormatException(sourceName, "missing \"schemaVersion\"; is this a Refresh Harness report.json?");
            if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number))
                throw new ReportFormatException(sourceName, "\"schemaVersion\" must be an integer");
            if (number != RunReport.CurrentSchemaVersion)
                throw new ReportFormatException(sourceName,
                    $"unsupported schemaVersion {number}; this build reads version {RunReport.CurrentSchemaVersion}");
        }
    }

    private static string Describe(JsonException ex)
    {
        // The serializer appends "Path: ... | LineNumber: ..." to its message; say it once, in words.
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        var where = ex.LineNumber is { } line
            ? $" at line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}"
            : "";
        var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" ({ex.Path})";
        return $"{message.TrimEnd('.')}{where}{path}";
    }
}
