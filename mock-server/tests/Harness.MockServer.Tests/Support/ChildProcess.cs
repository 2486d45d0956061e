using System.Diagnostics;

namespace Harness.MockServer.Tests.Support;

/// <summary>Servers the tests start as processes (the WireMock jar, the published mock) are stopped the same way.</summary>
public static class ChildProcess
{
    /// <summary>Kills the process and what it started, waits up to ten seconds for it to go, and disposes it.</summary>
    public static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await process.WaitForExitAsync(wait.Token);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // already gone, or would not die in time: nothing more to do from here
        }
        process.Dispose();
    }
}
