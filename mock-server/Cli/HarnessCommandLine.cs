using System.CommandLine;

namespace Harness.MockServer.Cli;

/// <summary>The product's one command-line entry point: serve (default), lint, export-wiremock.</summary>
internal static class HarnessCommandLine
{
    public static Task<int> InvokeAsync(string[] args)
    {
        var root = new RootCommand("Refresh Harness mock server: a stateful simulator of the token-refresh APIs described by the scenario files.");

        var lintFolder = new Argument<string>("folder") { Description = "The scenario folder to check.", DefaultValueFactory = _ => "scenarios" };
        var lint = new Command("lint", "Check a scenario folder and print every problem as file:line:column.") { lintFolder };
        lint.SetAction(parse => LintCommand.Run(parse.GetValue(lintFolder)!, Console.Out, Console.Error));
        root.Subcommands.Add(lint);

        return root.Parse(args).InvokeAsync();
    }
}
