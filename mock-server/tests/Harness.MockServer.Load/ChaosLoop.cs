using System.Text.Json.Nodes;
using Harness.MockServer.Load.Apis;

namespace Harness.MockServer.Load;

/// <summary>
/// Sets one fault at a time on a refresh operation and waits until a request consumed it: with one fault at a
/// time, each injected 5xx and each drop can be matched one to one with what the connections saw.
/// </summary>
internal sealed class ChaosLoop(HarnessControl control, RotatingApi[] apis, Random random)
{
    public int ServerErrors { get; private set; }
    public int Drops { get; private set; }
    public int Latencies { get; private set; }

    public async Task RunAsync(DateTime deadline, CancellationToken cancellation)
    {
        // Let the connections sign on first, and stop early enough that the last fault is taken before they stop.
        await Task.Delay(200, cancellation);
        while (DateTime.UtcNow < deadline.AddMilliseconds(-500))
        {
            var api = apis[random.Next(apis.Length)];
            var roll = random.Next(100);
            var fault = roll < 45 ? new JsonObject { ["kind"] = "server-error", ["status"] = 503, ["retryAfterSeconds"] = 0, ["count"] = 1 }
                : roll < 90 ? new JsonObject { ["kind"] = "drop-connection", ["count"] = 1 }
                : new JsonObject { ["kind"] = "latency", ["latencyMs"] = 5, ["jitterMs"] = 5, ["count"] = 3 };
            await control.SetFaultAsync(api.FaultPath, fault, cancellation);
            switch (fault["kind"]!.GetValue<string>())
            {
                case "server-error": ServerErrors++; break;
                case "drop-connection": Drops++; break;
                default: Latencies++; break;
            }
            var waitUntil = DateTime.UtcNow.AddSeconds(2);
            while (DateTime.UtcNow < waitUntil && DateTime.UtcNow < deadline)
            {
                if (!await control.AnyFaultPendingAsync(cancellation)) break;
                await Task.Delay(10, cancellation);
            }
            await Task.Delay(random.Next(20, 120), cancellation);
        }
    }
}
