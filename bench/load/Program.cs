// Robustness under load (bench/run, item 5): N connections for S seconds mixing valid refreshes with
// rotation, reuse attempts, malformed bodies and forced answers on three rotating APIs, while a chaos loop
// injects one fault at a time (5xx, dropped connection, latency) through the control API. Afterwards:
//   - zero 5xx except the injected ones, zero socket errors except the injected drops;
//   - every rotating family the client still trusts is consistent: its newest refresh token works exactly
//     once, the token it replaced is refused as reused (which revokes the family), and the new one is then refused;
//   - the journal's counters equal what the client sent and received, status by status.
// The run itself is Harness.MockServer.Load (mock-server/tests/), shared with the CI-sized RobustnessTests.
//
//   Harness.Bench.Load --url http://127.0.0.1:5080 [--connections 64] [--seconds 30] [--seed 1]
//
// Prints "LOAD key=value" lines for bench/run and exits 1 when any check fails.
using System.Globalization;
using Harness.MockServer.Load;

var url = new Uri(Arg("--url", "http://127.0.0.1:5080"));
var options = new LoadOptions
{
    Connections = int.Parse(Arg("--connections", "64"), CultureInfo.InvariantCulture),
    Duration = TimeSpan.FromSeconds(double.Parse(Arg("--seconds", "30"), CultureInfo.InvariantCulture)),
    Seed = int.Parse(Arg("--seed", "1"), CultureInfo.InvariantCulture),
};

var report = await LoadRun.RunAsync(url, options);

var statuses = string.Join(",", report.ClientByStatus.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}:{kv.Value}"));
var failures = report.Failures;
Console.WriteLine($"LOAD connections={report.Connections} seconds={report.LoadSeconds:F1} requests={report.Requests} rps={report.RequestsPerSecond:F0}");
Console.WriteLine($"LOAD refreshes={report.Refreshes} reuse_checks={report.ReuseChecks} malformed={report.Malformed} forced={report.Forced} signons={report.SignOns}");
Console.WriteLine($"LOAD injected_5xx={report.Injected5xx} seen_5xx={report.Seen5xx} injected_drops={report.InjectedDrops} socket_errors={report.SocketErrors} injected_latency={report.InjectedLatencies} unexpected_5xx={report.Unexpected5xx}");
Console.WriteLine($"LOAD families_checked={report.FamiliesChecked} families_consistent={report.FamiliesConsistent} families_abandoned={report.FamiliesAbandoned}");
Console.WriteLine($"LOAD journal_served={report.JournalServed} client_sent={report.ClientSent} journal_mismatches={report.StatusMismatches.Count}");
Console.WriteLine($"LOAD statuses={statuses}");
Console.WriteLine($"LOAD failures={failures.Count}");
foreach (var failure in failures) Console.WriteLine("LOAD failure: " + failure);
return report.Passed ? 0 : 1;

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
