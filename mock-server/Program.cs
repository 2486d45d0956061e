using Harness.MockServer.Cli;

namespace Harness.Tool;

/// <summary>The tool's entry point: the mock's own command line, so the tool does exactly what the published binary does.</summary>
internal static class ToolProgram
{
    public static Task<int> Main(string[] args) => HarnessCommandLine.InvokeAsync(args);
}
