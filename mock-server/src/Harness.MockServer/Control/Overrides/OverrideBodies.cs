using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Harness.MockServer.Control;

// The bodies of /__harness/overrides, in and out. Requests bind to these records through the source-generated context
// below (the mock is compiled ahead of time); a member the record does not have is an error, so a typo is a 400 that
// names it rather than an override silently missing a setting. Value and Body are JsonElements so that a JSON null
// given on purpose (ValueKind Null) stays apart from a member left out (ValueKind Undefined).

/// <summary><c>POST /__harness/overrides/claims</c>: claims for the next <c>count</c> access tokens (until cleared without one), of one user or anyone's.</summary>
internal sealed record ClaimsOverrideRequest(JsonObject? Claims, string? User, string? Api, int? Count);

/// <summary><c>POST /__harness/overrides/body</c>: a field of the operation's next answers set to <c>value</c>, or removed.</summary>
internal sealed record BodyOverrideRequest(string? Operation, string? Field, JsonElement Value, bool? Remove, int? Count);

/// <summary><c>POST /__harness/overrides/header</c>: a header added to the operation's next answers.</summary>
internal sealed record HeaderOverrideRequest(string? Operation, string? Name, string? Value, int? Count);

/// <summary><c>POST /__harness/overrides/status</c>: an undocumented status for the operation's next answer (or <c>count</c> answers).</summary>
internal sealed record StatusOverrideRequest(string? Operation, int? Status, JsonElement Body, int? Count);

/// <summary><c>POST /__harness/overrides/clear</c>: one override by id; <c>{}</c> clears them all.</summary>
internal sealed record ClearOverrideRequest(int? Id);

/// <summary>An override in force as the control API lists it; <c>Remaining</c> null means until cleared.</summary>
internal sealed record OverrideView(int Id, string Kind, string Description, string? Operation, string? User, int? Remaining, long Applied, bool OutsideContract);

internal sealed record OverridesCleared(int Cleared);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ClaimsOverrideRequest))]
[JsonSerializable(typeof(BodyOverrideRequest))]
[JsonSerializable(typeof(HeaderOverrideRequest))]
[JsonSerializable(typeof(StatusOverrideRequest))]
[JsonSerializable(typeof(ClearOverrideRequest))]
[JsonSerializable(typeof(OverrideView))]
[JsonSerializable(typeof(IEnumerable<OverrideView>))]
[JsonSerializable(typeof(OverridesCleared))]
internal sealed partial class OverrideJson : JsonSerializerContext;
