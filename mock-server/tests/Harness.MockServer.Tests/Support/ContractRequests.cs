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

    /// <summary>The model's request for the operation (<see cref="ContractRequest"/>), every field filled from the slots, as an HTTP message.</summary>
    public static HttpRequestMessage Build(Operation operation, IReadOnlyDictionary<Slot, string> slots) =>
        Message(ContractRequest.Build(operation, field => field.Value ?? (field.Binds is { } slot && slots.TryGetValue(slot, out var value) ? value : null)));

    /// <summary>A model request as an HTTP message relative to the mock's base address; a form body goes as <see cref="FormUrlEncodedContent"/>.</summary>
    public static HttpRequestMessage Message(ContractRequest built)
    {
        var request = new HttpRequestMessage(new HttpMethod(built.Method), new Uri(built.PathAndQuery.TrimStart('/'), UriKind.Relative));
        if (built.Authorization is { } authorization) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        foreach (var (name, value) in built.Headers) request.Headers.TryAddWithoutValidation(name, value);
        if (built.Body is not { } body) return request;
        request.Content = built.BodyKind == FieldLocation.Form ? new FormUrlEncodedContent(built.Form) : new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = built.ContentType is { } type ? MediaTypeHeaderValue.Parse(type) : null;
        return request;
    }

    /// <summary>RFC 6749 §2.3.1: id and secret form-encoded, joined by a colon, base64 (the model's one definition).</summary>
    public static AuthenticationHeaderValue Basic(string id, string secret) =>
        AuthenticationHeaderValue.Parse(ContractRequest.BasicAuthorization(id, secret));

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
}
