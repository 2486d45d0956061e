using System.Net.Http.Headers;
using Harness.Scenarios.Loading;

namespace Harness.MockServer.Tests.Support;

/// <summary>
/// Builds the valid request of any operation straight from its contract: every field where the contract
/// says it travels, filled from slot values (target values, or the tokens of a session started for it).
/// The hand-written requests of <see cref="Ags"/>, <see cref="Keycloak"/> ... check the mock against the
/// contracts independently; this is for tests that must reach every operation.
/// </summary>
public static class ContractRequests
{
    /// <summary>Slot values from the target: a slot whose kebab name is a target value (<c>client-id</c>) takes it.</summary>
    public static Dictionary<Slot, string> TargetSlots(IReadOnlyDictionary<string, string> target)
    {
        var slots = new Dictionary<Slot, string>();
        foreach (var slot in Enum.GetValues<Slot>())
            if (target.TryGetValue(KebabName.Of(slot), out var value)) slots[slot] = value;
        slots[Slot.CorrelationId] = "corr-0001";
        return slots;
    }

    public static HttpRequestMessage Build(Operation operation, IReadOnlyDictionary<Slot, string> slots)
    {
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), operation.Path.TrimStart('/'));
        var json = new JsonObject();
        var form = new List<KeyValuePair<string, string>>();
        var query = new List<string>();
        string? basicId = null, basicSecret = null;
        foreach (var field in operation.Request)
        {
            var value = ValueFor(field, slots);
            switch (field.In)
            {
                case FieldLocation.Header when value is not null:
                    request.Headers.TryAddWithoutValidation(field.Name, field.Render(value));
                    break;
                case FieldLocation.Json when field.Type == FieldType.NameValueArray:
                    var items = new JsonArray();
                    foreach (var item in field.Items)
                        if (ValueFor(item, slots) is { } itemValue) items.Add(new JsonObject { ["name"] = item.Name, ["value"] = itemValue });
                    json[field.Name] = items;
                    break;
                case FieldLocation.Json when value is not null:
                    json[field.Name] = value;
                    break;
                case FieldLocation.Form when value is not null:
                    form.Add(new(field.Name, value));
                    break;
                case FieldLocation.Query when value is not null:
                    query.Add($"{Uri.EscapeDataString(field.Name)}={Uri.EscapeDataString(value)}");
                    break;
                case FieldLocation.BasicAuth when field.Binds == Slot.ClientSecret:
                    basicSecret = value;
                    break;
                case FieldLocation.BasicAuth:
                    basicId = value;
                    break;
            }
        }
        if (query.Count > 0) request.RequestUri = new Uri(request.RequestUri + "?" + string.Join("&", query), UriKind.Relative);
        if (basicId is not null) request.Headers.Authorization = Basic(basicId, basicSecret ?? "");
        request.Content = operation.ContentType switch
        {
            "application/json" => new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json"),
            "application/x-www-form-urlencoded" => new FormUrlEncodedContent(form),
            null => null,
            var other => new StringContent(json.ToJsonString(), Encoding.UTF8, other),
        };
        return request;
    }

    /// <summary>RFC 6749 §2.3.1: id and secret form-encoded, joined by a colon, base64.</summary>
    public static AuthenticationHeaderValue Basic(string id, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(id)}:{Uri.EscapeDataString(secret)}")));

    /// <summary>The slot values a success body answers, by the response fields' binds.</summary>
    public static Dictionary<Slot, string> SlotsOf(Operation operation, JsonNode? body)
    {
        var slots = new Dictionary<Slot, string>();
        foreach (var field in operation.Response.Fields.Where(f => f.Binds is not null))
            if (BodyPath.Get(body, field.Path, out var found) is JsonValue value && found)
                slots[field.Binds!.Value] = value.TryGetValue<string>(out var s) ? s : value.ToJsonString();
        return slots;
    }

    /// <summary>Starts a session in the realm through its issue operation and answers target slots plus the session's tokens.</summary>
    public static async Task<Dictionary<Slot, string>> StartSessionAsync(TestMock mock, string realm)
    {
        var issue = mock.Mock.Contracts.IssueOperation(realm) ?? throw new InvalidOperationException($"realm {realm} has no issue operation");
        var slots = TargetSlots(mock.Target);
        var reply = await mock.SendAsync(Build(issue, slots));
        reply.Status.Should().Be(issue.Response.Status, "{0} must start a session: {1}", issue.QualifiedId, reply);
        foreach (var (slot, value) in SlotsOf(issue, reply.Json)) slots[slot] = value;
        return slots;
    }

    /// <summary>A request the operation serves with success: for a refresh operation, with the tokens of a new session.</summary>
    public static async Task<HttpRequestMessage> ValidRequestAsync(TestMock mock, Operation operation)
    {
        var slots = operation.Role == OperationRole.Refresh
            ? await StartSessionAsync(mock, mock.Mock.Contracts.Api(operation.ApiId)!.Realm)
            : TargetSlots(mock.Target);
        return Build(operation, slots);
    }

    private static string? ValueFor(RequestField field, IReadOnlyDictionary<Slot, string> slots) =>
        field.Value ?? (field.Binds is { } slot && slots.TryGetValue(slot, out var value) ? value : null);
}
