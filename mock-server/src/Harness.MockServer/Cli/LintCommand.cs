using Harness.Scenarios.Loading;

namespace Harness.MockServer.Cli;

/// <summary><c>lint FOLDER</c>: loads a scenario folder and prints every problem as file:line:column.</summary>
internal static class LintCommand
{
    public static int Run(string folder, TextWriter output, TextWriter error)
    {
        // A folder that is not there is a mistake in the command, not a problem in the scenario files.
        if (!Directory.Exists(folder))
        {
            error.WriteLine($"lint: scenario folder '{folder}' does not exist");
            return ExitCodes.UsageError;
        }
        var (set, diagnostics) = ScenarioLoader.TryLoad(folder);
        foreach (var diagnostic in diagnostics) error.WriteLine(diagnostic);
        if (diagnostics.Count > 0)
        {
            error.WriteLine($"lint: {diagnostics.Count} problem(s) in {folder}");
            return ExitCodes.ContractFailure;
        }
        output.WriteLine($"lint: {folder} is valid: {set!.Apis.Count} APIs, {set.Operations.Count()} operations, " +
                         $"{set.Operations.Sum(o => o.Outcomes.Count)} outcomes, {set.Scenarios.Count} scenarios");
        return ExitCodes.Success;
    }
}
