using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Harness.Reports;

/// <summary>The serializer settings that define report.json's wire format (camelCase, enums as strings).</summary>
public static class RunReportJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>What the serializer knows of a run report, generated at compile time (no reflection, so a trimmed or AOT mock can read and write reports).</summary>
    public static JsonTypeInfo<RunReport> RunReport { get; } = (JsonTypeInfo<RunReport>)Options.GetTypeInfo(typeof(RunReport));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null, // header names are data, keep them as sent
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // A null where the model says non-null (e.g. "title": null) is a broken report, not an empty title.
            RespectNullableAnnotations = true,
            // report.json is read by people and diffed; "\u002B" instead of "+" in a body helps nobody.
            // It is never embedded in HTML (the HTML writer encodes its own text), so relaxed escaping is safe.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = RunReportJsonContext.Default,
        };
        options.MakeReadOnly();
        return options;
    }
}

// The generated reader hands null to an init-only member the JSON leaves out (reflection left the
// initializer's value); the model's collection members therefore read null as empty.
[JsonSerializable(typeof(RunReport))]
internal sealed partial class RunReportJsonContext : JsonSerializerContext;
