using System.Diagnostics;
using Harness.MockServer.Load.Apis;

namespace Harness.MockServer.Load;

/// <summary>
/// The robustness run: connections mixing valid refreshes (with rotation), reuse attempts, malformed bodies
/// and forced answers on three rotating APIs (AGS, Software AG, Security Management) while a chaos loop
/// injects one fault at a time (5xx, dropped connection, latency); afterwards every family the client still
/// trusts is checked and the journal's counters are compared with what the client saw. Everything goes over
/// HTTP, so the same run serves an in-process mock and a running one.
/// </summary>
public static class LoadRun
{
    // Spreads the connections' seeds apart so no two connections share a sequence of choices.
    private const int SeedStride = 7919;

    /// <summary>Resets the mock at <paramref name="baseAddress"/> and runs the traffic against it.</summary>
    public static async Task<LoadReport> RunAsync(Uri baseAddress, LoadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Connections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxFamiliesChecked);

        // The requests' relative paths land under the base only when it ends with a slash.
        var root = new Uri(baseAddress.AbsoluteUri.TrimEnd('/') + "/");
        using var control = new HarnessControl(root);
        await control.ResetAsync(cancellationToken);
        var apis = RotatingApi.All(await control.TargetAsync(cancellationToken));
        var tally = new Tally();

        var stopwatch = Stopwatch.StartNew();
        var deadline = DateTime.UtcNow.Add(options.Duration);
        var connections = Enumerable.Range(0, options.Connections)
            .Select(i => new Connection(i, root, apis, tally, new Random(options.Seed * SeedStride + i))).ToList();
        try
        {
            var chaos = new ChaosLoop(control, apis, new Random(options.Seed));
            var chaosTask = chaos.RunAsync(deadline, cancellationToken);
            await Task.WhenAll(connections.Select(c => c.RunAsync(deadline, cancellationToken)));
            var loadSeconds = stopwatch.Elapsed.TotalSeconds;
            await chaosTask;

            // What the chaos loop set but nobody took was not injected; then clear every fault before the checks.
            var remaining = await control.RemainingFaultsAsync(cancellationToken);
            foreach (var api in apis) await control.ClearFaultAsync(api.FaultPath, cancellationToken);
            var loadRequests = tally.Sent;

            // The newest families of each connection come first, so a cap drops the retired ones.
            var families = connections.SelectMany(c => c.TrustedFamilies()).Take(options.MaxFamiliesChecked).ToList();
            await Task.WhenAll(families.Select((family, i) => FamilyCheck.RunAsync(family, connections[i % connections.Count].Client, tally, cancellationToken)));

            var journal = await control.JournalAsync(cancellationToken);
            var client = tally.ByStatus();
            return new LoadReport
            {
                Connections = options.Connections,
                LoadSeconds = loadSeconds,
                Requests = loadRequests,
                Refreshes = tally.Refreshes,
                ReuseChecks = tally.ReuseChecks,
                Malformed = tally.Malformed,
                Forced = tally.Forced,
                SignOns = tally.SignOns,
                Injected5xx = chaos.ServerErrors - remaining.GetValueOrDefault("server-error"),
                Seen5xx = tally.Injected5xx,
                InjectedDrops = chaos.Drops - remaining.GetValueOrDefault("drop-connection"),
                SocketErrors = tally.SocketErrors,
                InjectedLatencies = chaos.Latencies,
                Unexpected5xx = tally.Unexpected5xx,
                FamiliesChecked = families.Count,
                FamiliesConsistent = tally.ConsistentFamilies,
                FamiliesAbandoned = tally.Abandoned,
                JournalServed = journal.Served,
                ClientSent = tally.Sent,
                JournalByStatus = journal.ByStatus,
                ClientByStatus = client,
                StatusMismatches = journal.MismatchesWith(tally.Sent, client),
                CheckFailures = [.. tally.Failures],
            };
        }
        finally
        {
            foreach (var connection in connections) connection.Dispose();
        }
    }
}
