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
public sealed class ContractStubConverter
{
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
            yield return Error(api, operation, outcome, StubTrigger.Forced, $"forced-{code}", ForcedStatusPriority + shift, operation.Method, matchers,
                $"{MockEngine.ForceStatusHeader}: {code}", valid.WithHeader(MockEngine.ForceStatusHeader, code));

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
            yield return Error(api, operation, outcome, StubTrigger.Natural, $"{KebabName.Of(condition)}-content-type", WrongContentTypePriority, operation.Method,
                new Matchers([new("Content-Type", ContentPattern.NotRegex(MediaTypeRegex(expected)))], [], [ContentPattern.Regex("(?s).+")]),
                $"a body whose Content-Type is not {expected}", valid.WithHeader("Content-Type", "text/plain"));
            yield return Error(api, operation, outcome, StubTrigger.Natural, $"{KebabName.Of(condition)}-no-content-type", WrongContentTypePriority, operation.Method,
                new Matchers([new("Content-Type", ContentPattern.IsAbsent())], [], [ContentPattern.Regex("(?s).+")]),
                "a body without a Content-Type", valid.WithoutHeader("Content-Type"));
        }

        if (RequestReader.IsJson(expected) && operation.OutcomeFor(Condition.MalformedBody) is { } malformed)
            yield return Error(api, operation, malformed, StubTrigger.Natural, "malformed-body-json", MalformedJsonPriority, operation.Method,
                new Matchers([new("Content-Type", ContentPattern.Regex(MediaTypeRegex(expected)))], [],
                    [ContentPattern.Regex("(?s).+"), ContentPattern.Negate(new ContentPattern { MatchesJsonSchema = new JsonObject { ["type"] = "object" } })]),
                "a body that is not a JSON object", valid with { Body = "{not json" });
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
                (FieldLocation.Json, null) => (new Matchers([], [], [ContentPattern.JsonPathAbsent(JsonMember(field.Name))]), $"JSON member {field.Name} absent or null"),
                (FieldLocation.Json, { } i) => (new Matchers([], [], [ContentPattern.Negate(ContentPattern.JsonPath(NameValueItem(field.Name, i.Name)))]),
                    $"no {{\"name\": \"{i.Name}\"}} item in {field.Name}"),
                _ => null,
            };
            if (absent is not { } a) continue;
            var slug = condition == Condition.MissingHeader ? $"missing-header-{name}" : $"missing-field-{name}";
            yield return Error(api, operation, outcome, StubTrigger.Natural, slug, priority, operation.Method, identity.With(a.Absent),
                a.How, ExampleFor(operation, ExampleValues, omit: field, omitItem: item));
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Success: a request with every required field gets a static example of the success body.

    private ExportedStub Success(ApiContract api, Operation operation, ExampleRequest valid)
    {
        var matchers = FixedFieldMatchers(operation);
        if (operation.ContentType is { } type && valid.Body is not null)
            matchers = matchers.With(headers: [new("Content-Type", ContentPattern.Regex(MediaTypeRegex(type)))]);
        foreach (var (field, item) in RequiredFields(operation).Where(r => r.Field.Value is null))
        {
            matchers = (field.In, item) switch
            {
                (FieldLocation.Header, null) => matchers.With(headers: [new(field.Name, ContentPattern.NonBlank())]),
                (FieldLocation.BasicAuth, null) => matchers.With(headers: [new("Authorization", ContentPattern.Regex("(?i)\\s*Basic\\s+\\S+.*"))]),
                (FieldLocation.Form, null) => matchers.With(form: [new(field.Name, ContentPattern.NonBlank())]),
                (FieldLocation.Json, null) when field.Type != FieldType.NameValueArray => matchers.With(body: [ContentPattern.JsonPath(JsonMember(field.Name))]),
                (FieldLocation.Json, { } i) => matchers.With(body: [ContentPattern.JsonPath(NameValueItem(field.Name, i.Name))]),
                _ => matchers,
            };
        }
        var headers = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = JsonContentType };
        foreach (var group in operation.Response.Headers.GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase))
            headers[group.Key] = string.Join(", ", group.Select(h => h.Contains));
        var outcome = Outcomes.Success(operation);
        var response = new ResponseDefinition { Status = operation.Response.Status, Headers = headers, JsonBody = ExampleSuccessBody(api, operation) };
        return Stub(api, operation, outcome, StubTrigger.Success, "success", SuccessPriority, operation.Method, matchers, response,
            "a well-formed request (every required field present)", valid);
    }

    /// <summary>The success body field by field from the contract, as ResponseWriter fills it, with static values.</summary>
    public JsonObject ExampleSuccessBody(ApiContract api, Operation operation)
    {
        var policy = _contracts.Policy(api.Realm);
        var body = new JsonObject();
        foreach (var field in operation.Response.Fields)
        {
            var lifetime = field.LifetimeOf is { } kind ? policy?.LifetimeOf(kind)?.Seconds : null;
            JsonNode? value = field switch
            {
                { EqualTo: { } literal } => literal.DeepClone(),
                _ when lifetime is { } seconds => field.Types[0] == FieldType.NumericString
                    ? JsonValue.Create(seconds.ToString(CultureInfo.InvariantCulture)) : JsonValue.Create(seconds),
                { Binds: { } slot } when field.Types[0] == FieldType.Jwt => ExampleJwt(api, slot),
                { Binds: { } slot } when field.Types[0] is FieldType.String => JsonValue.Create(ExampleValues[KebabName.Of(slot)]),
                _ => field.Types[0] switch
                {
                    FieldType.Integer or FieldType.Number => JsonValue.Create(0),
                    FieldType.Boolean => JsonValue.Create(false),
                    FieldType.Array or FieldType.NameValueArray => new JsonArray(),
                    FieldType.Object => new JsonObject(),
                    FieldType.Null or FieldType.Empty => null,
                    _ => JsonValue.Create("example"),
                },
            };
            // A field already filled by a deeper path (content[0].token under content) keeps what it has.
            if (BodyPath.Get(body, field.Path, out var found) is not null && found && value is JsonArray or JsonObject) continue;
            BodyPath.Set(body, field.Path, value);
        }
        return body;
    }

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

        var headers = new List<KeyValuePair<string, string>>();
        var json = new JsonObject();
        var form = new List<string>();
        string? basicId = null, basicSecret = null;
        foreach (var field in operation.Request.Where(f => f.Required))
        {
            if (omitItem is null && ReferenceEquals(field, omit)) continue;
            switch (field.In)
            {
                case FieldLocation.Header:
                    headers.Add(new(field.Name, field.Render(ValueOf(field))));
                    break;
                case FieldLocation.Form:
                    form.Add($"{Uri.EscapeDataString(field.Name)}={Uri.EscapeDataString(ValueOf(field))}");
                    break;
                case FieldLocation.BasicAuth when field.Binds == Slot.ClientSecret:
                    basicSecret = ValueOf(field);
                    break;
                case FieldLocation.BasicAuth:
                    basicId = ValueOf(field);
                    break;
                case FieldLocation.Json when field.Type == FieldType.NameValueArray:
                    json[field.Name] = new JsonArray([.. field.Items
                        .Where(i => i.Required && !ReferenceEquals(i, omitItem))
                        .Select(i => (JsonNode)new JsonObject { ["name"] = i.Name, ["value"] = ValueOf(i) })]);
                    break;
                case FieldLocation.Json:
                    json[field.Name] = ValueOf(field);
                    break;
            }
        }
        if (basicId is not null || basicSecret is not null)
        {
            var pair = $"{Uri.EscapeDataString(basicId ?? "")}:{Uri.EscapeDataString(basicSecret ?? "")}";
            headers.Add(new("Authorization", "Basic " + System.Convert.ToBase64String(Encoding.UTF8.GetBytes(pair))));
        }

        string? body = null;
        var hasJson = operation.Request.Any(f => f.In == FieldLocation.Json);
        var hasForm = operation.Request.Any(f => f.In == FieldLocation.Form);
        if (hasJson) body = json.ToJsonString();
        else if (hasForm) body = string.Join("&", form);
        if (body is not null && operation.ContentType is { } type) headers.Add(new("Content-Type", type));
        return new ExampleRequest(operation.Method, operation.Path, headers, body);
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
        [.. operation.FixedFields.Where(f => f.In == FieldLocation.Json).Select(f => new ContentPattern
        {
            MatchesJsonPath = new JsonObject { ["expression"] = JsonMember(f.Name), ["equalTo"] = f.Value },
        })]);

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
        string method, Matchers matchers, string how, ExampleRequest example)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = JsonContentType };
        foreach (var group in outcome.Headers.GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase))
            headers[group.Key] = string.Join(", ", group.Select(ResponseWriter.ChallengeValue));
        var response = new ResponseDefinition
        {
            Status = outcome.Status,
            Headers = headers,
            JsonBody = ResponseWriter.ContractErrorBody(api.ErrorShape, outcome),
        };
        return Stub(api, operation, outcome, trigger, slug, priority, method, matchers, response, how, example);
    }

    private static ExportedStub Stub(ApiContract api, Operation operation, Outcome outcome, StubTrigger trigger, string slug, int priority,
        string method, Matchers matchers, ResponseDefinition response, string how, ExampleRequest example)
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
        var mapping = new StubMapping
        {
            Id = UuidOf(stem),
            Name = name,
            Priority = priority,
            Request = matchers.ToPattern(method, operation.Path),
            Response = response,
            Metadata = metadata,
        };
        return new ExportedStub(stem, mapping, operation, outcome, trigger, how, example);
    }

    /// <summary>A Java regex for a media type with optional parameters: <c>application/json; charset=utf-8</c>.</summary>
    private static string MediaTypeRegex(string mediaType) => $"(?i)\\s*\\Q{mediaType}\\E\\s*(;.*)?";

    private static string JsonMember(string name) => $"$['{name}']";

    private static string NameValueItem(string array, string item) => $"$['{array}'][?(@.name == '{item}')]";

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
}
