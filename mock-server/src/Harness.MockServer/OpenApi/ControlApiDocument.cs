using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Harness.MockServer.Control;
using Harness.MockServer.Defects;
using Harness.Scenarios.Model;

namespace Harness.MockServer.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of the mock's control API (<c>/__harness</c>). Example answers are the control API's own
/// records written by its source-generated JSON context, so their shape is the one the mock sends; the list of
/// endpoints is checked against <c>GET /__harness</c> and the running mock by the tests.
/// </summary>
internal static class ControlApiDocument
{
    private static readonly DateTimeOffset ExampleNow = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static JsonObject Build(ContractSet contracts)
    {
        var clock = Example(new ClockReading(ExampleNow, ExampleNow.ToUnixTimeSeconds(), 0), ControlJson.Default.ClockReading);
        var cleared = Example(new OperationCleared("ags-refresh.refresh", true), ControlJson.Default.OperationCleared);
        var apiIds = new JsonArray([.. contracts.Apis.Select(a => JsonValue.Create(a.Id))]);
        var operationIds = new JsonArray([.. contracts.Operations.Select(o => o.Id).Distinct().Select(id => JsonValue.Create(id))]);
        // new JsonArray(nodes), not a collection expression: that compiles to JsonArray.Add<T>, which Native AOT rejects.
        JsonArray OperationParameters() => new(
            new JsonObject { ["name"] = "api", ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string", ["enum"] = apiIds.DeepClone() } },
            new JsonObject { ["name"] = "operation", ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string", ["enum"] = operationIds.DeepClone() } });

        var paths = new JsonObject
        {
            ["/__harness"] = Get("index", "The control API's endpoints.",
                Example(new ControlIndex("Refresh Harness mock server", ["GET /__harness/health"], ["state-changing calls (POST, PUT) take Content-Type: application/json and no query string"]), ControlJson.Default.ControlIndex)),
            ["/__harness/health"] = Get("health", "Liveness: sessions held and requests served.", Example(new HealthReading("ok", 0, 0), ControlJson.Default.HealthReading)),
            ["/__harness/reset"] = Post("reset", "Forgets every session, forced outcome, fault and journal entry; the clock goes back to its start.", null,
                Example(new ResetDone(true), ControlJson.Default.ResetDone)),
            ["/__harness/clock"] = Get("clock", "The mock's virtual clock.", clock),
            ["/__harness/clock/advance"] = Post("advanceClock", "Moves the virtual clock forward: tokens and sessions expire without waiting.",
                new JsonObject { ["seconds"] = 3600 }, clock, Schema(("seconds", "number", true))),
            ["/__harness/sessions"] = Get("sessions", "Live and revoked token families (ids masked).", new JsonArray()),
            ["/__harness/journal"] = new JsonObject
            {
                ["get"] = Operation("journal", "The latest requests and answers, tokens redacted.", null, new JsonArray(),
                    parameters: new JsonArray(new JsonObject { ["name"] = "limit", ["in"] = "query", ["required"] = false, ["schema"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 } })),
                ["delete"] = Operation("clearJournal", "Empties the journal.", null, Example(new JournalCleared(true), ControlJson.Default.JournalCleared)),
            },
            ["/__harness/apis"] = Get("apis", "Every API, operation and documented outcome of the loaded contracts.", new JsonArray()),
            ["/__harness/target"] = Get("target", "The fake test credentials of this run (a target profile's values): tenant, auth service, session token, clients, user.",
                new JsonObject { ["tenant"] = "example-tenant" }),
            ["/__harness/state"] = Get("state", "Clock, counts, forced outcomes, faults and defects in one answer.", new JsonObject()),
            ["/__harness/operations/{api}/{operation}/force"] = new JsonObject
            {
                ["post"] = Operation("force", "Makes the next request(s) of an operation answer a documented status (and condition, where one status has several).",
                    new JsonObject { ["status"] = 403, ["count"] = 1 },
                    Example(new ForceSet("ags-refresh.refresh", 403, "wrong-tenant", 1), ControlJson.Default.ForceSet),
                    OperationParameters(), Schema(("status", "integer", true), ("count", "integer", false), ("condition", "string", false), ("field", "string", false))),
                ["delete"] = Operation("clearForce", "Stops forcing an operation's outcome.", null, cleared, OperationParameters()),
            },
            ["/__harness/operations/{api}/{operation}/fault"] = new JsonObject
            {
                ["post"] = Operation("fault", "Injects a fault into an operation: latency, a 5xx, a malformed or empty answer, a dropped connection.",
                    new JsonObject { ["kind"] = "latency", ["latencyMs"] = 300, ["jitterMs"] = 200 },
                    Example(new FaultSet("ags-refresh.refresh", "latency", 300, 200, 503, 1, null), ControlJson.Default.FaultSet),
                    OperationParameters(), Schema(("kind", "string", true), ("latencyMs", "integer", false), ("jitterMs", "integer", false), ("status", "integer", false),
                        ("retryAfterSeconds", "integer", false), ("count", "integer", false))),
                ["delete"] = Operation("clearFault", "Removes an operation's fault.", null, cleared, OperationParameters()),
            },
            ["/__harness/overrides"] = new JsonObject
            {
                ["get"] = Operation("overrides", "The run-time overrides in force, oldest first (remaining null: until cleared).", null, new JsonArray(OverrideExample())),
                ["delete"] = Operation("clearOverrides", "Clears every run-time override.", null, Example(new OverridesCleared(2), OverrideJson.Default.OverridesCleared)),
            },
            ["/__harness/overrides/claims"] = OverridePost("overrideClaims",
                "Adds or changes claims in the next access tokens (count; without one, until cleared) of any user or one (username, sub or account id), "
                + "optionally of one API's realm; the ID token issued with them gets them too. Signed in: the tokens stay the mock's own.",
                new JsonObject { ["claims"] = new JsonObject { ["roles"] = new JsonArray("admin") }, ["count"] = 1 },
                Schema(("claims", "object", true), ("user", "string", false), ("api", "string", false), ("count", "integer", false)),
                "invalid_claims, unknown_user, unknown_api, invalid_count, invalid_json, too_many_overrides"),
            ["/__harness/overrides/body"] = OverridePost("overrideBody",
                "Sets a field of an operation's next answers (a path: expires_in, content.accessToken, parameters[0].value) to any JSON value, or removes it.",
                new JsonObject { ["operation"] = "ags-refresh.refresh", ["field"] = "expires_in", ["value"] = 5, ["count"] = 1 },
                AnyValue(Schema(("operation", "string", true), ("field", "string", true), ("value", "string", false), ("remove", "boolean", false), ("count", "integer", false)), "value"),
                "unknown_operation, invalid_field, invalid_value, invalid_count, invalid_json, too_many_overrides"),
            ["/__harness/overrides/header"] = OverridePost("overrideHeader",
                "Adds a response header to an operation's next answers (replacing the answer's own of that name; exposed to browsers through CORS).",
                new JsonObject { ["operation"] = "ags-refresh.refresh", ["name"] = "X-Request-Id", ["value"] = "abc-123", ["count"] = 1 },
                Schema(("operation", "string", true), ("name", "string", true), ("value", "string", true), ("count", "integer", false)),
                "unknown_operation, invalid_header, reserved_header, invalid_header_value, invalid_count, invalid_json, too_many_overrides"),
            ["/__harness/overrides/status"] = OverridePost("overrideStatus",
                "OUTSIDE THE CONTRACT: answers a status the operation does not document (200-599; once, or count times) instead of running it, with the given body "
                + "or an {error: outside_contract} one, and the header X-Harness-Outside-Contract; its journal entry has condition outside-contract and outsideContract true. "
                + "Documented statuses are forced with /__harness/operations/{api}/{operation}/force.",
                new JsonObject { ["operation"] = "ags-refresh.refresh", ["status"] = 418 },
                AnyValue(Schema(("operation", "string", true), ("status", "integer", true), ("body", "object", false), ("count", "integer", false)), "body"),
                "unknown_operation, invalid_status, documented_status, invalid_count, invalid_json, too_many_overrides"),
            ["/__harness/overrides/clear"] = new JsonObject
            {
                ["post"] = Operation("clearOverride", "Clears one run-time override by id ({} clears them all); cleared says how many went (0: none had that id).",
                    new JsonObject { ["id"] = 1 }, Example(new OverridesCleared(1), OverrideJson.Default.OverridesCleared), requestSchema: Schema(("id", "integer", false))),
            },
            ["/__harness/defects"] = Get("defects", "The rules the mock can break on purpose (--defect NAME), and which are on.",
                new JsonArray(Example(new DefectView(DefectCatalog.All[0].Name, DefectCatalog.All[0].Rule, DefectCatalog.All[0].Description, false), ControlJson.Default.DefectView))),
            ["/__harness/keys"] = Get("keys", "The JSON Web Key Set that verifies the tokens the mock issues.", new JsonObject { ["keys"] = new JsonArray() }),
            ["/__harness/dashboard"] = new JsonObject { ["get"] = Page("dashboard", "The dashboard: documented statuses, forced outcomes and faults, the clock, sessions, the journal.") },
            ["/__harness/demo"] = new JsonObject { ["get"] = Page("demo", "A demo frontend that signs on and refreshes cross-origin, as a browser app would.") },
            [OpenApiDocuments.PathPrefix] = Get("openApiDocuments", "The OpenAPI documents the mock serves: one per API and this one.",
                new JsonObject { ["documents"] = new JsonArray(JsonValue.Create($"{OpenApiDocuments.PathPrefix}/{OpenApiDocuments.ControlName}.json")) }),
        };

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Refresh Harness mock: control API",
                ["version"] = OpenApiDocuments.ProductVersion,
                ["description"] = "Drives the Refresh Harness mock from a test or a browser: reset, the virtual clock, forced outcomes, faults, run-time overrides, the journal. " +
                                  "Errors are `{\"error\", \"message\"}` with a 4xx status.",
                ["license"] = new JsonObject { ["name"] = "MIT", ["identifier"] = "MIT" },
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = $"http://127.0.0.1:{Hosting.MockServerOptions.DefaultPort}", ["description"] = "the Refresh Harness mock on its default port" }),
            // The control API is for the machine it runs on and for tests: it has no authentication.
            ["security"] = new JsonArray(new JsonObject()),
            ["paths"] = paths,
        };
    }

    private static JsonNode OverrideExample() => Example(new OverrideView(1, "header", "header X-Request-Id: abc-123", "ags-refresh.refresh", null, 1, 0, false), OverrideJson.Default.OverrideView);

    /// <summary>A POST that puts a run-time override in force: answers the override as listed, or a 400 naming one of <paramref name="errors"/>.</summary>
    private static JsonObject OverridePost(string id, string summary, JsonObject requestExample, JsonObject requestSchema, string errors)
    {
        var post = Operation(id, summary, requestExample, OverrideExample(), requestSchema: requestSchema);
        post["responses"]!["400"]!["description"] = $"a body the endpoint cannot use; error is one of {errors}";
        return new JsonObject { ["post"] = post };
    }

    /// <summary>A member that takes any JSON value.</summary>
    private static JsonObject AnyValue(JsonObject schema, string member)
    {
        schema["properties"]![member] = new JsonObject { ["description"] = "any JSON value" };
        return schema;
    }

    private static JsonObject Get(string id, string summary, JsonNode example) => new() { ["get"] = Operation(id, summary, null, example) };

    private static JsonObject Post(string id, string summary, JsonObject? requestExample, JsonNode example, JsonObject? requestSchema = null) =>
        new() { ["post"] = Operation(id, summary, requestExample, example, requestSchema: requestSchema) };

    private static JsonObject Operation(string id, string summary, JsonObject? requestExample, JsonNode example, JsonArray? parameters = null, JsonObject? requestSchema = null)
    {
        var problem = Example(ControlProblem.Of(400, "invalid_status", "give the status to force: {\"status\": 403, \"count\": 1}"), ControlJson.Default.ControlProblem);
        var responses = new JsonObject { ["200"] = Answer("the answer", example) };
        if (requestExample is not null) responses["400"] = Answer("a body the endpoint cannot use", problem.DeepClone());
        AddGuardAnswers(responses);
        if (parameters is not null) responses["404"] = Answer("no such operation", Example(ControlProblem.Of(404, "unknown_operation", "no operation 'ags-refresh.nope'"), ControlJson.Default.ControlProblem));
        var json = new JsonObject { ["operationId"] = id, ["summary"] = summary, ["tags"] = new JsonArray("control") };
        if (parameters is not null) json["parameters"] = parameters;
        if (requestExample is not null)
            json["requestBody"] = new JsonObject
            {
                ["required"] = false,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = requestSchema ?? new JsonObject { ["type"] = "object" }, ["example"] = requestExample } },
            };
        json["responses"] = responses;
        return json;
    }

    /// <summary>An HTML page of the control surface.</summary>
    private static JsonObject Page(string id, string summary)
    {
        var responses = new JsonObject
        {
            ["200"] = new JsonObject { ["description"] = "the page", ["content"] = new JsonObject { ["text/html"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } } } },
        };
        AddGuardAnswers(responses);
        return new JsonObject { ["operationId"] = id, ["summary"] = summary, ["tags"] = new JsonArray("control"), ["responses"] = responses };
    }

    /// <summary>
    /// What the control surface's guards answer before an endpoint runs (GET /__harness lists the rules): a control
    /// token when the mock requires one, a browser origin it does not allow, a Host header it does not answer to,
    /// a state-changing call that is not JSON.
    /// </summary>
    private static void AddGuardAnswers(JsonObject responses)
    {
        JsonNode Problem(int status, string error, string message) => Example(ControlProblem.Of(status, error, message), ControlJson.Default.ControlProblem);
        responses["401"] ??= Answer("the mock runs with --control-token and the request has none", Problem(401, "control_token_required", "Authorization: Bearer <token> or X-Harness-Control-Token: <token>"));
        responses["403"] ??= Answer("a browser origin the mock does not answer", Problem(403, "origin_not_allowed", "this origin may not call the control API"));
        responses["415"] ??= Answer("a state-changing call without Content-Type: application/json", Problem(415, "unsupported_media_type", "send Content-Type: application/json"));
        responses["421"] ??= Answer("a Host header the mock does not answer to", Problem(421, "unknown_host", "the Host header must be localhost, 127.0.0.1, [::1] or a --host-name"));
    }

    private static JsonObject Answer(string description, JsonNode example) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject
        {
            ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = example is JsonArray ? "array" : "object" }, ["example"] = example.DeepClone() },
        },
    };

    private static JsonObject Schema(params (string Name, string Type, bool Required)[] properties)
    {
        // additionalProperties false: the mock refuses a key a call does not take (400 invalid_json), so a typo is not ignored.
        var json = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject([.. properties.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)new JsonObject { ["type"] = p.Type }))]),
            ["additionalProperties"] = false,
        };
        var required = properties.Where(p => p.Required).Select(p => JsonValue.Create(p.Name)).ToArray();
        if (required.Length > 0) json["required"] = new JsonArray(required);
        return json;
    }

    private static JsonNode Example<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToNode(value, type)!;
}
