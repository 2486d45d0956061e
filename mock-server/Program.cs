using Harness.MockServer.Cli;
using Harness.MockServer.WireMock;

namespace Harness.Tool;

/// <summary>
/// The tool's entry point: the mock's own command line, serving on the WireMock.Net host (users' stubs, a proxy and
/// WireMock.Net's admin API beside the contract). The Native AOT program (src/Harness.MockServer.Kestrel) serves the
/// same pipeline on Kestrel alone.
/// </summary>
internal static class ToolProgram
{
    public static Task<int> Main(string[] args) => HarnessCommandLine.InvokeAsync(args, WireMockHarnessHost.StartRunningAsync);
}
