using Harness.MockServer.Hosting;

namespace Harness.MockServer.Cli;

/// <summary>What the console says about the contracts: where they came from at start-up, then each reload or refusal.</summary>
internal static class ContractReport
{
    public static void Attach(IRunningMock server, TextWriter output, TextWriter error)
    {
        var status = server.Served.Status.Current;
        output.WriteLine(status.Source == EmbeddedContracts.Source
            ? $"  contracts            embedded in the program (--scenarios DIR or ${MockServerOptions.ScenariosVariable} to serve a folder)"
            : status.Watching
                ? $"  contracts            {status.Source} (watched: a change is served once it lints clean; --no-watch to stop)"
                : $"  contracts            {status.Source}");
        server.Served.ContractsReloaded += (_, e) =>
            output.WriteLine($"{ProgramName.Current}: scenario files changed: serving version {e.Version} ({e.Contracts.Apis.Count} APIs); sessions, forced outcomes and faults cleared, clock and journal kept");
        server.Served.ContractsRefused += (_, e) =>
        {
            foreach (var problem in e.Problems) error.WriteLine(problem);
            error.WriteLine($"{ProgramName.Current}: scenario files changed with {e.Problems.Count} problem(s): still serving version {e.ServingVersion}, the last valid one");
        };
    }
}
