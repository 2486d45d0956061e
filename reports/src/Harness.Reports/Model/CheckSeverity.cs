using System.Text.Json.Serialization;

namespace Harness.Reports;

/// <summary>How much a failing check matters: a broken contract, or a departure from good practice.</summary>
// The converter sits on the type so the wire spelling holds whatever serializer options a caller uses.
[JsonConverter(typeof(JsonStringEnumConverter<CheckSeverity>))]
public enum CheckSeverity
{
    [JsonStringEnumMemberName("contract")]
    Contract,

    [JsonStringEnumMemberName("best-practice")]
    BestPractice,
}
