using System.Diagnostics;
using Harness.MockServer.Control;
using Harness.MockServer.Defects;
using Harness.MockServer.Hosting;
using Harness.Scenarios.Loading;

namespace Harness.MockServer.Cli;

/// <summary>Starts the mock in the foreground and prints where each API is.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(MockServerOptions options, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var started = Stopwatch.GetTimestamp();
        HarnessMock server;
        try
        {
            server = await HarnessMock.StartAsync(options, cancel);
        }
        catch (ScenarioLoadException e)
        {
            foreach (var diagnostic in e.Diagnostics) error.WriteLine(diagnostic);
            error.WriteLine($"{ProgramName.Current}: the scenario files have {e.Diagnostics.Count} problem(s); run `{ProgramName.Current} lint {options.ResolveScenarioFolder()}`");
            return 2;
        }
        catch (Exception e) when (e is ArgumentException or DirectoryNotFoundException or IOException)
        {
            error.WriteLine($"{ProgramName.Current}: {e.Message}");
            return 2;
        }

        await using (server)
        {
            var root = server.BaseAddress.ToString().TrimEnd('/');
            output.WriteLine($"Refresh Harness mock server listening on {root} (seed {options.Seed})");
            foreach (var api in server.Contracts.Apis)
            {
                output.WriteLine($"  {api.Id,-20} {api.Title}");
                foreach (var operation in api.Operations)
                    output.WriteLine($"    {operation.Method,-6} {root}{operation.Path}   ({string.Join(", ", operation.Outcomes.Select(o => o.Status).Distinct())})");
            }
            output.WriteLine($"  dashboard            {root}{ControlApi.Prefix}/dashboard");
            output.WriteLine($"  demo frontend        {root}{ControlApi.Prefix}/demo");
            output.WriteLine($"  control API          {root}{ControlApi.Prefix}");
            if (options.Defects.Count > 0)
                output.WriteLine($"  DEFECTS ON PURPOSE:  {string.Join(", ", options.Defects.Select(d => DefectCatalog.Info(d).Name))}");
            output.WriteLine($"ready in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms; Ctrl+C stops it");
            await server.WaitForShutdownAsync(cancel);
        }
        return 0;
    }
}
