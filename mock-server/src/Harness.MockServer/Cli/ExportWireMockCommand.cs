using Harness.MockServer.Hosting;
using Harness.MockServer.WireMock;
using Harness.Scenarios.Loading;

namespace Harness.MockServer.Cli;

/// <summary>
/// <c>export-wiremock --out DIR [--scenarios DIR]</c>: writes the stateless part of every contract as WireMock
/// stub mappings under <c>DIR/mappings</c>, ready for <c>java -jar wiremock-standalone.jar --root-dir DIR</c>.
/// </summary>
internal static class ExportWireMockCommand
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
            error.WriteLine($"export-wiremock: {e.Message}");
            return ExitCodes.UsageError;
        }
        if (!Directory.Exists(folder))
        {
            error.WriteLine($"export-wiremock: scenario folder '{folder}' does not exist");
            return ExitCodes.UsageError;
        }

        var (contracts, diagnostics) = ScenarioLoader.TryLoad(folder);
        foreach (var diagnostic in diagnostics) error.WriteLine(diagnostic);
        if (contracts is null || diagnostics.Count > 0)
        {
            error.WriteLine($"export-wiremock: the scenario files have {diagnostics.Count} problem(s); run `{ProgramName.Current} lint {folder}`");
            return ExitCodes.UsageError;
        }

        WireMockExport export;
        try
        {
            export = WireMockExporter.Export(contracts, outDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"export-wiremock: cannot write to {outDirectory}: {e.Message}");
            return ExitCodes.UsageError;
        }

        output.WriteLine($"export-wiremock: {export.Stubs.Count} WireMock stub mappings from {folder}");
        foreach (var operation in contracts.Operations)
        {
            var stubs = export.Stubs.Where(s => ReferenceEquals(s.Operation, operation)).ToList();
            var count = (StubTrigger trigger) => stubs.Count(s => s.Trigger == trigger);
            output.WriteLine($"  {operation.QualifiedId,-28} {operation.Method,-6} {operation.Path,-50} {stubs.Count,3} mappings " +
                             $"({count(StubTrigger.Forced)} forced, {count(StubTrigger.Natural)} natural, {count(StubTrigger.Success)} success)");
            // Outcomes the request alone does not show (token state, accounts, transport): WireMock reaches them only through the
            // force headers, a status in one and the condition in the other: "401 + token-expired", never "Force-Status: token-expired".
            var forcedOnly = operation.Outcomes
                .Where(o => stubs.All(s => !ReferenceEquals(s.Outcome, o) || s.Trigger == StubTrigger.Forced))
                .Select(o => $"{o.Status} + {KebabName.Of(o.When)}").Distinct().ToList();
            if (forcedOnly.Count > 0)
                output.WriteLine($"  {"",-28} only forced ({Engine.MockEngine.ForceStatusHeader} + {Engine.MockEngine.ForceConditionHeader}): {string.Join(", ", forcedOnly)}");
        }
        if (export.StaleFilesRemoved > 0)
            output.WriteLine($"  replaced {export.StaleFilesRemoved} mapping(s) of an earlier export");
        output.WriteLine($"wrote {export.MappingsDirectory}");
        output.WriteLine($"serve them: java -jar wiremock-standalone-3.13.2.jar --root-dir {export.RootDirectory} --port 8080");
        return ExitCodes.Success;
    }
}
