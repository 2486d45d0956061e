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
internal sealed class RequestChecks(MockState state)
{
    // The cast never changes during a run; FindClient's first match by id, without a scan per request.
    private readonly Dictionary<string, World.TestClient> _clients = IndexClients(state.World);

    public Detection Check(IReadOnlyList<Operation> candidates, IncomingRequest request)
    {
        var primary = candidates[0];
        var byMethod = WithMethod(candidates, request.Method);
        if (byMethod.Count == 0)
        {
            if (!state.Has(Defect.AcceptAnyMethod) || request.Method is "OPTIONS" or "HEAD")
                return new Detection(primary, Condition.WrongMethod);
            byMethod = candidates;
        }
        var operation = byMethod[0];
        var facts = OperationFacts.Of(operation);

        if (facts.Has(Condition.InsecureTransport) && state.Options.RequireHttps && !request.IsHttps)
            return new Detection(operation, Condition.InsecureTransport);

        if (operation.ContentType is { } expected && request.RawBody.Length > 0 && !SameMediaType(expected, request.ContentType))
            return new Detection(operation, facts.Has(Condition.WrongContentType) ? Condition.WrongContentType : Condition.MalformedBody);
        if (request.BodyUnreadable)
            return new Detection(operation, Condition.MalformedBody);
        if (facts.ContentIsJson && !JsonFieldsHaveTheirTypes(facts, request))
            return new Detection(operation, Condition.MalformedBody);

        if (ChooseByFixedFields(byMethod, request) is { } chosen) operation = chosen;
        else if (FirstMissingFixedField(facts, request) is { } missingFixed)
            return new Detection(operation, Condition.MissingField, missingFixed.Name);
        else if (!state.Has(Defect.AcceptUnknownGrantType))
            return new Detection(operation, Condition.UnsupportedGrantType);
        facts = OperationFacts.Of(operation);

        var required = facts.Required;
        for (var f = 0; f < required.Length; f++)
        {
            var field = required[f];
            if (!request.Has(field))
            {
                if (field.In == FieldLocation.Header && state.Has(Defect.IgnoreMissingHeader)) continue;
                if (field.Binds is Slot.ClientId or Slot.ClientSecret && state.Has(Defect.AcceptMissingClientAuth)) continue;
                if (field.Binds == Slot.RefreshToken && state.Has(Defect.EmptyRefreshTokenIsInvalidGrant) && SentEmpty(request, field)) continue;
                return Missing(operation, field);
            }
            foreach (var item in facts.RequiredItems[f])
                if (request.ItemValue(field, item) is null) return Missing(operation, item);
        }

        if (ClientCheck(facts, request) is { } clientProblem) return new Detection(operation, clientProblem);

        if (facts.Has(Condition.UnknownEntity) && facts.FieldFor(Slot.AuthService) is { } service
            && request.ValueOf(service) is { } serviceId && serviceId != state.World.AuthService
            && !(state.Has(Defect.IgnoreUnknownAuthService) && operation.Role == OperationRole.Issue))
            return new Detection(operation, Condition.UnknownEntity);

        return new Detection(operation, null);
    }

    /// <summary>The candidates with the request's method, in order (the list itself when all have it).</summary>
    private static IReadOnlyList<Operation> WithMethod(IReadOnlyList<Operation> candidates, string method)
    {
        var matching = 0;
        foreach (var candidate in candidates)
            if (candidate.Method == method) matching++;
        if (matching == candidates.Count) return candidates;
        if (matching == 0) return [];
        var list = new List<Operation>(matching);
        foreach (var candidate in candidates)
            if (candidate.Method == method) list.Add(candidate);
        return list;
    }

    private static Dictionary<string, World.TestClient> IndexClients(World.MockWorld world)
    {
        var clients = new Dictionary<string, World.TestClient>(StringComparer.Ordinal);
        foreach (var client in world.Clients) clients.TryAdd(client.Id, client);
        return clients;
    }

    private static Detection Missing(Operation operation, RequestField field) =>
        new(operation, field.In is FieldLocation.Header or FieldLocation.BasicAuth ? Condition.MissingHeader : Condition.MissingField, field.Name);

    private Condition? ClientCheck(OperationFacts facts, IncomingRequest request)
    {
        if (!facts.Has(Condition.InvalidClient) && !facts.Has(Condition.UnauthorizedClient)) return null;
        if (request.BasicMalformed) return Condition.InvalidClient;
        var idField = facts.FieldFor(Slot.ClientId);
        if (idField is null) return null;
        var sentId = request.ValueOf(idField);
        var client = sentId is { } id ? _clients.GetValueOrDefault(id) : null;
        if (client is null && sentId is null && state.Has(Defect.AcceptMissingClientAuth)) return null;
        if (client is null && sentId is not null && state.Has(Defect.AcceptUnknownClient)) return null;
        if (client is null) return facts.Has(Condition.InvalidClient) ? Condition.InvalidClient : null;
        if (facts.FieldFor(Slot.ClientSecret) is { } secretField && !state.Has(Defect.AcceptAnyClientSecret)
            && request.ValueOf(secretField) != client.Secret && facts.Has(Condition.InvalidClient))
            return Condition.InvalidClient;
        if (facts.Operation.Role == OperationRole.Refresh && !client.AllowsRefresh && facts.Has(Condition.UnauthorizedClient)
            && !state.Has(Defect.AcceptAnyClientSecret))
            return Condition.UnauthorizedClient;
        return null;
    }

    /// <summary>A form field sent with an empty value (<c>refresh_token=</c>), which counts as missing (RFC 6749 §3.1).</summary>
    private static bool SentEmpty(IncomingRequest request, RequestField field) =>
        field.In == FieldLocation.Form && request.Form is { } form && form.TryGetValue(field.Name, out var values) && values.Count == 1 && string.IsNullOrEmpty(values[0]);

    /// <summary>The operation whose fixed fields (grant_type) the request matches; null when none does.</summary>
    private static Operation? ChooseByFixedFields(IReadOnlyList<Operation> candidates, IncomingRequest request)
    {
        foreach (var candidate in candidates)
        {
            var matches = true;
            foreach (var field in OperationFacts.Of(candidate).FixedFields)
            {
                if (request.ValueOf(field) == field.Value) continue;
                matches = false;
                break;
            }
            if (matches) return candidate;
        }
        return null;
    }

    private static RequestField? FirstMissingFixedField(OperationFacts facts, IncomingRequest request)
    {
        foreach (var field in facts.FixedFields)
            if (request.ValueOf(field) is null) return field;
        return null;
    }

    /// <summary>Members the contract types as strings or name-value arrays must have that JSON type; anything else is a malformed body.</summary>
    private static bool JsonFieldsHaveTheirTypes(OperationFacts facts, IncomingRequest request)
    {
        if (request.Json is not System.Text.Json.Nodes.JsonObject body) return true;
        foreach (var field in facts.JsonFields)
        {
            if (!body.TryGetPropertyValue(field.Name, out var node) || node is null) continue;
            var ok = field.Type switch
            {
                FieldType.NameValueArray => node is System.Text.Json.Nodes.JsonArray array && AllNameValue(array),
                FieldType.String or FieldType.Jwt => node.GetValueKind() == System.Text.Json.JsonValueKind.String,
                _ => true,
            };
            if (!ok) return false;
        }
        return true;
    }

    private static bool AllNameValue(System.Text.Json.Nodes.JsonArray array)
    {
        foreach (var member in array)
            if (!IsNameValue(member)) return false;
        return true;
    }

    private static bool IsNameValue(System.Text.Json.Nodes.JsonNode? node) =>
        node is System.Text.Json.Nodes.JsonObject member
        && member["name"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
        && (member["value"] is not { } value || value.GetValueKind() == System.Text.Json.JsonValueKind.String);

    private static bool SameMediaType(string expected, string? actual)
    {
        if (actual is null) return false;
        var semicolon = actual.IndexOf(';');
        return (semicolon < 0 ? actual.AsSpan() : actual.AsSpan(0, semicolon)).Trim().Equals(expected, StringComparison.OrdinalIgnoreCase);
    }
}
