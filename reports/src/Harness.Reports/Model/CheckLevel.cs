using System.Text.Json.Serialization;

namespace Harness.Reports;

/// <summary>
/// How binding the rule behind a check (or one of its findings) is: the vendor's page, an RFC MUST, an RFC
/// SHOULD or best practice, or the harness's own inference. Whether a finding fails the check or is only a
/// warning depends on which levels the run gates on (a real target: vendor and must, unless its profile says).
/// </summary>
// The converter sits on the type so the wire spelling holds whatever serializer options a caller uses.
[JsonConverter(typeof(JsonStringEnumConverter<CheckLevel>))]
public enum CheckLevel
{
    [JsonStringEnumMemberName("vendor")]
    Vendor,

    [JsonStringEnumMemberName("must")]
    Must,

    [JsonStringEnumMemberName("should")]
    Should,

    [JsonStringEnumMemberName("inferred")]
    Inferred,
}
