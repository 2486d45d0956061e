using System.CommandLine;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Profiles;

namespace Harness.MockServer.Cli;

/// <summary>
/// <c>profile check FILE [--scenarios DIR]</c>: reads a target profile against the scenario folder, as the suite would
/// before its first check, and prints every problem as file:line:column (unknown or unused keys, a secret written as a
/// value, an unset <c>${env:NAME}</c>, an operation or API that does not exist). Nothing is sent to the target.
/// </summary>
internal static class ProfileCheckCommand
{
    /// <summary><c>profile check FILE</c>: a target profile checked alone, every problem as file:line:column.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The target profile (YAML) to check." };
        var scenarios = new Option<string?>("--scenarios") { Description = "Scenario folder (default: the scenarios/ folder above the working directory).", HelpName = "DIR" };
        var check = new Command("check", "Check a target profile against the scenario folder and print every problem as file:line:column; nothing is sent to the target.") { file, scenarios };
        check.SetAction(parse => ProfileCheckCommand.Run(parse.GetValue(file)!, parse.GetValue(scenarios), Console.Out, Console.Error));
        return new Command("profile", "Work with conformance target profiles.") { check };
    }

    public static int Run(string file, string? scenarioFolder, TextWriter output, TextWriter error)
    {
        var folder = new Hosting.MockServerOptions { ScenarioFolder = scenarioFolder }.ResolveScenarioFolder();
        var (contracts, scenarioProblems) = ScenarioLoader.TryLoad(folder);
        if (contracts is null)
        {
            foreach (var problem in scenarioProblems) error.WriteLine(problem);
            error.WriteLine($"profile check: the scenario folder {folder} does not load (run lint)");
            return 2;
        }
        try
        {
            var profile = TargetProfile.Load(file, contracts);
            var secrets = profile.SecretVariables.Count == 0 ? "no secrets"
                : "secrets from " + string.Join(", ", profile.SecretVariables.Select(s => $"{s.Value}{(Environment.GetEnvironmentVariable(s.Value) is { Length: > 0 } ? "" : " (not set here)")}"));
            output.WriteLine($"profile check: {file} is valid: '{profile.Name}' at {profile.BaseUrl}, {string.Join(", ", profile.Apis.Order(StringComparer.Ordinal))}, " +
                             $"bootstrap {KebabName.Of(profile.Bootstrap.Kind)}, {secrets}");
            return 0;
        }
        catch (ScenarioLoadException bad)
        {
            foreach (var problem in bad.Diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column)) error.WriteLine(problem);
            error.WriteLine($"profile check: {bad.Diagnostics.Count} problem(s) in {file}");
            return 1;
        }
    }
}
