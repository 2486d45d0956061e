using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;
using Harness.MockServer.Journal;

namespace Harness.MockServer.Control;

// The bodies the control API answers, one record a shape. They are named types rather than anonymous
// objects so their JSON is generated at compile time: the published mock is compiled ahead of time (see
// Harness.MockServer.csproj), where reflection-based serialization would write "{}" without a word.

/// <summary>What <c>GET /__harness</c> answers: every endpoint, and the rules every control call is held to.</summary>
internal sealed record ControlIndex(string Name, IReadOnlyList<string> Endpoints, IReadOnlyList<string> Rules);

internal sealed record HealthReading(string Status, int Sessions, long Served);

internal sealed record ResetDone(bool Reset);

internal sealed record JournalCleared(bool Cleared);

internal sealed record ClockReading(DateTimeOffset Now, long UnixSeconds, long OffsetSeconds);

/// <summary>A session as the dashboard shows it: the id masked, <c>Ref</c> a stable handle from which the id cannot be recovered.</summary>
internal sealed record SessionView(
    string Id, string Ref, string Realm, string ClientId, string Tenant, string AccountId, string Scope, int Generation,
    bool Revoked, string? RevokedBecause, long RefreshExpiresIn, long? SessionExpiresIn, bool Live);

internal sealed record ApiView(string Id, string Title, string Realm, string ErrorShape, IEnumerable<OperationView> Operations);

internal sealed record OperationView(string Id, string Role, string Method, string Path, IEnumerable<OutcomeView> Outcomes);

internal sealed record OutcomeView(int Status, string Condition, string? Field, string? Error, string Provenance);

internal sealed record StateView(
    ClockReading Clock, int Sessions, int Tokens, long Served, IReadOnlyDictionary<string, long> ByStatus,
    IEnumerable<ForcedView> Forced, IEnumerable<FaultView> Faults, IEnumerable<string> Defects);

internal sealed record ForcedView(string Operation, int Status, string Condition, int Remaining);

internal sealed record FaultView(string Operation, string Kind, int LatencyMs, int JitterMs, int Status, int RetryAfterSeconds, int? Remaining);

internal sealed record ForceSet(string Operation, int Status, string Condition, int Count);

internal sealed record FaultSet(string Operation, string Fault, int LatencyMs, int JitterMs, int Status, int RetryAfterSeconds, int? Count);

internal sealed record OperationCleared(string Operation, bool Cleared);

/// <summary>What <c>GET /__harness/openapi</c> answers: the path of every OpenAPI document.</summary>
internal sealed record OpenApiIndex(IReadOnlyList<string> Documents);

internal sealed record DefectView(string Name, string Rule, string Description, bool Active);

/// <summary>
/// The error body of the control API and of the mock's own refusals, in the shape of RFC 9457 problem details
/// (<c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c>) with two members of its own: <c>error</c>, a stable code
/// to test against (<c>invalid_seconds</c>, <c>unsupported_media_type</c>), and <c>message</c>, the detail again under
/// the name the body had before it followed RFC 9457, so existing clients keep reading it.
/// </summary>
internal sealed record ControlProblem(string Type, string Title, int Status, string Detail, string Error, string Message)
{
    public static ControlProblem Of(int status, string error, string message) =>
        new("about:blank", ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error", status, message, error, message);
}

/// <summary>The body of <c>POST /__harness/clock/advance</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record ClockAdvance(double? Seconds);

/// <summary>The body of <c>POST /__harness/operations/{api}/{operation}/force</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record ForceRequest(int? Status, int? Count, string? Condition, string? Field);

/// <summary>The body of <c>POST /__harness/operations/{api}/{operation}/fault</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record FaultRequest(string? Kind, int? LatencyMs, int? JitterMs, int? Status, int? RetryAfterSeconds, int? Count);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ControlIndex))]
[JsonSerializable(typeof(HealthReading))]
[JsonSerializable(typeof(ResetDone))]
[JsonSerializable(typeof(JournalCleared))]
[JsonSerializable(typeof(ClockReading))]
[JsonSerializable(typeof(IEnumerable<SessionView>))]
[JsonSerializable(typeof(IEnumerable<ApiView>))]
[JsonSerializable(typeof(StateView))]
[JsonSerializable(typeof(ForceSet))]
[JsonSerializable(typeof(FaultSet))]
[JsonSerializable(typeof(OperationCleared))]
[JsonSerializable(typeof(IEnumerable<DefectView>))]
[JsonSerializable(typeof(ControlProblem))]
[JsonSerializable(typeof(OpenApiIndex))]
[JsonSerializable(typeof(ClockAdvance))]
[JsonSerializable(typeof(ForceRequest))]
[JsonSerializable(typeof(FaultRequest))]
[JsonSerializable(typeof(IReadOnlyList<JournalEntry>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class ControlJson : JsonSerializerContext;
