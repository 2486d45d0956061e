using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Harness.MockServer.Control;
using Harness.MockServer.Defects;
using Harness.MockServer.Engine.Behaviours;
using Harness.MockServer.Hosting;
using Harness.MockServer.Requests;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Engine;

/// <summary>
/// Serves every API operation: route by path, read the request once, take a forced outcome if one is set,
/// else detect the condition (stateless checks, then the role's stateful ones), apply faults, write, journal.
/// </summary>
internal sealed class MockEngine
{
    public const string ForceStatusHeader = "X-Harness-Force-Status";
    public const string ForceConditionHeader = "X-Harness-Force-Condition";
    public const string ForceFieldHeader = "X-Harness-Force-Field";

    private readonly MockState _state;
    private readonly RequestChecks _checks;
    private readonly ResponseWriter _writer;
    private readonly Dictionary<OperationRole, IRoleBehaviour> _behaviours;
    private readonly YoungGenerationPacer _pacer = new();

    public MockEngine(MockState state)
    {
        _state = state;
        _checks = new RequestChecks(state);
        _writer = new ResponseWriter(state);
        IRoleBehaviour[] behaviours = [new IssueBehaviour(state), new RefreshBehaviour(state), new DiscoveryBehaviour(state), new KeysBehaviour(state.Minter)];
        _behaviours = behaviours.ToDictionary(b => b.Role);
        _codeGrant = new Oidc.CodeGrant(state, _writer);
    }

    private readonly Oidc.CodeGrant _codeGrant;

    /// <summary>
    /// Works out ahead of the first request what the engine otherwise works out on it: the facts of every
    /// operation and the body layout of every token answer (start-up runs this beside building the web host).
    /// </summary>
    public void Prepare()
    {
        foreach (var operation in _state.Contracts.Operations)
        {
            OperationFacts.Of(operation);
            if (operation.Role is OperationRole.Issue or OperationRole.Refresh) _writer.Prepare(operation);
        }
        _ = ConditionName(Condition.Success);
        System.Security.Cryptography.HMACSHA256.HashData([0], [0]); // the crypto library's first call loads it
    }

    /// <summary>Set in a request's items when it is answered with the empty-response fault (a host may name the fault its own way).</summary>
    public const string EmptyResponseItem = "harness.fault.empty-response";

    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        _pacer.Tick();
        var candidates = _state.Router.At(context.Request.Path.Value ?? "/");
        if (candidates.Count == 0)
        {
            await NotFoundAsync(context, started);
            return;
        }

        var request = await RequestReader.ReadAsync(context.Request, context.RequestAborted);
        // The OIDC login's code grant shares the token endpoint with the contract's operations; the grant type tells it apart.
        if (_codeGrant.For(request) is { } oidcRealm)
        {
            await _codeGrant.HandleAsync(context, request, oidcRealm);
            return;
        }
        var detection = _checks.Check(candidates, request);
        var operation = detection.Operation;
        if (_state.Overrides.TakeStatus(operation) is { } outside)
        {
            await AnswerOutsideContractAsync(context, request, operation, outside, started);
            return;
        }

        Outcome? forced;
        try
        {
            forced = ForcedByHeader(context, operation) ?? _state.Forced.Take(operation);
        }
        catch (ArgumentException invalid)
        {
            await Hosting.JsonRefusal.WriteAsync(context, 400, "invalid_force_header", invalid.Message);
            Journal(context, request, operation, 400, null, "invalid force header", started, "");
            return;
        }

        // Faults are taken first: a server-error fault answers before the operation runs, so a client that
        // retries after Retry-After still holds a valid refresh token (the server did nothing).
        var (latency, failure) = _state.Faults.Take(operation);
        if (failure is { Kind: FaultKind.ServerError })
        {
            var (faultStatus, text) = await ApplyFaultAsync(context, failure, 0, "");
            Journal(context, request, operation, faultStatus, null, $"fault {KebabName.Of(failure.Kind)}", started, text);
            return;
        }

        Answer answer;
        if (forced is not null && forced.When != Condition.Success) answer = new ErrorAnswer(operation, forced);
        else if (!detection.Passed)
        {
            if (detection.Condition == Condition.MalformedBody && _state.Has(Defect.Leak500OnBadJson) && RequestReader.IsJson(request.ContentType))
            {
                await WriteTextAsync(context, 500, ResponseWriter.ServerErrorTrace);
                Journal(context, request, operation, 500, "malformed-body", null, started, ResponseWriter.ServerErrorTrace);
                return;
            }
            answer = new ErrorAnswer(operation, Outcomes.For(operation, detection.Condition!.Value, detection.Field));
            if (detection.Condition == Condition.InvalidClient && _state.Has(Defect.BurnTokenOnFailedClientAuth)) BurnPresentedToken(operation, request);
        }
        else answer = _behaviours[operation.Role].Handle(operation, request);
        // A session started past the cap makes room here, a few families at most, and says so in this request's entry.
        var evicted = _state.Tokens.EvictOverCap();

        if (latency is not null)
            await _state.Clock.DelayAsync(_state.Faults.DelayOf(latency), context.RequestAborted);

        var (status, body) = _writer.Render(answer, context.Response);
        var forcedNote = forced is null ? null : $"forced {forced.Status}";
        if (evicted > 0) forcedNote = (forcedNote is null ? "" : forcedNote + "; ") + EvictionNote(evicted);
        if (forced is not null) context.Response.Headers[ForcedOutcomeFinder.ForcedConditionHeader] = KebabName.Of(forced.When);
        // What run-time overrides changed (/__harness/overrides) goes in the note too, after the rest.
        string? overrideNote = answer is TokenAnswer { Pair.Overridden: { } claims } ? claims.Note : null;
        if (_state.Overrides.TakeAnswerChanges(operation) is { } changes)
        {
            var (changed, note) = changes.Apply(context, body.Utf8);
            body = new Rendered(changed);
            overrideNote = overrideNote is null ? note : Joined(overrideNote, note);
        }
        if (overrideNote is not null) forcedNote = forcedNote is null ? overrideNote : Joined(forcedNote, overrideNote);
        var condition = ConditionName(answer.Outcome.When);
        if (failure is not null)
        {
            var (faultStatus, text) = await ApplyFaultAsync(context, failure, status, body.Text);
            forcedNote = $"fault {KebabName.Of(failure.Kind)}" + (evicted > 0 ? "; " + EvictionNote(evicted) : "") + (overrideNote is null ? "" : "; " + overrideNote);
            if (faultStatus < 0)
            {
                Journal(context, request, operation, 0, condition, forcedNote, started, "(connection dropped)");
                return;
            }
            Journal(context, request, operation, faultStatus, condition, forcedNote, started, text);
            return;
        }
        var utf8 = body.Utf8;
        await WriteJsonAsync(context, status, utf8);
        _state.Journal.Record(_state.Clock.GetUtcNow(), context.Request, request.RawBody, OperationFacts.Of(operation).QualifiedId, status, condition, forcedNote, Elapsed(started), utf8);
    }

    /// <summary>
    /// A run-time override's undocumented status, answered instead of running the operation (so the client's tokens
    /// stay valid, as after a server error); the answer and its journal entry say it is outside the contract.
    /// </summary>
    private async Task AnswerOutsideContractAsync(HttpContext context, IncomingRequest request, Operation operation, UndocumentedStatusOverride outside, long started)
    {
        var response = context.Response;
        response.Headers.Date = _state.Clock.GetUtcNow().ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        response.Headers[UndocumentedStatusOverride.Header] = $"status {outside.Status} (override #{outside.Id})";
        if (context.Request.Headers.Origin.Count > 0) response.Headers.Append("Access-Control-Expose-Headers", UndocumentedStatusOverride.Header);
        var (body, note) = (outside.BodyUtf8(), outside.Note);
        if (_state.Overrides.TakeAnswerChanges(operation) is { } changes)
        {
            var (changed, changeNote) = changes.Apply(context, body);
            (body, note) = (outside.HasBody ? changed : body, Joined(note, changeNote));
        }
        if (outside.HasBody) await WriteJsonAsync(context, outside.Status, body);
        else response.StatusCode = outside.Status;
        Journal(context, request, operation, outside.Status, UndocumentedStatusOverride.Condition, note, started, Encoding.UTF8.GetString(body));
    }

    private static string Joined(string note, string more) => $"{note}; {more}";

    /// <summary>The burn-token-on-failed-client-auth defect: whoever presents a token with bad client credentials revokes its family.</summary>
    private void BurnPresentedToken(Operation operation, IncomingRequest request)
    {
        if (operation.Role == OperationRole.Refresh && _state.Tokens.Find(Behaviours.SlotReader.Read(operation, request, Slot.RefreshToken)) is { } presented)
            _state.Tokens.Revoke(presented.Family, "defect: a refresh that failed client authentication burned the token");
    }

    /// <summary>The journal's word for families evicted at the cap (README: "Memory and the session cap").</summary>
    private string EvictionNote(int evicted) =>
        $"evicted {evicted} least recently used session{(evicted == 1 ? "" : "s")} (cap --max-sessions {_state.Tokens.MaxSessions})";

    private static readonly string[] ConditionNames = NameConditions();

    private static string[] NameConditions()
    {
        var values = Enum.GetValues<Condition>();
        var names = new string[values.Max(v => (int)v) + 1];
        foreach (var value in values) names[(int)value] = KebabName.Of(value);
        return names;
    }

    /// <summary>The kebab-case name of a condition, worked out once per condition rather than per request.</summary>
    private static string ConditionName(Condition condition) =>
        (uint)condition < (uint)ConditionNames.Length && ConditionNames[(int)condition] is { } name ? name : KebabName.Of(condition);

    /// <summary>The per-request override: a documented status of this operation, optionally narrowed to one condition.</summary>
    private static Outcome? ForcedByHeader(HttpContext context, Operation operation)
    {
        if (!context.Request.Headers.TryGetValue(ForceStatusHeader, out var raw)) return null;
        if (!int.TryParse(raw.ToString(), out var status))
            throw new ArgumentException($"{ForceStatusHeader} must be a status code, not '{raw}'");
        var condition = context.Request.Headers[ForceConditionHeader].ToString();
        var field = context.Request.Headers[ForceFieldHeader].ToString();
        return ForcedOutcomeFinder.Find(operation, status, condition.Length == 0 ? null : condition, field.Length == 0 ? null : field);
    }

    private async Task<(int Status, string Body)> ApplyFaultAsync(HttpContext context, Fault fault, int status, string body)
    {
        switch (fault.Kind)
        {
            case FaultKind.ServerError:
                context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var error = new JsonObject { ["error"] = "temporarily_unavailable", ["error_description"] = "injected fault" }.ToJsonString();
                await WriteJsonAsync(context, fault.Status, error);
                return (fault.Status, error);
            case FaultKind.MalformedBody:
                var cut = body[..Math.Max(1, body.Length / 2)];
                await WriteJsonAsync(context, status, cut);
                return (status, cut);
            case FaultKind.EmptyResponse:
                context.Items[EmptyResponseItem] = true;
                context.Response.StatusCode = 200;
                context.Response.ContentLength = 0;
                return (200, "");
            case FaultKind.DropConnection:
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = Encoding.UTF8.GetByteCount(body);
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body[..Math.Max(1, body.Length / 3)]));
                await context.Response.Body.FlushAsync();
                context.Abort();
                return (-1, "");
            default:
                await WriteJsonAsync(context, status, body);
                return (status, body);
        }
    }

    private async Task NotFoundAsync(HttpContext context, long started)
    {
        var paths = new JsonArray([.. _state.Contracts.Operations.Select(o => (JsonNode)$"{o.Method} {o.Path}").Distinct()]);
        var body = new JsonObject { ["error"] = "not_found", ["message"] = $"no API operation at {context.Request.Path}", ["operations"] = paths, ["control"] = "/__harness" }.ToJsonString();
        await WriteJsonAsync(context, 404, body);
        _state.Journal.Record(_state.Clock.GetUtcNow(), context.Request, "", null, 404, "unknown-path", null, Elapsed(started), body);
    }

    private void Journal(HttpContext context, IncomingRequest request, Operation operation, int status, string? condition, string? note, long started, string body) =>
        _state.Journal.Record(_state.Clock.GetUtcNow(), context.Request, request.RawBody, OperationFacts.Of(operation).QualifiedId, status, condition, note, Elapsed(started), body);

    private static double Elapsed(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static Task WriteJsonAsync(HttpContext context, int status, JsonNode body) => WriteJsonAsync(context, status, body.ToJsonString());

    internal static Task WriteJsonAsync(HttpContext context, int status, string body) => WriteJsonAsync(context, status, Encoding.UTF8.GetBytes(body));

    /// <summary>Writes a JSON body with its Content-Length (one write, no chunked framing).</summary>
    internal static async Task WriteJsonAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.BodyWriter.WriteAsync(body);
    }

    private static Task WriteTextAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(body);
    }
}
