using Harness.MockServer.Defects;
using Harness.MockServer.Hosting;
using Harness.MockServer.Requests;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Engine;

/// <summary>
/// The stateless half of condition detection, in the order scenarios/README.md documents: method,
/// transport, content type, body, grant type, required fields, client authentication, entities. A check
/// runs only where the operation declares the condition, so the contract, not this code, decides what an API checks.
/// </summary>
public sealed class RequestChecks(MockState state)
{
    public Detection Check(IReadOnlyList<Operation> candidates, IncomingRequest request)
    {
        var primary = candidates[0];
        var byMethod = candidates.Where(o => o.Method == request.Method).ToList();
        if (byMethod.Count == 0)
        {
            if (!state.Has(Defect.AcceptAnyMethod) || request.Method is "OPTIONS" or "HEAD")
                return new Detection(primary, Condition.WrongMethod);
            byMethod = [.. candidates];
        }
        var operation = byMethod[0];

        if (operation.HasOutcome(Condition.InsecureTransport) && state.Options.RequireHttps && !request.IsHttps)
            return new Detection(operation, Condition.InsecureTransport);

        if (operation.ContentType is { } expected && request.RawBody.Length > 0 && !SameMediaType(expected, request.ContentType))
            return new Detection(operation, operation.HasOutcome(Condition.WrongContentType) ? Condition.WrongContentType : Condition.MalformedBody);
        if (request.BodyUnreadable)
            return new Detection(operation, Condition.MalformedBody);
        if (RequestReader.IsJson(operation.ContentType) && !JsonFieldsHaveTheirTypes(operation, request))
            return new Detection(operation, Condition.MalformedBody);

        if (ChooseByFixedFields(byMethod, request) is { } chosen) operation = chosen;
        else if (FirstMissingFixedField(operation, request) is { } missingFixed)
            return new Detection(operation, Condition.MissingField, missingFixed.Name);
        else if (!state.Has(Defect.AcceptUnknownGrantType))
            return new Detection(operation, Condition.UnsupportedGrantType);

        foreach (var field in operation.Request.Where(f => f.Required))
        {
            if (!request.Has(field))
            {
                if (field.In == FieldLocation.Header && state.Has(Defect.IgnoreMissingHeader)) continue;
                return Missing(operation, field);
            }
            foreach (var item in field.Items.Where(i => i.Required && request.ItemValue(field, i) is null))
                return Missing(operation, item);
        }

        if (ClientCheck(operation, request) is { } clientProblem) return new Detection(operation, clientProblem);

        if (operation.HasOutcome(Condition.UnknownEntity) && operation.FieldFor(Slot.AuthService) is { } service
            && request.ValueOf(service) is { } serviceId && serviceId != state.World.AuthService)
            return new Detection(operation, Condition.UnknownEntity);

        return new Detection(operation, null);
    }

    private static Detection Missing(Operation operation, RequestField field) =>
        new(operation, field.In is FieldLocation.Header or FieldLocation.BasicAuth ? Condition.MissingHeader : Condition.MissingField, field.Name);

    private Condition? ClientCheck(Operation operation, IncomingRequest request)
    {
        if (!operation.HasOutcome(Condition.InvalidClient) && !operation.HasOutcome(Condition.UnauthorizedClient)) return null;
        if (request.BasicMalformed) return Condition.InvalidClient;
        var idField = operation.FieldFor(Slot.ClientId);
        var client = state.World.FindClient(idField is null ? null : request.ValueOf(idField));
        if (idField is null) return null;
        if (client is null) return operation.HasOutcome(Condition.InvalidClient) ? Condition.InvalidClient : null;
        if (operation.FieldFor(Slot.ClientSecret) is { } secretField && !state.Has(Defect.AcceptAnyClientSecret)
            && request.ValueOf(secretField) != client.Secret && operation.HasOutcome(Condition.InvalidClient))
            return Condition.InvalidClient;
        if (operation.Role == OperationRole.Refresh && !client.AllowsRefresh && operation.HasOutcome(Condition.UnauthorizedClient)
            && !state.Has(Defect.AcceptAnyClientSecret))
            return Condition.UnauthorizedClient;
        return null;
    }

    /// <summary>The operation whose fixed fields (grant_type) the request matches; null when none does.</summary>
    private static Operation? ChooseByFixedFields(List<Operation> candidates, IncomingRequest request) =>
        candidates.FirstOrDefault(o => o.FixedFields.All(f => request.ValueOf(f) == f.Value));

    private static RequestField? FirstMissingFixedField(Operation operation, IncomingRequest request) =>
        operation.FixedFields.FirstOrDefault(f => request.ValueOf(f) is null);

    /// <summary>Members the contract types as strings or name-value arrays must have that JSON type; anything else is a malformed body.</summary>
    private static bool JsonFieldsHaveTheirTypes(Operation operation, IncomingRequest request)
    {
        if (request.Json is not System.Text.Json.Nodes.JsonObject body) return true;
        foreach (var field in operation.Request.Where(f => f.In == FieldLocation.Json))
        {
            if (!body.TryGetPropertyValue(field.Name, out var node) || node is null) continue;
            var ok = field.Type switch
            {
                FieldType.NameValueArray => node is System.Text.Json.Nodes.JsonArray array && array.All(IsNameValue),
                FieldType.String or FieldType.Jwt => node.GetValueKind() == System.Text.Json.JsonValueKind.String,
                _ => true,
            };
            if (!ok) return false;
        }
        return true;
    }

    private static bool IsNameValue(System.Text.Json.Nodes.JsonNode? node) =>
        node is System.Text.Json.Nodes.JsonObject member
        && member["name"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
        && (member["value"] is not { } value || value.GetValueKind() == System.Text.Json.JsonValueKind.String);

    private static bool SameMediaType(string expected, string? actual) =>
        actual is not null && actual.Split(';')[0].Trim().Equals(expected, StringComparison.OrdinalIgnoreCase);
}
