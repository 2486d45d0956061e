using System.Text.Json;
using System.Text.Json.Nodes;
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
public static class ControlApi
{
    public const string Prefix = "/__harness";

    /// <summary>A hundred years: far past every lifetime in the contracts, far from DateTimeOffset's end.</summary>
    public const double MaxAdvanceSeconds = 100 * 365.25 * 86_400;

    public static void MapControlApi(this IEndpointRouteBuilder app, MockState state)
    {
        var api = app.MapGroup(Prefix);
        api.MapGet("/", () => Results.Json(new
        {
            name = "Refresh Harness mock server",
            endpoints = new[]
            {
                "GET /__harness/health", "POST /__harness/reset", "GET /__harness/clock", "POST /__harness/clock/advance {seconds}",
                "GET /__harness/sessions", "GET /__harness/journal?limit=N", "DELETE /__harness/journal", "GET /__harness/apis",
                "GET /__harness/target", "GET /__harness/state", "POST /__harness/operations/{api}/{operation}/force {status, count, condition}",
                "DELETE /__harness/operations/{api}/{operation}/force", "POST /__harness/operations/{api}/{operation}/fault {kind, latencyMs, jitterMs, status, retryAfterSeconds, count}",
                "DELETE /__harness/operations/{api}/{operation}/fault", "GET /__harness/defects", "GET /__harness/keys",
            },
        }));
        api.MapGet("/health", () => Results.Json(new { status = "ok", sessions = state.Tokens.FamilyCount, served = state.Journal.Total }));
        api.MapPost("/reset", () =>
        {
            state.Reset();
            return Results.Json(new { reset = true });
        });
        api.MapGet("/clock", () => Results.Json(Clock(state)));
        api.MapPost("/clock/advance", async (HttpContext context) =>
        {
            var (body, error) = await ReadJsonAsync(context);
            if (error is not null) return error;
            var seconds = Number(body, "seconds") ?? Number(context.Request.Query, "seconds");
            if (seconds is not > 0 || !double.IsFinite(seconds.Value) || seconds > MaxAdvanceSeconds)
                return Problem(400, "invalid_seconds", $"give a positive number of seconds up to {MaxAdvanceSeconds} (100 years): {{\"seconds\": 3600}} or ?seconds=3600");
            if (state.Clock.GetUtcNow().AddSeconds(seconds.Value).Year > 9000)
                return Problem(400, "invalid_seconds", "the clock cannot move that far: reset it first");
            state.Clock.Advance(TimeSpan.FromSeconds(seconds.Value));
            state.Tokens.MaybeSweep();
            return Results.Json(Clock(state));
        });
        api.MapGet("/sessions", () =>
        {
            var now = state.Clock.UnixSeconds;
            return Results.Json(state.Tokens.Families.OrderBy(f => f.StartedAt).Take(500).Select(f => new
            {
                id = Redactor.Mask(f.Id),
                // A stable handle for the page to tell sessions apart, from which the id cannot be recovered.
                @ref = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(f.Id)))[..8],
                realm = f.Realm,
                clientId = f.ClientId,
                tenant = f.Tenant,
                accountId = f.Account.Identity.AccountId,
                scope = f.Scope,
                generation = f.Generation,
                revoked = f.Revoked,
                revokedBecause = f.RevokedBecause,
                refreshExpiresIn = f.RefreshExpiresAt - now,
                sessionExpiresIn = f.FixedExpiresAt - now,
                live = !f.Revoked && !f.IsOver(now),
            }));
        });
        api.MapGet("/journal", (int? limit) => Results.Json(state.Journal.Latest(Math.Clamp(limit ?? 100, 1, Harness.MockServer.Journal.RequestJournal.Capacity))));
        api.MapDelete("/journal", () =>
        {
            state.Journal.Clear();
            return Results.Json(new { cleared = true });
        });
        api.MapGet("/apis", () => Results.Json(state.Contracts.Apis.Select(a => new
        {
            id = a.Id,
            title = a.Title,
            realm = a.Realm,
            errorShape = KebabName.Of(a.ErrorShape),
            operations = a.Operations.Select(o => new
            {
                id = o.Id,
                role = KebabName.Of(o.Role),
                method = o.Method,
                path = o.Path,
                outcomes = o.Outcomes.Select(x => new { status = x.Status, condition = KebabName.Of(x.When), field = x.Field, error = x.ErrorCode, provenance = x.Provenance.ToString() }),
            }),
        })));
        api.MapGet("/target", () => Results.Json(state.World.TargetValues()));
        api.MapGet("/state", () => Results.Json(new
        {
            clock = Clock(state),
            sessions = state.Tokens.FamilyCount,
            tokens = state.Tokens.TokenCount,
            served = state.Journal.Total,
            byStatus = state.Journal.CountsByStatus.ToDictionary(kv => kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), kv => kv.Value),
            forced = state.Forced.Snapshot().Select(kv => new { operation = kv.Key, status = kv.Value.Outcome.Status, condition = KebabName.Of(kv.Value.Outcome.When), remaining = kv.Value.Remaining }),
            faults = state.Faults.Snapshot().Select(f => new { operation = f.Operation, kind = KebabName.Of(f.Fault.Kind), f.Fault.LatencyMs, f.Fault.JitterMs, f.Fault.Status, f.Fault.RetryAfterSeconds, f.Fault.Remaining }),
            defects = state.Defects.Select(d => DefectCatalog.Info(d).Name),
        }));
        api.MapPost("/operations/{apiId}/{operationId}/force", async (string apiId, string operationId, HttpContext context) =>
        {
            if (state.Contracts.Operation(apiId, operationId) is not { } operation) return UnknownOperation(state, apiId, operationId);
            var (body, error) = await ReadJsonAsync(context);
            if (error is not null) return error;
            if (Number(body, "status") is not { } status) return Problem(400, "invalid_status", "give the status to force: {\"status\": 403, \"count\": 1}");
            var count = (int)(Number(body, "count") ?? 1);
            if (count is < 1 or > 1_000_000) return Problem(400, "invalid_count", "count must be between 1 and 1000000");
            try
            {
                var outcome = ForcedOutcomeFinder.Find(operation, (int)status, body?["condition"]?.GetValue<string>(), body?["field"]?.GetValue<string>());
                state.Forced.Force(operation, outcome, count);
                return Results.Json(new { operation = operation.QualifiedId, status = outcome.Status, condition = KebabName.Of(outcome.When), count });
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
            return Results.Json(new { operation = operation.QualifiedId, cleared = true });
        });
        api.MapPost("/operations/{apiId}/{operationId}/fault", async (string apiId, string operationId, HttpContext context) =>
        {
            if (state.Contracts.Operation(apiId, operationId) is not { } operation) return UnknownOperation(state, apiId, operationId);
            var (body, error) = await ReadJsonAsync(context);
            if (error is not null) return error;
            var kindText = body?["kind"] is JsonValue k && k.TryGetValue<string>(out var s) ? s : "";
            if (!KebabName.TryParse<FaultKind>(kindText, out var kind))
                return Problem(400, "invalid_kind", $"kind must be one of {KebabName.List<FaultKind>()}");
            var fault = new Fault(kind,
                LatencyMs: (int)Math.Clamp(Number(body, "latencyMs") ?? 0, 0, 60_000),
                JitterMs: (int)Math.Clamp(Number(body, "jitterMs") ?? 0, 0, 60_000),
                Status: (int)(Number(body, "status") ?? 503),
                RetryAfterSeconds: (int)Math.Clamp(Number(body, "retryAfterSeconds") ?? 1, 0, 86_400),
                Remaining: Number(body, "count") is { } c ? (int)c : null);
            if (kind == FaultKind.ServerError && fault.Status is < 500 or > 599) return Problem(400, "invalid_status", "a server-error fault needs a 5xx status");
            if (fault.Remaining is < 1) return Problem(400, "invalid_count", "count must be at least 1 (leave it out for 'until cleared')");
            state.Faults.Set(operation, fault);
            return Results.Json(new { operation = operation.QualifiedId, fault = KebabName.Of(kind), fault.LatencyMs, fault.JitterMs, fault.Status, fault.RetryAfterSeconds, count = fault.Remaining });
        });
        api.MapDelete("/operations/{apiId}/{operationId}/fault", (string apiId, string operationId) =>
        {
            if (state.Contracts.Operation(apiId, operationId) is not { } operation) return UnknownOperation(state, apiId, operationId);
            state.Faults.Clear(operation);
            return Results.Json(new { operation = operation.QualifiedId, cleared = true });
        });
        api.MapGet("/defects", () => Results.Json(DefectCatalog.All.Select(d => new { name = d.Name, rule = d.Rule, description = d.Description, active = state.Has(d.Defect) })));
        api.MapGet("/keys", () => Results.Json(state.Minter.Jwks()));
        api.MapFallback(() => Problem(404, "not_found", "no such control endpoint; GET /__harness lists them"));
    }

    private static object Clock(MockState state) => new
    {
        now = state.Clock.GetUtcNow(),
        unixSeconds = state.Clock.UnixSeconds,
        offsetSeconds = (long)state.Clock.Offset.TotalSeconds,
    };

    private static IResult UnknownOperation(MockState state, string api, string operation) =>
        Problem(404, "unknown_operation", $"no operation '{api}.{operation}'; known: {string.Join(", ", state.Contracts.Operations.Select(o => $"{o.ApiId}/{o.Id}"))}");

    internal static IResult Problem(int status, string error, string message) => Results.Json(new { error, message }, statusCode: status);

    private static async Task<(JsonNode? Body, IResult? Error)> ReadJsonAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        try
        {
            return (JsonNode.Parse(text), null);
        }
        catch (JsonException e)
        {
            return (null, Problem(400, "invalid_json", $"the body is not JSON: {e.Message}"));
        }
    }

    private static double? Number(JsonNode? body, string name) =>
        body is JsonObject obj && obj[name] is JsonValue v && (v.TryGetValue<double>(out var d) || (v.TryGetValue<string>(out var s) && double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out d))) ? d : null;

    private static double? Number(IQueryCollection query, string name) =>
        double.TryParse(query[name].ToString(), System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;
}
