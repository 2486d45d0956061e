namespace Harness.Reports;

/// <summary>The stylesheet and script inlined into every report (kept as real files under Html/Assets for editing).</summary>
internal static class HtmlAssets
{
    public static string Css { get; } = Load("report.css");

    public static string Script { get; } = Load("report.js");

    private static string Load(string name)
    {
        using var stream = typeof(HtmlAssets).Assembly.GetManifestResourceStream("Harness.Reports.Html." + name)
            ?? throw new InvalidOperationException($"Embedded resource Harness.Reports.Html.{name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
