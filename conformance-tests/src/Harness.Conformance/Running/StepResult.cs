using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Harness.Scenarios.Model;

namespace Harness.Conformance.Running;

/// <summary>What one step received: the status, headers, the body as text and parsed, and the slots the contract says the body answers.</summary>
public sealed class StepResult
{
    public required int Status { get; init; }
    public required IReadOnlyDictionary<string, string> Headers { get; init; }
    public required string BodyText { get; init; }
    public JsonNode? Body { get; init; }
    public required IReadOnlyDictionary<Slot, JsonNode?> Slots { get; init; }

    /// <summary>The response time in Unix seconds: its Date header (the target's clock), else the local clock.</summary>
    public required long Time { get; init; }

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>Whether the request carried an Authorization header (RFC 6749 §5.2 ties invalid_client's 401 to it).</summary>
    public bool SentAuthorization { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    public static StepResult From(HttpResponseMessage response, string bodyText, Operation? answering, TimeProvider time)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers)) headers[name] = string.Join(", ", values);
        JsonNode? body = null;
        try
        {
            body = bodyText.Length > 0 ? JsonNode.Parse(bodyText) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // A body that is not JSON is kept as text; expectations on it will say so.
        }
        var slots = new Dictionary<Slot, JsonNode?>();
        if (answering is not null && body is not null && (int)response.StatusCode is >= 200 and < 300)
            foreach (var field in answering.Response.Fields.Where(f => f.Binds is not null))
                if (BodyPath.Get(body, field.Path, out var found) is var value && found) slots[field.Binds!.Value] = value?.DeepClone();
        var date = response.Headers.Date ?? time.GetUtcNow();
        return new StepResult
        {
            Status = (int)response.StatusCode, Headers = headers, BodyText = bodyText, Body = body, Slots = slots, Time = date.ToUnixTimeSeconds(),
            SentAuthorization = response.RequestMessage?.Headers.Authorization is not null,
        };
    }

    /// <summary>A session started by a command or a profile bootstrap: a token response read by the contract's fields.</summary>
    public static StepResult FromTokenResponse(string json, Operation answering, TimeProvider time)
    {
        var message = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(json) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return From(message, json, answering, time);
    }

    public static string Text(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
