using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Harness.MockServer.Defects;
using Harness.MockServer.Hosting;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Engine;

/// <summary>
/// Turns an <see cref="Answer"/> into bytes: success bodies field by field from the contract, errors in the
/// API's error shape with the outcome's headers, and the Date header from the virtual clock so a client can
/// check a token's exp against it.
/// </summary>
internal sealed class ResponseWriter(MockState state)
{
    public const string ServerErrorTrace = "System.Text.Json.JsonException: ';' is invalid after a value.\n   at Harness.TokenController.Refresh(HttpRequest request)\n   at Microsoft.AspNetCore.Routing.EndpointMiddleware.Invoke(HttpContext context)";

    private readonly ApiIndex _apis = new(state.Contracts);
    private readonly ConcurrentDictionary<Operation, TokenBodyTemplate> _tokenBodies = new(ReferenceEqualityComparer.Instance);
    private DateText _date = new(long.MinValue, "");

    public (int Status, Rendered Body) Render(Answer answer, HttpResponse response)
    {
        // A token answer is dated by the instant its tokens were minted, so exp = Date + expires_in exactly.
        response.Headers.Date = DateHeader(answer is TokenAnswer minted ? minted.Now : state.Clock.UnixSeconds);
        var operation = answer.Operation;
        var api = _apis.ApiOf(operation);
        switch (answer)
        {
            case ErrorAnswer error:
                var allowed = AllowedMethods(state.Router.At(operation.Path));
                foreach (var header in error.Outcome.Headers)
                    if (!IsAllow(header)) response.Headers.Append(header.Name, ChallengeValue(header));
                if (error.Outcome.When == Condition.WrongMethod) response.Headers.Allow = allowed;
                return (ErrorStatus(error.Outcome), new Rendered(ContractErrorBody(api.ErrorShape, operation, error.Outcome, allowed, state.Has(Defect.MalformedEnvelope))));
            case TokenAnswer token:
                WriteSuccessHeaders(operation, response);
                return (SuccessStatus(operation), new Rendered(TokenBodyFor(operation).Fill(token)));
            case BodyAnswer body:
                WriteSuccessHeaders(operation, response);
                return (SuccessStatus(operation), new Rendered(body.Body));
            default:
                throw new InvalidOperationException($"unknown answer {answer.GetType().Name}");
        }
    }

    /// <summary>The virtual clock's now as an HTTP date, formatted once per second rather than per response.</summary>
    private string DateHeader(long second)
    {
        var cached = _date;
        if (cached.Second != second)
        {
            cached = new DateText(second, DateTimeOffset.FromUnixTimeSeconds(second).ToString("R", CultureInfo.InvariantCulture));
            _date = cached;
        }
        return cached.Text;
    }

    private sealed record DateText(long Second, string Text);

    /// <summary>
    /// The error body an API's error shape prescribes for an outcome, needing no mock state: the running mock
    /// writes it and the WireMock export writes it into stub mappings. <paramref name="allowed"/> lists the
    /// methods the operation's path takes (<see cref="AllowedMethods"/>), for a wrong-method answer.
    /// </summary>
    public static JsonNode? ContractErrorBody(ErrorShape shape, Operation operation, Outcome outcome, string allowed, bool malformedEnvelope = false) =>
        ErrorBody.Write(shape, outcome, Message(operation, outcome, allowed), withoutCode: malformedEnvelope && ErrorBody.IsEnvelope(shape));

    private int ErrorStatus(Outcome outcome) =>
        outcome.When is Condition.MissingField or Condition.MalformedBody or Condition.WrongContentType && state.Has(Defect.ValidationErrorsAre422) ? 422 : outcome.Status;

    /// <summary>
    /// The outcome's message, saying what was expected where the request got its form wrong (the method, the
    /// content type, the body's shape), so an undeclared or made-up answer still tells a developer what to send.
    /// A declared message (REQ_1000 "Malformed request") leads; the expectation follows it.
    /// </summary>
    public static string Message(Operation operation, Outcome outcome, string allowed)
    {
        var expected = outcome.When switch
        {
            Condition.WrongMethod => $"{operation.Path} takes {allowed}",
            Condition.InsecureTransport => "HTTPS required",
            Condition.WrongContentType when operation.ContentType is { } type => $"expected Content-Type: {type}",
            Condition.MalformedBody when operation.ContentType is not null => "expected " + BodyShape(operation),
            _ => null,
        };
        if (expected is null) return Outcomes.DefaultMessage(outcome);
        return outcome.ErrorMessage is { } declared ? $"{declared}: {expected}" : expected;
    }

    /// <summary>The methods a path takes, as an Allow header lists them (RFC 9110 §10.2.1).</summary>
    public static string AllowedMethods(IEnumerable<Operation> atPath) => string.Join(", ", atPath.Select(o => o.Method).Distinct().Order(StringComparer.Ordinal));

    private static bool IsAllow(ResponseHeader header) => header.Name.Equals("Allow", StringComparison.OrdinalIgnoreCase);

    /// <summary>The body an operation takes, in its content type: <c>a JSON object {token: string, ...}</c>.</summary>
    private static string BodyShape(Operation operation)
    {
        var type = operation.ContentType!;
        var fields = operation.Request.Where(f => f.In is FieldLocation.Json or FieldLocation.Form).ToList();
        if (fields.Count == 0) return $"Content-Type: {type}";
        if (fields.All(f => f.In == FieldLocation.Form))
            return $"Content-Type: {type}, each parameter at most once: {string.Join(", ", fields.Select(f => f.Required ? f.Name : f.Name + " (optional)"))}";
        // No quotation marks: a JSON writer would escape them, and the message is read by people.
        var members = string.Join(", ", fields.Select(f => $"{f.Name}: {JsonShape(f)}{(f.Required ? "" : " (optional)")}"));
        return $"Content-Type: {type}, a JSON object {{{members}}}";
    }

    private static string JsonShape(RequestField field) => field.Type switch
    {
        FieldType.NameValueArray => "[{name: string, value: string}]",
        FieldType.Integer => "integer",
        FieldType.Number => "number",
        FieldType.Boolean => "boolean",
        FieldType.Object => "object",
        FieldType.Array => "array",
        _ => "string",
    };

    private int SuccessStatus(Operation operation) =>
        operation.Role == OperationRole.Issue && operation.Response.Status == 201 && state.Has(Defect.SignOnAnswers200) ? 200 : operation.Response.Status;

    private void WriteSuccessHeaders(Operation operation, HttpResponse response)
    {
        foreach (var header in operation.Response.Headers)
        {
            if (state.Has(Defect.DropCacheControl) && header.Name is "Cache-Control" or "Pragma") continue;
            response.Headers.Append(header.Name, header.Contains);
        }
    }

    /// <summary>Lays out the operation's token answer now rather than on its first request.</summary>
    internal void Prepare(Operation operation) => TokenBodyFor(operation);

    private TokenBodyTemplate TokenBodyFor(Operation operation) =>
        _tokenBodies.GetOrAdd(operation, static (op, writer) => TokenBodyTemplate.Compile(writer.TokenFields(op)), this);

    /// <summary>The success body's fields in contract order, without the ones a defect drops.</summary>
    private IReadOnlyList<ResponseField> TokenFields(Operation operation)
    {
        var fields = new List<ResponseField>();
        foreach (var field in operation.Response.Fields)
        {
            if (state.Has(Defect.DropTokenType) && field.Path.EndsWith("token_type", StringComparison.Ordinal)) continue;
            fields.Add(field);
        }
        return fields;
    }

    /// <summary>A challenge needs a realm (RFC 7617); the contract names only the scheme it must contain.</summary>
    public static string ChallengeValue(ResponseHeader header) =>
        header.Name.Equals("WWW-Authenticate", StringComparison.OrdinalIgnoreCase) ? $"{header.Contains} realm=\"refresh-harness\"" : header.Contains;
}
