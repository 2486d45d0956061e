using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Harness.MockServer.Control;
using Harness.MockServer.Engine;
using Harness.MockServer.Requests;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.MockServer.WireMock;

/// <summary>
/// Turns one operation of a contract into WireMock stubs: the stateless part of the contract. Every error
/// body comes from <see cref="ResponseWriter.ContractErrorBody"/> and every forced outcome from
/// <see cref="ForcedOutcomeFinder"/>, the code the running mock answers with, so the two cannot drift apart.
/// <list type="bullet">
/// <item>Forced: each documented status behind <c>X-Harness-Force-Status</c>, and each (status, condition) pair
/// behind <c>X-Harness-Force-Condition</c> where several outcomes share a status: the override the mock honours.</item>
/// <item>Natural: the conditions a request shows by itself, in the mock's detection order (wrong method, content
/// type, malformed JSON, grant type, missing required fields), each only where the contract declares it.</item>
/// <item>Success: any well-formed request, answered with a static example body (WireMock keeps no token state).</item>
/// </list>
/// WireMock tries the lowest <c>priority</c> first, so the bands below reproduce the mock's order: a forced
/// outcome wins over everything, then detection runs top down, and success is what is left.
/// </summary>
internal sealed class ContractStubConverter
{
    // Forced stubs of an operation that shares its method and path (Keycloak's password grant) also match its
    // grant_type and take these priorities; every other operation's forced stubs sit one lower (2 and 4).
    public const int ForcedConditionPriority = 1;
    public const int ForcedStatusPriority = 3;
    public const int WrongMethodPriority = 5;
    public const int WrongContentTypePriority = 6;
    public const int MalformedJsonPriority = 8;
    public const int MissingFixedFieldPriority = 9;
    public const int UnsupportedValuePriority = 10;
    public const int MissingFieldPriority = 11;
    public const int SuccessPriority = 40;

    private const string JsonContentType = "application/json; charset=utf-8";
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private readonly ContractSet _contracts;
    private readonly OperationRouter _router;

    public ContractStubConverter(ContractSet contracts)
    {
        _contracts = contracts;
        _router = new OperationRouter(contracts);
    }

    /// <summary>The values the exported example requests carry: static, since WireMock checks no token.</summary>
    public static IReadOnlyDictionary<string, string> ExampleValues { get; } =
        Enum.GetValues<Slot>().ToDictionary(s => KebabName.Of(s), s => "example-" + KebabName.Of(s));

    public IEnumerable<ExportedStub> Convert(Operation operation)
    {
        var api = _contracts.Api(operation.ApiId) ?? throw new ArgumentException($"no API '{operation.ApiId}'", nameof(operation));
        var atPath = _router.At(operation.Path);
        var sameMethod = atPath.Where(o => o.Method == operation.Method).ToList();
        var methodPrimary = ReferenceEquals(sameMethod[0], operation);
        var pathPrimary = ReferenceEquals(atPath[0], operation);
        var valid = ExampleFor(operation, ExampleValues);

        foreach (var stub in Forced(api, operation, sameMethod.Count > 1 && !methodPrimary, valid)) yield return stub;
        if (pathPrimary)
            foreach (var stub in WrongMethod(api, operation, atPath)) yield return stub;
        if (methodPrimary)
        {
            foreach (var stub in ContentTypeAndBody(api, operation, valid)) yield return stub;
            foreach (var stub in FixedFields(api, operation, sameMethod)) yield return stub;
        }
        foreach (var stub in MissingFields(api, operation)) yield return stub;
        if (operation.HasOutcome(Condition.Success)) yield return Success(api, operation, valid);
    }

    // ---------------------------------------------------------------------------------------------------
    // Forced: the mock answers a documented outcome of the operation, whatever the request says.

    private IEnumerable<ExportedStub> Forced(ApiContract api, Operation operation, bool needsIdentity, ExampleRequest valid)
    {
        var errors = operation.Outcomes.Where(o => o.When != Condition.Success).ToList();
        // On a path several operations share, the fixed fields (grant_type) say which one is forced; the one
        // the mock falls back to (the refresh operation) matches without them, one priority lower.
        var identity = needsIdentity ? FixedFieldMatchers(operation) : new Matchers();
        var shift = needsIdentity ? 0 : 1;
        foreach (var status in errors.Select(o => o.Status).Distinct())
        {
            var outcome = ForcedOutcomeFinder.Find(operation, status, null);
            var code = status.ToString(CultureInfo.InvariantCulture);
            var matchers = identity.With(headers: [new(MockEngine.ForceStatusHeader, ContentPattern.Equal(code))]);
            var forced = valid.WithHeader(MockEngine.ForceStatusHeader, code);
            // A forced outcome wins over whatever the request gets wrong: an empty request is answered the same way.
            ExampleRequest[] variants = needsIdentity ? [] : [new ExampleRequest(operation.Method, operation.Path, [new(MockEngine.ForceStatusHeader, code)], null)];
            yield return Error(api, operation, outcome, StubTrigger.Forced, $"forced-{code}", ForcedStatusPriority + shift, operation.Method, matchers,
                $"{MockEngine.ForceStatusHeader}: {code}", forced, variants);

            if (errors.Count(o => o.Status == status) < 2) continue;
            foreach (var condition in errors.Where(o => o.Status == status).Select(o => KebabName.Of(o.When)).Distinct())
            {
                var narrowed = ForcedOutcomeFinder.Find(operation, status, condition);
                var both = identity.With(headers:
                [
                    new(MockEngine.ForceStatusHeader, ContentPattern.Equal(code)),
                    new(MockEngine.ForceConditionHeader, ContentPattern.Equal(condition)),
                ]);
                yield return Error(api, operation, narrowed, StubTrigger.Forced, $"forced-{code}-{condition}", ForcedConditionPriority + shift, operation.Method, both,
                    $"{MockEngine.ForceStatusHeader}: {code} and {MockEngine.ForceConditionHeader}: {condition}",
                    valid.WithHeader(MockEngine.ForceStatusHeader, code).WithHeader(MockEngine.ForceConditionHeader, condition));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Natural triggers, in the order RequestChecks detects them.

    private IEnumerable<ExportedStub> WrongMethod(ApiContract api, Operation operation, IReadOnlyList<Operation> atPath)
    {
        if (operation.OutcomeFor(Condition.WrongMethod) is not { } outcome) yield break;
        foreach (var method in Methods.Where(m => atPath.All(o => o.Method != m)))
            yield return Error(api, operation, outcome, StubTrigger.Natural, $"wrong-method-{method.ToLowerInvariant()}", WrongMethodPriority, method, new Matchers(),
                $"method {method} instead of {operation.Method}", new ExampleRequest(method, operation.Path, [], null));
    }

    private IEnumerable<ExportedStub> ContentTypeAndBody(ApiContract api, Operation operation, ExampleRequest valid)
    {
        if (operation.ContentType is not { } expected || valid.Body is null) yield break;
        // An API that does not declare wrong-content-type answers a body in another type as malformed (RequestChecks).
        var condition = operation.HasOutcome(Condition.WrongContentType) ? Condition.WrongContentType : Condition.MalformedBody;
        if (operation.OutcomeFor(condition) is { } outcome)
        {
            // WireMock 3.13's doesNotMatch also matches an absent header, so one stub covers a body sent without a Content-Type too.
            yield return Error(api, operation, outcome, StubTrigger.Natural, $"{KebabName.Of(condition)}-content-type", WrongContentTypePriority, operation.Method,
                new Matchers([new("Content-Type", ContentPattern.NotRegex(MediaTypeRegex(expected)))], [], [ContentPattern.Regex("(?s).+")]),
                $"a body whose Content-Type is not {expected} (or is missing)", valid.WithHeader("Content-Type", "text/plain"),
                valid.WithoutHeader("Content-Type"), valid.WithHeader("Content-Type", expected.Contains("json", StringComparison.Ordinal) ? "application/x-www-form-urlencoded" : "application/json"));
        }

        // RequestChecks: the body must parse as a JSON object whose members have the types the contract gives them.
        if (RequestReader.IsJson(expected) && operation.OutcomeFor(Condition.MalformedBody) is { } malformed)
            yield return Error(api, operation, malformed, StubTrigger.Natural, "malformed-body-json", MalformedJsonPriority, operation.Method,
                new Matchers([new("Content-Type", ContentPattern.Regex(MediaTypeRegex(expected)))], [],
                    [ContentPattern.Regex("(?s).+"), ContentPattern.Negate(ContentPattern.JsonSchema(JsonSchemas.Typed(operation)))]),
                "a body that is not a JSON object, or whose members do not have their types", valid with { Body = "{not json" },
                [valid with { Body = "[]" }, .. operation.Request.Where(f => f.In == FieldLocation.Json && f.Type is FieldType.String or FieldType.Jwt or FieldType.NameValueArray)
                    .Take(1).Select(f => WithJson(valid, body => body[f.Name] = f.Type == FieldType.NameValueArray ? (JsonNode)"not-an-array" : 42))]);
    }

    private IEnumerable<ExportedStub> FixedFields(ApiContract api, Operation operation, IReadOnlyList<Operation> sameMethod)
    {
        foreach (var field in operation.FixedFields.Where(f => f.In == FieldLocation.Form))
        {
            if (operation.OutcomeFor(Condition.MissingField, field.Name) is { } missing)
                yield return Error(api, operation, missing, StubTrigger.Natural, $"missing-field-{field.Name}", MissingFixedFieldPriority, operation.Method,
                    new Matchers([], [new(field.Name, ContentPattern.IsAbsent())], []),
                    $"form parameter {field.Name} absent", ExampleFor(operation, ExampleValues, omit: field));

            if (operation.OutcomeFor(Condition.UnsupportedGrantType) is { } unsupported)
            {
                // A value no operation of this method on the path takes (RequestChecks.ChooseByFixedFields).
                var taken = sameMethod.SelectMany(o => o.FixedFields).Where(f => f.Name == field.Name).Select(f => $"\\Q{f.Value}\\E").Distinct();
                yield return Error(api, operation, unsupported, StubTrigger.Natural, $"unsupported-grant-type-{field.Name}", UnsupportedValuePriority, operation.Method,
                    new Matchers([], [new(field.Name, ContentPattern.NotRegex($"(?:{string.Join("|", taken)})"))], []),
                    $"form parameter {field.Name} with a value no operation here takes",
                    ExampleFor(operation, ExampleValues, set: (field, "unsupported_example_grant")));
            }
        }
    }

    private IEnumerable<ExportedStub> MissingFields(ApiContract api, Operation operation)
    {
        var identity = FixedFieldMatchers(operation);
        var order = 0;
        foreach (var (field, item) in RequiredFields(operation))
        {
            var priority = MissingFieldPriority + order++;
            if (field.Value is not null) continue; // a fixed field: missing or not, it is FixedFields' concern
            var name = item?.Name ?? field.Name;
            var condition = item is null && field.In is FieldLocation.Header or FieldLocation.BasicAuth ? Condition.MissingHeader : Condition.MissingField;
            if (operation.OutcomeFor(condition, name) is not { } outcome) continue;
            (Matchers Absent, string How)? absent = (field.In, item) switch
            {
                (FieldLocation.Header, null) => (new Matchers([new(field.Name, ContentPattern.IsAbsent())], [], []), $"header {field.Name} absent"),
                (FieldLocation.BasicAuth, null) => (new Matchers([new("Authorization", ContentPattern.IsAbsent())], [], []), "no Authorization header (HTTP Basic)"),
                (FieldLocation.Form, null) => (new Matchers([], [new(field.Name, ContentPattern.IsAbsent())], []), $"form parameter {field.Name} absent"),
                (FieldLocation.Json, null) => (new Matchers([], [], [ContentPattern.Negate(ContentPattern.JsonSchema(JsonSchemas.Present(field, null)))]),
                    field.Type == FieldType.NameValueArray ? $"JSON member {field.Name} absent or null" : $"JSON member {field.Name} absent, null or empty"),
                (FieldLocation.Json, { } i) => (new Matchers([], [], [ContentPattern.Negate(ContentPattern.JsonSchema(JsonSchemas.Present(field, i)))]),
                    $"no {{\"name\": \"{i.Name}\", \"value\": ...}} item in {field.Name}"),
                _ => null,
            };
            if (absent is not { } a) continue;
            var slug = condition == Condition.MissingHeader ? $"missing-header-{name}" : $"missing-field-{name}";
            var complete = ExampleFor(operation, ExampleValues);
            ExampleRequest[] variants = (field.In, item) switch
            {
                (FieldLocation.Json, null) when field.Type == FieldType.NameValueArray => [WithJson(complete, body => body[field.Name] = null)],
                (FieldLocation.Json, null) => [WithJson(complete, body => body[field.Name] = null), WithJson(complete, body => body[field.Name] = "")],
                (FieldLocation.Json, { } i) =>
                [
                    WithJson(complete, body => body[field.Name]!.AsArray().Add((JsonNode)new JsonObject { ["name"] = i.Name, ["value"] = "second" })),
                    WithJson(complete, body => body[field.Name] = new JsonArray(new JsonObject { ["name"] = i.Name, ["value"] = "" })),
                ],
                _ => [],
            };
            yield return Error(api, operation, outcome, StubTrigger.Natural, slug, priority, operation.Method, identity.With(a.Absent),
                a.How, ExampleFor(operation, ExampleValues, omit: field, omitItem: item), variants);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Success: a request with every required field gets a static example of the success body.

    private ExportedStub Success(ApiContract api, Operation operation, ExampleRequest valid)
    {
        var matchers = FixedFieldMatchers(operation);
        if (operation.ContentType is { } type && valid.Body is not null)
            matchers = matchers.With(headers: [new("Content-Type", ContentPattern.Regex(MediaTypeRegex(type)))]);
        var json = new List<JsonObject>();
        foreach (var (field, item) in RequiredFields(operation).Where(r => r.Field.Value is null))
        {
            matchers = (field.In, item) switch
            {
                (FieldLocation.Header, null) => matchers.With(headers: [new(field.Name, ContentPattern.NonBlank())]),
                (FieldLocation.BasicAuth, null) => matchers.With(headers: [new("Authorization", ContentPattern.Regex("(?i)\\s*Basic\\s+\\S+.*"))]),
                (FieldLocation.Form, null) => matchers.With(form: [new(field.Name, ContentPattern.NonBlank())]),
                _ => matchers,
            };
            if (field.In == FieldLocation.Json) json.Add(JsonSchemas.Present(field, item));
        }
        if (json.Count > 0)
            matchers = matchers.With(body: [ContentPattern.JsonSchema(json.Count == 1 ? json[0] : new JsonObject { ["allOf"] = new JsonArray([.. json]) })]);
        var headers = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = JsonContentType };
        foreach (var group in operation.Response.Headers.GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase))
            headers[group.Key] = string.Join(", ", group.Select(h => h.Contains));
        var outcome = Outcomes.Success(operation);
        var response = new ResponseDefinition { Status = operation.Response.Status, Headers = headers, JsonBody = ExampleSuccessBody(api, operation) };
        return Stub(api, operation, outcome, StubTrigger.Success, "success", SuccessPriority, operation.Method, matchers, response,
            "a well-formed request (every required field present)", valid);
    }

    /// <summary>The success body field by field from the contract, filled as the mock fills it (<see cref="SlotFiller"/>), with static values.</summary>
    public JsonObject ExampleSuccessBody(ApiContract api, Operation operation)
    {
        var policy = _contracts.Policy(api.Realm);
        // Instants count from 0, so each lifetime is the realm's; tokens parse as JWTs but are not signed.
        var values = new AnswerValues(Encoding.UTF8.GetBytes(ExampleJwt(api, Slot.AccessToken)), Encoding.UTF8.GetBytes(ExampleJwt(api, Slot.RefreshToken)),
            0, policy?.Access.Seconds ?? 0, policy?.Refresh.Seconds ?? 0, policy?.Session?.Seconds,
            ExampleValue(Slot.ClientId), ExampleValue(Slot.AccountId), ExampleValue(Slot.Scope), ExampleValue(Slot.SessionState), ExampleValue(Slot.Tenant));
        var body = new JsonObject();
        foreach (var field in operation.Response.Fields)
        {
            var value = field.EqualTo is { } literal ? literal.DeepClone() : SlotFiller.Value(field, values);
            // A field already filled by a deeper path (content[0].token under content) keeps what it has.
            if (BodyPath.Get(body, field.Path, out var found) is not null && found && value is JsonArray or JsonObject) continue;
            BodyPath.Set(body, field.Path, value);
        }
        return body;
    }

    private static string ExampleValue(Slot slot) => ExampleValues[KebabName.Of(slot)];

    /// <summary>A JWT-shaped static token: it parses, but its signature is not valid (WireMock signs nothing).</summary>
    private string ExampleJwt(ApiContract api, Slot slot)
    {
        var policy = _contracts.Policy(api.Realm);
        var claims = slot == Slot.RefreshToken ? policy?.RefreshClaims : policy?.AccessClaims;
        var payload = new JsonObject { ["iss"] = "refresh-harness-wiremock-export", ["sub"] = "example", ["exp"] = 4102444800L };
        if (claims?.GetValueOrDefault("typ") is JsonValue typ && typ.TryGetValue<string>(out var t) && !t.StartsWith("${", StringComparison.Ordinal)) payload["typ"] = t;
        static string Encode(string text) => Base64Url(Encoding.UTF8.GetBytes(text));
        return $"{Encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")}.{Encode(payload.ToJsonString())}.{Encode("static example, not a valid signature")}";
    }

    // ---------------------------------------------------------------------------------------------------
    // Example requests.

    /// <summary>
    /// A well-formed request for the operation: every required field filled from <paramref name="values"/> (slot
    /// name → value, e.g. the mock's target values; a missing slot gets <c>example-&lt;slot&gt;</c>), fixed fields with
    /// their value. <paramref name="omit"/>/<paramref name="omitItem"/> leave one field out, <paramref name="set"/> overrides one.
    /// </summary>
    public static ExampleRequest ExampleFor(Operation operation, IReadOnlyDictionary<string, string> values,
        RequestField? omit = null, RequestField? omitItem = null, (RequestField Field, string Value)? set = null)
    {
        string ValueOf(RequestField field)
        {
            if (set is { } s && ReferenceEquals(s.Field, field)) return s.Value;
            if (field.Value is not null) return field.Value;
            var key = field.Binds is { } slot ? KebabName.Of(slot) : field.Name;
            return values.TryGetValue(key, out var v) ? v : "example-" + key;
        }

        bool Sends(RequestField field)
        {
            if (!field.Required || ReferenceEquals(field, omitItem)) return false;
            if (omitItem is not null) return true;
            // Without one of its HTTP Basic credentials there is no Authorization header at all.
            return !ReferenceEquals(field, omit) && !(omit?.In == FieldLocation.BasicAuth && field.In == FieldLocation.BasicAuth);
        }

        var request = ContractRequest.Build(operation, ValueOf, Sends);
        return new ExampleRequest(request.Method, request.PathAndQuery, request.AllHeaders, request.Body);
    }

    // ---------------------------------------------------------------------------------------------------
    // Building blocks.

    /// <summary>Matchers a stub adds to its method and path, merged field by field.</summary>
    private sealed record Matchers(
        IReadOnlyList<KeyValuePair<string, ContentPattern>> Headers,
        IReadOnlyList<KeyValuePair<string, ContentPattern>> Form,
        IReadOnlyList<ContentPattern> Body)
    {
        public Matchers() : this([], [], []) { }

        public Matchers With(Matchers other) => With(other.Headers, other.Form, other.Body);

        public Matchers With(IReadOnlyList<KeyValuePair<string, ContentPattern>>? headers = null,
            IReadOnlyList<KeyValuePair<string, ContentPattern>>? form = null, IReadOnlyList<ContentPattern>? body = null) =>
            new([.. Headers, .. headers ?? []], [.. Form, .. form ?? []], [.. Body, .. body ?? []]);

        public RequestPattern ToPattern(string method, string path) => new()
        {
            Method = method,
            UrlPath = path,
            Headers = Headers.Count == 0 ? null : LastWins(Headers, StringComparer.OrdinalIgnoreCase),
            FormParameters = Form.Count == 0 ? null : LastWins(Form, StringComparer.Ordinal),
            BodyPatterns = Body.Count == 0 ? null : [.. Body],
        };

        private static SortedDictionary<string, ContentPattern> LastWins(IEnumerable<KeyValuePair<string, ContentPattern>> pairs, StringComparer comparer)
        {
            var result = new SortedDictionary<string, ContentPattern>(comparer);
            foreach (var (key, value) in pairs) result[key] = value;
            return result;
        }
    }

    /// <summary>The fixed fields (grant_type=refresh_token) that tell an operation apart from others on its path.</summary>
    private static Matchers FixedFieldMatchers(Operation operation) => new(
        [.. operation.FixedFields.Where(f => f.In == FieldLocation.Header).Select(f => new KeyValuePair<string, ContentPattern>(f.Name, ContentPattern.Equal(f.Value!)))],
        [.. operation.FixedFields.Where(f => f.In == FieldLocation.Form).Select(f => new KeyValuePair<string, ContentPattern>(f.Name, ContentPattern.Equal(f.Value!)))],
        [.. operation.FixedFields.Where(f => f.In == FieldLocation.Json).Select(f => ContentPattern.JsonSchema(JsonSchemas.Fixed(f)))]);

    /// <summary>Required fields and required name-value items, in the order RequestChecks checks them.</summary>
    private static IEnumerable<(RequestField Field, RequestField? Item)> RequiredFields(Operation operation)
    {
        foreach (var field in operation.Request.Where(f => f.Required))
        {
            yield return (field, null);
            foreach (var item in field.Items.Where(i => i.Required)) yield return (field, item);
        }
    }

    private ExportedStub Error(ApiContract api, Operation operation, Outcome outcome, StubTrigger trigger, string slug, int priority,
        string method, Matchers matchers, string how, ExampleRequest example, params IReadOnlyList<ExampleRequest> variants)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = JsonContentType };
        foreach (var group in outcome.Headers.GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase))
            headers[group.Key] = string.Join(", ", group.Select(ResponseWriter.ChallengeValue));
        // As the mock answers it: a wrong method is told the methods the path takes (RFC 9110 §15.5.6).
        var allowed = ResponseWriter.AllowedMethods(_router.At(operation.Path));
        if (outcome.When == Condition.WrongMethod) headers["Allow"] = allowed;
        if (trigger == StubTrigger.Forced) headers[ForcedOutcomeFinder.ForcedConditionHeader] = KebabName.Of(outcome.When);
        var response = new ResponseDefinition
        {
            Status = outcome.Status,
            Headers = headers,
            JsonBody = ResponseWriter.ContractErrorBody(api.ErrorShape, operation, outcome, allowed),
        };
        return Stub(api, operation, outcome, trigger, slug, priority, method, matchers, response, how, example, variants);
    }

    private static ExportedStub Stub(ApiContract api, Operation operation, Outcome outcome, StubTrigger trigger, string slug, int priority,
        string method, Matchers matchers, ResponseDefinition response, string how, ExampleRequest example, params IReadOnlyList<ExampleRequest> variants)
    {
        var stem = Sanitize($"{operation.ApiId}.{operation.Id}.{outcome.Status}.{slug}");
        var name = $"{operation.QualifiedId} {outcome.Status} {outcome.Describe()}: {how}";
        var metadata = new JsonObject
        {
            ["harness"] = new JsonObject
            {
                ["api"] = api.Id,
                ["operation"] = operation.Id,
                ["outcome"] = OutcomeJson.Of(outcome),
                ["trigger"] = KebabName.Of(trigger),
                ["how"] = how,
                ["example"] = example.ToJson(),
            },
        };
        if (variants.Count > 0) metadata["harness"]!["alsoMatches"] = new JsonArray([.. variants.Select(v => (JsonNode)v.ToJson())]);
        var mapping = new StubMapping
        {
            Id = UuidOf(stem),
            Name = name,
            Priority = priority,
            Request = matchers.ToPattern(method, operation.Path),
            Response = response,
            Metadata = metadata,
        };
        return new ExportedStub(stem, mapping, operation, outcome, trigger, how, example, variants);
    }

    /// <summary>The example with its JSON body changed.</summary>
    private static ExampleRequest WithJson(ExampleRequest example, Action<JsonObject> change)
    {
        var body = JsonNode.Parse(example.Body ?? "{}")!.AsObject();
        change(body);
        return example with { Body = body.ToJsonString() };
    }

    /// <summary>A Java regex for a media type with optional parameters: <c>application/json; charset=utf-8</c>.</summary>
    private static string MediaTypeRegex(string mediaType) => $"(?i)\\s*\\Q{mediaType}\\E\\s*(;.*)?";

    private static string Sanitize(string text) =>
        new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-')]);

    /// <summary>A stable UUID (version 8, name-based) so each export gives a stub the same id.</summary>
    private static string UuidOf(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("refresh-harness/" + name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = System.Convert.ToHexString(hash, 0, 16).ToLowerInvariant();
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }

    private static string Base64Url(byte[] bytes) => System.Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>JSON Schemas that say what RequestChecks and IncomingRequest decide about a JSON body.</summary>
    private static class JsonSchemas
    {
        /// <summary>JsonFieldsHaveTheirTypes: an object whose string members are strings and name-value arrays hold {"name", "value"} objects (null is allowed).</summary>
        public static JsonObject Typed(Operation operation)
        {
            var properties = new JsonObject();
            foreach (var field in operation.Request.Where(f => f.In == FieldLocation.Json))
            {
                properties[field.Name] = field.Type switch
                {
                    FieldType.NameValueArray => new JsonObject
                    {
                        ["type"] = new JsonArray("array", "null"),
                        ["items"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["required"] = new JsonArray("name"),
                            ["properties"] = new JsonObject
                            {
                                ["name"] = new JsonObject { ["type"] = "string" },
                                ["value"] = new JsonObject { ["type"] = new JsonArray("string", "null") },
                            },
                        },
                    },
                    FieldType.String or FieldType.Jwt => new JsonObject { ["type"] = new JsonArray("string", "null") },
                    _ => new JsonObject(),
                };
            }
            return new JsonObject { ["type"] = "object", ["properties"] = properties };
        }

        /// <summary>
        /// IncomingRequest.Has / ItemValue: a member is there when it is a non-empty string (a name-value array: an
        /// array); an item when exactly one member has its name and that member has a non-empty string value.
        /// </summary>
        public static JsonObject Present(RequestField field, RequestField? item)
        {
            JsonNode member = (field.Type, item) switch
            {
                (FieldType.NameValueArray, null) => new JsonObject { ["type"] = "array" },
                (_, null) => new JsonObject { ["type"] = "string", ["minLength"] = 1 },
                (_, { } i) => new JsonObject
                {
                    ["type"] = "array",
                    ["allOf"] = new JsonArray(
                        new JsonObject { ["contains"] = Item(i.Name, withValue: false), ["maxContains"] = 1 },
                        new JsonObject { ["contains"] = Item(i.Name, withValue: true) }),
                },
            };
            return Member(field.Name, member);
        }

        /// <summary>A fixed JSON member (none of today's contracts has one; grant_type travels in forms).</summary>
        public static JsonObject Fixed(RequestField field) => Member(field.Name, new JsonObject { ["const"] = field.Value });

        private static JsonObject Member(string name, JsonNode schema) => new()
        {
            ["type"] = "object",
            ["required"] = new JsonArray(name),
            ["properties"] = new JsonObject { [name] = schema },
        };

        private static JsonObject Item(string name, bool withValue)
        {
            var properties = new JsonObject { ["name"] = new JsonObject { ["const"] = name } };
            if (withValue) properties["value"] = new JsonObject { ["type"] = "string", ["minLength"] = 1 };
            return new JsonObject
            {
                ["type"] = "object",
                ["required"] = withValue ? new JsonArray("name", "value") : new JsonArray("name"),
                ["properties"] = properties,
            };
        }
    }
}
