using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Harness.MockServer.Control;

/// <summary>The header and body overrides one answer took: applied to it as it is written, and named in its journal entry.</summary>
internal sealed class AnswerChanges(IReadOnlyList<RuntimeOverride> taken)
{
    /// <summary>Changes the answer's headers and body; returns the body to write and the journal's note.</summary>
    public (byte[] Body, string Note) Apply(HttpContext context, byte[] body)
    {
        var notes = new List<string>(taken.Count);
        JsonNode? parsed = null;
        var bodyChanged = false;
        foreach (var change in taken)
        {
            switch (change)
            {
                case HeaderOverride header:
                    notes.Add(header.ApplyTo(context));
                    break;
                case BodyFieldOverride field:
                    if (!bodyChanged) parsed = Parse(body);
                    bodyChanged = true;
                    notes.Add(field.ApplyTo(parsed));
                    break;
            }
        }
        return (bodyChanged && parsed is not null ? Encoding.UTF8.GetBytes(parsed.ToJsonString()) : body, string.Join("; ", notes));
    }

    /// <summary>The answer as JSON; null when it is not JSON (a fault's cut body), and then no field can be set.</summary>
    private static JsonNode? Parse(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
