using System.Text.Json.Serialization;

namespace Harness.Reports;

/// <summary>What a check concluded.</summary>
// The converter sits on the type so the wire spelling holds whatever serializer options a caller uses.
[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
public enum Verdict
{
    [JsonStringEnumMemberName("pass")]
    Pass,

    [JsonStringEnumMemberName("fail")]
    Fail,

    [JsonStringEnumMemberName("skip")]
    Skip,

    /// <summary>Ran, and broke only rules whose level the run does not gate on (an inference, a SHOULD): reported, not failed.</summary>
    [JsonStringEnumMemberName("warning")]
    Warning,
}
