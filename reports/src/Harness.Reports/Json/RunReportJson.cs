using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Harness.Reports;

/// <summary>The serializer settings that define report.json's wire format (camelCase, enums as strings).</summary>
public static class RunReportJson
{
    public static JsonSerializerOptions Options { get; } = Create();

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
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
