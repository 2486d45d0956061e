using Harness.MockServer.Hosting;
using Harness.MockServer.OpenApi;
using Harness.Scenarios.Loading;

namespace Harness.MockServer.Cli;

/// <summary>
/// <c>export-openapi --out DIR [--scenarios DIR]</c>: writes one OpenAPI 3.1 document per API and one for the control
/// API, the same documents the mock serves under /__harness/openapi.
/// </summary>
internal static class ExportOpenApiCommand
{
    public static int Run(string outDirectory, string? scenarioFolder, TextWriter output, TextWriter error)
    {
        string folder;
        try
        {
            folder = new MockServerOptions { ScenarioFolder = scenarioFolder }.ResolveScenarioFolder();
        }
        catch (DirectoryNotFoundException e)
        {
            error.WriteLine($"export-openapi: {e.Message}");
            return ExitCodes.UsageError;
        }
        if (!Directory.Exists(folder))
        {
            error.WriteLine($"export-openapi: scenario folder '{folder}' does not exist");
            return ExitCodes.UsageError;
        }

        var (contracts, diagnostics) = ScenarioLoader.TryLoad(folder);
        foreach (var diagnostic in diagnostics) error.WriteLine(diagnostic);
        if (contracts is null || diagnostics.Count > 0)
        {
            error.WriteLine($"export-openapi: the scenario files have {diagnostics.Count} problem(s); run `{ProgramName.Current} lint {folder}`");
            return ExitCodes.UsageError;
        }

        IReadOnlyList<string> written;
        try
        {
            written = OpenApiExporter.Export(contracts, outDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"export-openapi: cannot write to {outDirectory}: {e.Message}");
            return ExitCodes.UsageError;
        }

        output.WriteLine($"export-openapi: {written.Count} OpenAPI 3.1 documents from {folder}");
        foreach (var path in written) output.WriteLine($"  wrote {path}");
        output.WriteLine($"the mock serves the same documents at {OpenApiDocuments.PathPrefix}/{{name}}.json");
        return ExitCodes.Success;
    }
}
