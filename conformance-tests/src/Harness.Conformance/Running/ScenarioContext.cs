using System.Text.Json.Nodes;
using Harness.Conformance.Targets;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Harness.Conformance.Running;

/// <summary>
/// The values of one scenario run: each named step's result, the tokens of the latest successful answer
/// (what an unnamed refresh sends), and how every <c>${...}</c> reference resolves against the target.
/// </summary>
public sealed class ScenarioContext(ContractSet contracts, ITarget target, string realm)
{
    private readonly Dictionary<string, StepResult> _steps = new(StringComparer.Ordinal);
    private readonly Dictionary<Slot, JsonNode?> _latestTokens = [];

    public ITarget Target => target;
    public string Realm => realm;

    public void Record(string? stepId, StepResult result)
    {
        if (stepId is not null) _steps[stepId] = result;
        if (!result.IsSuccess) return;
        foreach (var slot in new[] { Slot.AccessToken, Slot.RefreshToken })
            if (result.Slots.TryGetValue(slot, out var value)) _latestTokens[slot] = value;
    }

    public JsonNode? LatestToken(Slot slot) => _latestTokens.GetValueOrDefault(slot);

    /// <summary>Evaluates an expression; a reference that has no value skips the scenario (target values) or fails it (step values).</summary>
    public JsonNode? Evaluate(ValueExpression expression) => expression.Evaluate(Resolve);

    public string EvaluateText(ValueExpression expression) => StepResult.Text(Evaluate(expression));

    public JsonNode? Resolve(ValueReference reference)
    {
        var head = reference.Path.Count > 0 ? reference.Path[0] : "";
        switch (reference.Root)
        {
            case ValueReference.TargetRoot:
                return target.Value(head) is { } value ? JsonValue.Create(value) : throw new ScenarioSkipped($"{SkipCause.MissingValue} '{head}' ({reference})");
            case ValueReference.LifetimeRoot:
                KebabName.TryParse<TokenKind>(head, out var kind);
                var seconds = target.Lifetime(realm, kind) ?? contracts.Policy(realm)?.LifetimeOf(kind)?.Seconds;
                return seconds is { } s ? JsonValue.Create(s) : null;
        }
        if (!_steps.TryGetValue(reference.Root, out var step))
            throw new InvalidOperationException($"{reference}: step '{reference.Root}' has no result (it did not run)");
        var rest = reference.Path.Skip(1).ToList();
        switch (head)
        {
            case "status": return JsonValue.Create(step.Status);
            case "time": return JsonValue.Create(step.Time);
            case "header": return step.Header(string.Join('.', rest)) is { } h ? JsonValue.Create(h) : null;
            case "body": return BodyPath.Get(step.Body, string.Join('.', rest), out _)?.DeepClone();
            case "claims":
                KebabName.TryParse<Slot>(rest[0], out var tokenSlot);
                return Claim(step.Slots.GetValueOrDefault(tokenSlot), string.Join('.', rest.Skip(1)));
            default:
                KebabName.TryParse<Slot>(head, out var slot);
                return step.Slots.GetValueOrDefault(slot)?.DeepClone();
        }
    }

    /// <summary>Reads a claim of a JWT without validating it: the suite checks what a server issued, it is not a relying party.</summary>
    public static JsonNode? Claim(JsonNode? token, string claim)
    {
        var payload = Payload(token);
        return payload is not null && payload.TryGetPropertyValue(claim, out var value) ? value?.DeepClone() : null;
    }

    public static JsonObject? Payload(JsonNode? token)
    {
        if (token is not JsonValue v || !v.TryGetValue<string>(out var text)) return null;
        try
        {
            var jwt = new JsonWebToken(text);
            return JsonNode.Parse(Base64UrlDecode(jwt.EncodedPayload)) as JsonObject;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or System.Text.Json.JsonException or Microsoft.IdentityModel.Tokens.SecurityTokenMalformedException)
        {
            return null;
        }
    }

    private static string Base64UrlDecode(string segment) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(segment);
}
