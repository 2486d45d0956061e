using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Harness.MockServer.Load;

/// <summary>
/// The mock's control API (<c>/__harness</c>) as the run uses it. Its requests are not journaled, so the
/// run can read and steer the mock without disturbing the counters it compares afterwards.
/// </summary>
internal sealed class HarnessControl(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async Task ResetAsync(CancellationToken cancellation)
    {
        using var reset = await _http.PostAsync("__harness/reset", Json(new JsonObject()), cancellation);
        reset.EnsureSuccessStatusCode();
    }

    /// <summary>The values a client needs to be accepted: client id, secret, session token, tenant ...</summary>
    public async Task<Dictionary<string, string>> TargetAsync(CancellationToken cancellation) =>
        JsonNode.Parse(await _http.GetStringAsync("__harness/target", cancellation))!.AsObject()
            .ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());

    public async Task SetFaultAsync(string operation, JsonObject fault, CancellationToken cancellation)
    {
        using var set = await _http.PostAsync($"__harness/operations/{operation}/fault", Json(fault), cancellation);
        if (!set.IsSuccessStatusCode)
            throw new InvalidOperationException($"setting a fault failed: {(int)set.StatusCode} {await set.Content.ReadAsStringAsync(cancellation)}");
    }

    public async Task ClearFaultAsync(string operation, CancellationToken cancellation)
    {
        using var cleared = await _http.DeleteAsync($"__harness/operations/{operation}/fault", cancellation);
    }

    /// <summary>Whether any fault still waits for a request to take it.</summary>
    public async Task<bool> AnyFaultPendingAsync(CancellationToken cancellation) => (await FaultsAsync(cancellation)).Count > 0;

    /// <summary>Faults not yet taken, by kind (<c>server-error</c>, <c>drop-connection</c> ...); one without a count counts once.</summary>
    public async Task<Dictionary<string, long>> RemainingFaultsAsync(CancellationToken cancellation) =>
        (await FaultsAsync(cancellation)).GroupBy(f => f!["kind"]!.GetValue<string>())
            .ToDictionary(g => g.Key, g => g.Sum(f => (long)(f!["remaining"]?.GetValue<int>() ?? 1)));

    /// <summary>The journal's counters: every API request served, and how many got each status (0 = dropped).</summary>
    public async Task<JournalCounters> JournalAsync(CancellationToken cancellation)
    {
        var state = await StateAsync(cancellation);
        return new JournalCounters(
            state["served"]!.GetValue<long>(),
            state["byStatus"]!.AsObject().ToDictionary(kv => int.Parse(kv.Key, CultureInfo.InvariantCulture), kv => kv.Value!.GetValue<long>()));
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonArray> FaultsAsync(CancellationToken cancellation) => (await StateAsync(cancellation))["faults"]!.AsArray();

    private async Task<JsonNode> StateAsync(CancellationToken cancellation) =>
        JsonNode.Parse(await _http.GetStringAsync("__harness/state", cancellation))!;

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
