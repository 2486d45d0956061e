using System.Globalization;
using System.Text.Json.Nodes;

namespace Harness.Scenarios.Model;

/// <summary>
/// The paths contracts use for body fields — <c>expires_in</c>, <c>content[0].token</c>,
/// <c>availableServices[0].authServiceName</c> — read by the suite and written by the mock with the same rules.
/// </summary>
public static class BodyPath
{
    public static JsonNode? Get(JsonNode? root, string path, out bool found)
    {
        found = false;
        var node = root;
        foreach (var (name, index) in Segments(path))
        {
            if (name.Length > 0)
            {
                if (node is not JsonObject obj || !obj.TryGetPropertyValue(name, out node)) return null;
            }
            if (index is { } i)
            {
                if (node is not JsonArray array || i >= array.Count) return null;
                node = array[i];
            }
        }
        found = true;
        return node;
    }

    public static void Set(JsonObject root, string path, JsonNode? value)
    {
        var segments = Segments(path).ToList();
        JsonNode container = root;
        for (var s = 0; s < segments.Count; s++)
        {
            var (name, index) = segments[s];
            var last = s == segments.Count - 1;
            if (index is null)
            {
                var obj = (JsonObject)container;
                if (last) { obj[name] = value; return; }
                container = obj[name] ??= segments[s + 1].Index is null && segments[s + 1].Name.Length > 0 ? new JsonObject() : new JsonArray();
                continue;
            }
            var array = name.Length > 0 ? (JsonArray)(((JsonObject)container)[name] ??= new JsonArray()) : (JsonArray)container;
            while (array.Count <= index.Value) array.Add(last ? null : (JsonNode)new JsonObject());
            if (last) { array[index.Value] = value; return; }
            container = array[index.Value]!;
        }
    }

    private static IEnumerable<(string Name, int? Index)> Segments(string path)
    {
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[');
            if (bracket < 0) { yield return (part, null); continue; }
            yield return (part[..bracket], int.Parse(part[(bracket + 1)..part.IndexOf(']')], CultureInfo.InvariantCulture));
        }
    }
}
