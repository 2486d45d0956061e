using System.Globalization;
using System.Text.Json.Nodes;

namespace Harness.MockServer.Control;

/// <summary>
/// Where a field is in a JSON answer, written as the contracts write response fields: members joined by dots,
/// array items by index (<c>expires_in</c>, <c>content.accessToken</c>, <c>parameters[0].value</c>).
/// </summary>
internal sealed class BodyFieldPath
{
    private readonly (string? Name, int Index)[] _steps;
    private readonly string _text;

    private BodyFieldPath(string text, (string? Name, int Index)[] steps)
    {
        _text = text;
        _steps = steps;
    }

    public override string ToString() => _text;

    /// <summary>Reads a path; null (with why) when it is not one.</summary>
    public static BodyFieldPath? TryParse(string? text, out string problem)
    {
        problem = "";
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200)
        {
            problem = "field must be a path of 1 to 200 characters: expires_in, content.accessToken, parameters[0].value";
            return null;
        }
        var steps = new List<(string?, int)>();
        foreach (var part in text.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? part : part[..bracket];
            if (name.Length > 0) steps.Add((name, -1));
            else if (bracket != 0 || steps.Count == 0)
            {
                problem = $"field '{text}' has an empty member name";
                return null;
            }
            for (var rest = bracket < 0 ? "" : part[bracket..]; rest.Length > 0;)
            {
                var close = rest.IndexOf(']', StringComparison.Ordinal);
                if (rest[0] != '[' || close < 2 || !int.TryParse(rest.AsSpan(1, close - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    problem = $"field '{text}': an array index is written [0], [1] ...";
                    return null;
                }
                steps.Add((null, index));
                rest = rest[(close + 1)..];
            }
        }
        return new BodyFieldPath(text, [.. steps]);
    }

    /// <summary>Sets the field, creating missing members on the way (not array items); false when the answer has no such place.</summary>
    public bool Set(JsonNode? body, JsonNode? value)
    {
        if (Parent(body, create: true) is not { } parent) return false;
        var (name, index) = _steps[^1];
        switch (parent)
        {
            case JsonObject obj when name is not null:
                obj[name] = value;
                return true;
            case JsonArray array when name is null && index < array.Count:
                array[index] = value;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Removes the member (an array item is not removed: that would renumber the ones after it); false when there is none.</summary>
    public bool Remove(JsonNode? body) =>
        Parent(body, create: false) is JsonObject obj && _steps[^1].Name is { } name && obj.Remove(name);

    private JsonNode? Parent(JsonNode? node, bool create)
    {
        for (var i = 0; i < _steps.Length - 1 && node is not null; i++)
        {
            var (name, index) = _steps[i];
            if (name is not null && node is JsonObject obj)
            {
                if (obj[name] is null && create && _steps[i + 1].Name is not null) obj[name] = new JsonObject();
                node = obj[name];
            }
            else if (name is null && node is JsonArray array && index < array.Count) node = array[index];
            else return null;
        }
        return node;
    }
}
