using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Harness.MockServer.Hosting;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Control;

/// <summary>
/// Run-time overrides under <c>/__harness/overrides</c>: claims in the next access tokens (anyone's or one user's), a
/// changed body field or an added header on an operation's next answers, and a one-off undocumented status. Each
/// answer an override changes names it in the journal; an undocumented status is marked outside the contract there,
/// in the answer (<see cref="UndocumentedStatusOverride.Header"/>) and on the dashboard. Bad input is a 400 with the
/// control API's <c>{"error", "message"}</c> body; reset clears every override.
/// </summary>
internal static class OverrideApi
{
    public const string Prefix = ControlApi.Prefix + "/overrides";

    /// <summary>The most uses one override can be given: the same bound as forced outcomes.</summary>
    public const int MaxCount = 1_000_000;

    /// <summary>A request body larger than this is no override anyone types.</summary>
    private const int MaxBodyChars = 64 * 1024;

    /// <summary>Headers that frame the answer or the connection: the mock writes these itself, or an answer would no longer parse.</summary>
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Length", "Content-Type", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "Trailer", "TE", "Proxy-Connection",
    };

    public static void MapOverrideApi(this IEndpointRouteBuilder app, MockState state)
    {
        var api = app.MapGroup(Prefix);
        // The handlers declare Task<IResult>: a bare async (HttpContext) lambda would bind as a RequestDelegate and its result be dropped.
        api.MapGet("/", () => List(state));
        api.MapDelete("/", () => TypedResults.Json(new OverridesCleared(state.Overrides.Clear()), OverrideJson.Default.OverridesCleared));
        api.MapPost("/clear", async Task<IResult> (HttpContext context) =>
        {
            var (request, error) = await ReadAsync(context, OverrideJson.Default.ClearOverrideRequest, "{\"id\": 1}, or {} for all", allowEmpty: true);
            if (error is not null) return error;
            return TypedResults.Json(new OverridesCleared(state.Overrides.Clear(request?.Id)), OverrideJson.Default.OverridesCleared);
        });
        MapAdd(api, state, "/claims", OverrideJson.Default.ClaimsOverrideRequest, "{\"claims\": {\"roles\": [\"admin\"]}, \"user\": \"<username>\", \"count\": 1}", Claims);
        MapAdd(api, state, "/body", OverrideJson.Default.BodyOverrideRequest, "{\"operation\": \"keycloak-refresh.refresh\", \"field\": \"expires_in\", \"value\": 5, \"count\": 1}", Body);
        MapAdd(api, state, "/header", OverrideJson.Default.HeaderOverrideRequest, "{\"operation\": \"keycloak-refresh.refresh\", \"name\": \"X-Request-Id\", \"value\": \"abc\", \"count\": 1}", Header);
        MapAdd(api, state, "/status", OverrideJson.Default.StatusOverrideRequest, "{\"operation\": \"keycloak-refresh.refresh\", \"status\": 418}", Status);
    }

    /// <summary>One kind's POST: the body bound to its record (or a 400 with <paramref name="example"/>), then checked and put in force by <paramref name="add"/>.</summary>
    private static void MapAdd<T>(RouteGroupBuilder api, MockState state, string path, JsonTypeInfo<T> type, string example, Func<MockState, T, IResult> add) where T : class =>
        api.MapPost(path, async Task<IResult> (HttpContext context) =>
        {
            var (request, error) = await ReadAsync(context, type, example);
            return error ?? add(state, request!);
        });

    public static OverrideView View(RuntimeOverride o) =>
        new(o.Id, KebabName.Of(o.Kind), o.Describe(), o.Operation, (o as ClaimsOverride)?.User, o.Remaining, o.Applied, o.OutsideContract);

    private static IResult List(MockState state) =>
        TypedResults.Json(state.Overrides.Snapshot().Select(View), OverrideJson.Default.IEnumerableOverrideView);

    private static IResult Claims(MockState state, ClaimsOverrideRequest request)
    {
        if (request.Claims is not { Count: > 0 } claims)
            return Problem("invalid_claims", "give the claims to add or change as a JSON object: {\"claims\": {\"roles\": [\"admin\"], \"email_verified\": false}}");
        if (CountProblem(request.Count) is { } countProblem) return countProblem;
        if (request.User is { } user && !state.World.Accounts.Any(a => user == a.Identity.Username || user == a.Identity.UserId || user == a.Identity.AccountId))
            return Problem("unknown_user", $"no user '{JsonRefusal.Quote(user)}'; give a username, user id (sub) or account id of: "
                + string.Join(", ", state.World.Accounts.Select(a => $"{a.Identity.Username} (sub {a.Identity.UserId})")));
        string? realm = null;
        if (request.Api is { } apiId)
        {
            if (state.Contracts.Api(apiId) is not { } api)
                return Problem("unknown_api", $"no API '{JsonRefusal.Quote(apiId)}'; known: {string.Join(", ", state.Contracts.Apis.Select(a => a.Id))}");
            realm = api.Realm;
        }
        return Added(state, new ClaimsOverride((JsonObject)claims.DeepClone(), request.User, realm, request.Count));
    }

    private static IResult Body(MockState state, BodyOverrideRequest request)
    {
        if (FindOperation(state, request.Operation, out var operationProblem) is not { } operation) return operationProblem!;
        if (BodyFieldPath.TryParse(request.Field, out var pathProblem) is not { } field) return Problem("invalid_field", pathProblem);
        var remove = request.Remove == true;
        var given = request.Value.ValueKind != JsonValueKind.Undefined;
        if (remove == given)
            return Problem("invalid_value", remove
                ? "give either a value or \"remove\": true, not both"
                : "give the field's new value (any JSON, null too): {\"value\": 5}, or \"remove\": true to leave the field out");
        if (CountProblem(request.Count) is { } countProblem) return countProblem;
        var value = given ? JsonNode.Parse(request.Value.GetRawText()) : null;
        return Added(state, new BodyFieldOverride(operation, field, value, remove, request.Count));
    }

    private static IResult Header(MockState state, HeaderOverrideRequest request)
    {
        if (FindOperation(state, request.Operation, out var operationProblem) is not { } operation) return operationProblem!;
        if (request.Name is not { Length: > 0 and <= 100 } name || !name.All(IsTokenChar))
            return Problem("invalid_header", "give the header's name (letters, digits and !#$%&'*+-.^_`|~, at most 100): {\"name\": \"X-Request-Id\", \"value\": \"abc\"}");
        if (ReservedHeaders.Contains(name))
            return Problem("reserved_header", $"{name} frames the answer and is the mock's to write; the reserved headers are {string.Join(", ", ReservedHeaders)}");
        if (request.Value is not { Length: <= 4096 } value || value.Any(c => c is < ' ' and not '\t' or '\x7f'))
            return Problem("invalid_header_value", "give the header's value: text of at most 4096 characters, no line breaks or control characters");
        if (CountProblem(request.Count) is { } countProblem) return countProblem;
        return Added(state, new HeaderOverride(operation, name, value, request.Count));
    }

    private static IResult Status(MockState state, StatusOverrideRequest request)
    {
        if (FindOperation(state, request.Operation, out var operationProblem) is not { } operation) return operationProblem!;
        if (request.Status is not { } status || status is < 200 or > 599)
            return Problem("invalid_status", "give a status from 200 to 599 that the operation does not document: {\"status\": 418}");
        if (operation.Outcomes.Any(o => o.Status == status))
            return Problem("documented_status",
                $"{operation.QualifiedId} documents {status}: force it with POST {ControlApi.Prefix}/operations/{operation.ApiId}/{operation.Id}/force {{\"status\": {status}}}, "
                + "which answers the contract's own body; this override is for statuses outside the contract");
        if (CountProblem(request.Count) is { } countProblem) return countProblem;
        var body = request.Body.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : JsonNode.Parse(request.Body.GetRawText());
        return Added(state, new UndocumentedStatusOverride(operation, status, body, request.Count));
    }

    private static IResult Added(MockState state, RuntimeOverride added) =>
        state.Overrides.TryAdd(added)
            ? TypedResults.Json(View(added), OverrideJson.Default.OverrideView)
            : Problem("too_many_overrides", $"{RuntimeOverrides.MaxInForce} overrides are in force already: clear some (POST {Prefix}/clear {{\"id\": N}}, or DELETE {Prefix})");

    private static IResult? CountProblem(int? count) =>
        count is < 1 or > MaxCount ? Problem("invalid_count", $"count must be between 1 and {MaxCount} (leave it out: until cleared; a status override: once)") : null;

    /// <summary>An operation named as the journal names it, <c>api.operation</c> (or <c>api/operation</c>).</summary>
    private static Operation? FindOperation(MockState state, string? reference, out IResult? problem)
    {
        var split = reference?.LastIndexOfAny(['.', '/']) ?? -1;
        var operation = split > 0 ? state.Contracts.Operation(reference![..split], reference[(split + 1)..]) : null;
        problem = operation is null
            ? Problem("unknown_operation", $"give the operation as api.operation{(reference is null ? "" : $", not '{JsonRefusal.Quote(reference)}'")}; known: "
                + string.Join(", ", state.Contracts.Operations.Select(o => o.QualifiedId)))
            : null;
        return operation;
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);

    private static IResult Problem(string error, string message) => ControlApi.Problem(400, error, message);

    /// <summary>The body bound to its record; a 400 naming the problem (and an example) when it is not JSON of that shape.</summary>
    private static async Task<(T? Body, IResult? Error)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, string example, bool allowEmpty = false) where T : class
    {
        using var reader = new StreamReader(context.Request.Body);
        var buffer = new char[MaxBodyChars + 1];
        var read = await reader.ReadBlockAsync(buffer, context.RequestAborted);
        if (read > MaxBodyChars) return (null, Problem("body_too_large", $"an override body is at most {MaxBodyChars} characters"));
        var text = new string(buffer, 0, read);
        if (string.IsNullOrWhiteSpace(text))
            return allowEmpty ? (null, null) : (null, Problem("invalid_json", $"send the override as a JSON object: {example}"));
        try
        {
            return JsonSerializer.Deserialize(text, type) is { } body ? (body, null) : (null, Problem("invalid_json", $"send a JSON object: {example}"));
        }
        catch (JsonException e)
        {
            return (null, Problem("invalid_json", $"{e.Message} Send a JSON object like {example}"));
        }
    }
}
