using System.CommandLine;

namespace Harness.MockServer.Cli;

/// <summary>The <c>export-openapi</c> command's options, kept out of HarnessCommandLine so each command is one registration line there.</summary>
internal static class OpenApiCommandLine
{
    public static Command ExportCommand()
    {
        var output = new Option<string>("--out") { Description = "Folder to write the documents to ({api}.json per API, control.json).", Required = true, HelpName = "DIR" };
        var scenarios = new Option<string?>("--scenarios") { Description = "Scenario folder (default: the scenarios/ folder above the working directory).", HelpName = "DIR" };
        var command = new Command("export-openapi", "Write an OpenAPI 3.1 document per API (every documented status with its example body) and one for the control API.")
        {
            output, scenarios,
        };
        command.SetAction(parse => ExportOpenApiCommand.Run(parse.GetValue(output)!, parse.GetValue(scenarios), Console.Out, Console.Error));
        return command;
    }
}
