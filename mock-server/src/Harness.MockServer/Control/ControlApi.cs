using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Harness.MockServer.Defects;
using Harness.MockServer.Hosting;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;
using Harness.Scenarios.Redaction;

namespace Harness.MockServer.Control;

/// <summary>
/// The control API under the reserved prefix <c>/__harness</c>: reset, clock, sessions, journal, forced
/// outcomes, faults, defects, keys, and the target values a conformance run needs. Bad input gets a JSON
/// error body, never a stack trace.
/// </summary>
internal static class ControlApi
{
    public const string Prefix = "/__harness";

    /// <summary>A hundred years: far past every lifetime in the contracts, far from DateTimeOffset's end.</summary>
    public const double MaxAdvanceSeconds = 100 * 365.25 * 86_400;

    public static void MapControlApi(this IEndpointRouteBuilder app, MockState state)
    {
        var api = app.MapGroup(Prefix);
        api.MapGet("/", () => TypedResults.Json(new ControlIndex(
            "Refresh Harness mock server",
            [
                "GET /__harness/health", "POST /__harness/reset", "GET /__harness/clock", "POST /__harness/clock/advance {seconds}",
                "GET /__harness/sessions", "GET /__harness/journal?limit=N", "DELETE /__harness/journal", "GET /__harness/apis",
                "GET /__harness/target", "GET /__harness/state", "POST /__harness/operations/{api}/{operation}/force {status, count, condition, field}",
                "DELETE /__harness/operations/{api}/{operation}/force", "POST /__harness/operations/{api}/{operation}/fault {kind, latencyMs, jitterMs, status, retryAfterSeconds, count}",
                "DELETE /__harness/operations/{api}/{operation}/fault", "GET /__harness/defects", "GET /__harness/keys",
                "GET /__harness/overrides", "POST /__harness/overrides/claims {claims, user, api, count}", "POST /__harness/overrides/body {operation, field, value | remove, count}", "POST /__harness/overrides/header {operation, name, value, count}", "POST /__harness/overrides/status {operation, status, body, count}", "POST /__harness/overrides/clear {id}", "DELETE /__harness/overrides",
                "GET /__harness/dashboard", "GET /__harness/demo", "GET /__harness/contracts/status",
            ],
            [
                "state-changing calls (POST, PUT) take Content-Type: application/json and no query string; else 415 unsupported_media_type or 400 query_not_allowed",
                "a browser is answered only from the mock's own origin and --cors-origin ones; else 403 origin_not_allowed (preflights too)",
                "every path: the Host header must be localhost, 127.0.0.1, [::1] or the bound address with the mock's port, or a --host-name; else 421 unknown_host",
                "with --control-token (required by --allow-remote): Authorization: Bearer <token> or X-Harness-Control-Token: <token>; else 401 control_token_required",
                "X-Harness-Force-* headers on API calls are honoured from non-browser clients and from origins allowed here; other origins' preflights are not granted them",
                "any API request with the header X-Harness-Force-Status: <documented status> (+ X-Harness-Force-Condition: <condition, e.g. token-expired>, X-Harness-Force-Field: <field>): that outcome for this request only, answered with X-Harness-Forced-Condition",
            ]), ControlJson.Default.ControlIndex));
        api.MapGet("/health", () => TypedResults.Json(new HealthReading("ok", state.Tokens.FamilyCount, state.Journal.Total), ControlJson.Default.HealthReading));
        api.MapPost("/reset", () =>
        {
            state.Reset();
            return TypedResults.Json(new ResetDone(true), ControlJson.Default.ResetDone);
        });
        api.MapGet("/clock", () => Clock(state));
        api.MapPost("/clock/advance", async Task<IResult> (HttpContext context) =>
        {
            var (body, error) = await ReadJsonAsync(context, ControlJson.Default.ClockAdvance, new ClockAdvance(null), "{\"seconds\": 3600}");
            if (error is not null) return error;
            // The body only: a query string is refused before this handler (a link must not move the clock).
            var seconds = body.Seconds;
            if (seconds is not > 0 || !double.IsFinite(seconds.Value) || seconds > MaxAdvanceSeconds)
                return Problem(400, "invalid_seconds", $"give a positive number of seconds up to {MaxAdvanceSeconds} (100 years) in the JSON body: {{\"seconds\": 3600}}");
            if (state.Clock.GetUtcNow().AddSeconds(seconds.Value).Year > 9000)
                return Problem(400, "invalid_seconds", "the clock cannot move that far: reset it first");
            state.Clock.Advance(TimeSpan.FromSeconds(seconds.Value));
            state.Tokens.MaybeSweep();
            return Clock(state);
        });
        api.MapGet("/sessions", () =>
        {
            var now = state.Clock.UnixSeconds;
            return TypedResults.Json(state.Tokens.Families.OrderBy(f => f.StartedAt).Take(500).Select(f => new SessionView(
                Redactor.Mask(f.Id),
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(f.Id)))[..8],
                f.Realm,
                f.ClientId,
                f.Tenant,
                f.Account.Identity.AccountId,
                f.Scope,
                f.Generation,
                f.Revoked,
                f.RevokedBecause,
                RefreshExpiresIn: f.RefreshExpiresAt - now,
                SessionExpiresIn: f.FixedExpiresAt - now,
                Live: !f.Revoked && !f.IsOver(now))), ControlJson.Default.IEnumerableSessionView);
        });
        api.MapGet("/journal", (int? limit) => TypedResults.Json(state.Journal.Latest(Math.Clamp(limit ?? 100, 1, Harness.MockServer.Journal.RequestJournal.Capacity)), ControlJson.Default.IReadOnlyListJournalEntry));
        api.MapDelete("/journal", () =>
        {
            state.Journal.Clear();
            return TypedResults.Json(new JournalCleared(true), ControlJson.Default.JournalCleared);
        });
        api.MapGet("/apis", () => TypedResults.Json(state.Contracts.Apis.Select(a => new ApiView(
            a.Id,
            a.Title,
            a.Realm,
            KebabName.Of(a.ErrorShape),
            a.Operations.Select(o => new OperationView(
                o.Id,
                KebabName.Of(o.Role),
                o.Method,
                o.Path,
                o.Outcomes.Select(x => new OutcomeView(x.Status, KebabName.Of(x.When), x.Field, x.ErrorCode, x.Provenance.ToString())))))),
            ControlJson.Default.IEnumerableApiView));
        api.MapGet("/target", () => TypedResults.Json(state.World.TargetValues(), ControlJson.Default.IReadOnlyDictionaryStringString));
        api.MapGet("/state", () => TypedResults.Json(new StateView(
            ClockOf(state),
            state.Tokens.FamilyCount,
            state.Tokens.TokenCount,
            state.Journal.Total,
            state.Journal.CountsByStatus.ToDictionary(kv => kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), kv => kv.Value),
            state.Forced.Snapshot().Select(kv => new ForcedView(kv.Key, kv.Value.Outcome.Status, KebabName.Of(kv.Value.Outcome.When), kv.Value.Remaining)),
            state.Faults.Snapshot().Select(f => new FaultView(f.Operation, KebabName.Of(f.Fault.Kind), f.Fault.LatencyMs, f.Fault.JitterMs, f.Fault.Status, f.Fault.RetryAfterSeconds, f.Fault.Remaining)),
            state.Defects.Select(d => DefectCatalog.Info(d).Name)), ControlJson.Default.StateView));
        api.MapPost("/operations/{apiId}/{operationId}/force", async Task<IResult> (string apiId, string operationId, HttpContext context) =>
        {
            if (state.Contracts.Operation(apiId, operationId) is not { } operation) return UnknownOperation(state, apiId, operationId);
            var (body, error) = await ReadJsonAsync(context, ControlJson.Default.ForceRequest, new ForceRequest(null, null, null, null),
                "{\"status\": 403, \"count\": 1, \"condition\": \"wrong-tenant\", \"field\": null}");
            if (error is not null) return error;
            if (body.Status is not { } status) return Problem(400, "invalid_status", "give the status to force: {\"status\": 403, \"count\": 1}");
            var count = body.Count ?? 1;
            if (count is < 1 or > 1_000_000) return Problem(400, "invalid_count", "count must be between 1 and 1000000");
            try
            {
                var outcome = ForcedOutcomeFinder.Find(operation, status, body.Condition, body.Field);
                state.Forced.Force(operation, outcome, count);
                return TypedResults.Json(new ForceSet(operation.QualifiedId, outcome.Status, KebabName.Of(outcome.When), count), ControlJson.Default.ForceSet);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
            {
                return Problem(400, "undocumented_status", e.Message);
            }
        });
        api.MapDelete("/operations/{apiId}/{operationId}/force", (string apiId, string operationId) =>
        {
            if (state.Contracts.Operation(apiId, operationId) is not { } operation) return UnknownOperation(state, apiId, operationId);
            state.Forced.Clear(operation);
            return TypedResults.Json(new OperationCleared(operation.QualifiedId, true), ControlJson.Default.OperationCleared);
        });
        api.MapPost("/operations/{apiId}/{operationId}/fault", async Task<IResult> (string apiId, string operationId, HttpContext context) =>
        {
            if (state.Contracts.Operation(apiId, operationId) is not { } operation) return UnknownOperation(state, apiId, operationId);
            var (body, error) = await ReadJsonAsync(context, ControlJson.Default.FaultRequest, new FaultRequest(null, null, null, null, null, null),
                "{\"kind\": \"latency\", \"latencyMs\": 300, \"jitterMs\": 200, \"status\": 503, \"retryAfterSeconds\": 5, \"count\": 1}");
            if (error is not null) return error;
            if (!KebabName.TryParse<FaultKind>(body.Kind ?? "", out var kind))
                return Problem(400, "invalid_kind", $"kind must be one of {KebabName.List<FaultKind>()}");
            var fault = new Fault(kind,
                LatencyMs: Math.Clamp(body.LatencyMs ?? 0, 0, 60_000),
                JitterMs: Math.Clamp(body.JitterMs ?? 0, 0, 60_000),
                Status: body.Status ?? 503,
                RetryAfterSeconds: Math.Clamp(body.RetryAfterSeconds ?? 1, 0, 86_400),
                Remaining: body.Count);
            if (kind == FaultKind.ServerError && fault.Status is < 500 or > 599) return Problem(400, "invalid_status", "a server-error fault needs a 5xx status");
            if (fault.Remaining is < 1) return Problem(400, "invalid_count", "count must be at least 1 (leave it out for 'until cleared')");
            state.Faults.Set(operation, fault);
            return TypedResults.Json(new FaultSet(operation.QualifiedId, KebabName.Of(kind), fault.LatencyMs, fault.JitterMs, fault.Status, fault.RetryAfterSeconds, fault.Remaining), ControlJson.Default.FaultSet);
        });
        api.MapDelete("/operations/{apiId}/{operationId}/fault", (string apiId, string operationId) =>
        {
            if (state.Contracts.Operation(apiId, operationId) is not { } operation) return UnknownOperation(state, apiId, operationId);
            state.Faults.Clear(operation);
            return TypedResults.Json(new OperationCleared(operation.QualifiedId, true), ControlJson.Default.OperationCleared);
        });
        api.MapGet("/defects", () => TypedResults.Json(DefectCatalog.All.Select(d => new DefectView(d.Name, d.Rule, d.Description, state.Has(d.Defect))), ControlJson.Default.IEnumerableDefectView));
        api.MapGet("/keys", () => TypedResults.Json(state.Minter.Jwks(), ControlJson.Default.JsonObject));
        api.MapFallback(() => Problem(404, "not_found", "no such control endpoint; GET /__harness lists them"));
    }

    private static IResult Clock(MockState state) => TypedResults.Json(ClockOf(state), ControlJson.Default.ClockReading);

    private static ClockReading ClockOf(MockState state) =>
        new(state.Clock.GetUtcNow(), state.Clock.UnixSeconds, (long)state.Clock.Offset.TotalSeconds);

    private static IResult UnknownOperation(MockState state, string api, string operation) =>
        Problem(404, "unknown_operation", $"no operation '{api}.{operation}'; known: {string.Join(", ", state.Contracts.Operations.Select(o => $"{o.ApiId}/{o.Id}"))}");

    internal static IResult Problem(int status, string error, string message) =>
        TypedResults.Json(ControlProblem.Of(status, error, message), ControlJson.Default.ControlProblem, statusCode: status);

    /// <summary>
    /// The body bound to its type by the generated serializer: an empty body (or <c>null</c>) is <paramref name="empty"/>;
    /// text that is not JSON, a key the call does not take, or a value of the wrong type is <c>400 invalid_json</c>
    /// naming the key and showing the body the call takes (numbers may come as strings, as the first versions allowed).
    /// </summary>
    private static async Task<(T Body, IResult? Error)> ReadJsonAsync<T>(HttpContext context, JsonTypeInfo<T> type, T empty, string example)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        if (string.IsNullOrWhiteSpace(text)) return (empty, null);
        try
        {
            return (JsonSerializer.Deserialize(text, type) ?? empty, null);
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 1 } path ? $" at {path}" : "";
            return (empty, Problem(400, "invalid_json", $"the body is not what this call takes{where} ({Unmapped(e.Message) ?? "not JSON, or a value of the wrong type"}); send a JSON object such as {example}"));
        }
    }

    /// <summary>The key a body had that the call does not take, from the serializer's message (which names .NET types otherwise).</summary>
    private static string? Unmapped(string message)
    {
        var start = message.IndexOf("property '", StringComparison.Ordinal);
        if (start < 0 || !message.Contains("could not be mapped", StringComparison.Ordinal)) return null;
        start += "property '".Length;
        var end = message.IndexOf('\'', start);
        return end > start ? $"unknown key '{message[start..end]}'" : null;
    }
}
