using System.Text;
using System.Text.Json.Nodes;
using Harness.Scenarios.Loading;

namespace Harness.Scenarios.Model;

/// <summary>
/// A value written in a scenario: a literal, a single reference (<c>${s.refresh-token}</c>), text with
/// references in it, or a sum of references and numbers (<c>${s.time} + ${lifetime.access}</c>).
/// Evaluation asks a resolver for each reference, so the same expression works against any target.
/// </summary>
public sealed class ValueExpression
{
    private readonly IReadOnlyList<Part> _parts;
    private readonly bool _isSum;

    private ValueExpression(string text, IReadOnlyList<Part> parts, bool isSum, Location where)
    {
        Text = text;
        _parts = parts;
        _isSum = isSum;
        Where = where;
    }

    public string Text { get; }
    public Location Where { get; }
    public IEnumerable<ValueReference> References => _parts.Select(p => p.Reference).OfType<ValueReference>();

    public static ValueExpression Literal(string text) => new(text, [new Part(text, null, 1)], false, Location.None);

    /// <summary>Parses an expression; problems (an unclosed <c>${</c>, an empty reference) go to <paramref name="problems"/>.</summary>
    public static ValueExpression Parse(string text, Location where, ICollection<Diagnostic> problems)
    {
        var trimmed = text.Trim();
        var terms = SplitSum(trimmed);
        // " - " and " + " make a sum only where there is something to add: a ${...} reference among the terms
        // (or nothing but numbers). Plain text such as "jane - doe" stays text.
        if (terms.Count > 1 && (terms.Any(t => IsReference(t.Term)) || terms.All(t => IsNumber(t.Term))))
        {
            var parts = new List<Part>();
            foreach (var (term, sign) in terms)
            {
                if (IsReference(term))
                    parts.Add(new Part(null, ParseReference(term[2..^1], where, problems), sign));
                else if (IsNumber(term))
                    parts.Add(new Part(term, null, sign));
                else
                {
                    problems.Add(where.Problem($"'{term}' in a sum must be a number or a ${{...}} reference"));
                }
            }
            return new ValueExpression(text, parts, true, where);
        }

        var list = new List<Part>();
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf("${", i, StringComparison.Ordinal);
            if (start < 0)
            {
                list.Add(new Part(text[i..], null, 1));
                break;
            }
            if (start > i) list.Add(new Part(text[i..start], null, 1));
            var end = text.IndexOf('}', start);
            if (end < 0)
            {
                problems.Add(where.Problem($"unclosed '${{' in '{text}'"));
                break;
            }
            list.Add(new Part(null, ParseReference(text[(start + 2)..end], where, problems), 1));
            i = end + 1;
        }
        return new ValueExpression(text, list, false, where);
    }

    /// <summary>Evaluates against a resolver; returns null when a reference has no value (the caller says which).</summary>
    public JsonNode? Evaluate(Func<ValueReference, JsonNode?> resolve)
    {
        if (_isSum)
        {
            decimal total = 0;
            foreach (var part in _parts)
            {
                var node = part.Reference is { } r ? resolve(r) : JsonValue.Create(decimal.Parse(part.Literal!, System.Globalization.CultureInfo.InvariantCulture));
                if (node is null || !TryNumber(node, out var n)) return null;
                total += part.Sign * n;
            }
            return JsonValue.Create(total);
        }
        if (_parts.Count == 1 && _parts[0].Reference is { } only) return resolve(only)?.DeepClone();
        var builder = new StringBuilder();
        foreach (var part in _parts)
        {
            if (part.Literal is not null) builder.Append(part.Literal);
            else
            {
                var node = resolve(part.Reference!);
                if (node is null) return null;
                builder.Append(node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString());
            }
        }
        return JsonValue.Create(builder.ToString());
    }

    public static bool TryNumber(JsonNode node, out decimal value)
    {
        value = 0;
        if (node is not JsonValue v) return false;
        if (v.TryGetValue<decimal>(out value)) return true;
        if (v.TryGetValue<long>(out var l)) { value = l; return true; }
        if (v.TryGetValue<int>(out var i)) { value = i; return true; }
        if (v.TryGetValue<double>(out var d)) { value = (decimal)d; return true; }
        return v.TryGetValue<string>(out var s) && decimal.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    public override string ToString() => Text;

    /// <summary>A term that is one whole <c>${...}</c> reference (not text with one inside).</summary>
    private static bool IsReference(string term) =>
        term.StartsWith("${", StringComparison.Ordinal) && term.EndsWith('}') && term.IndexOf('}') == term.Length - 1;

    private static bool IsNumber(string term) =>
        decimal.TryParse(term, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static List<(string Term, int Sign)> SplitSum(string text)
    {
        var terms = new List<(string, int)>();
        var depth = 0;
        var sign = 1;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '{') depth++;
            else if (text[i] == '}') depth--;
            else if (depth == 0 && i > 0 && i + 1 < text.Length && text[i - 1] == ' ' && text[i + 1] == ' ' && text[i] is '+' or '-')
            {
                terms.Add((text[start..(i - 1)].Trim(), sign));
                sign = text[i] == '+' ? 1 : -1;
                start = i + 1;
            }
        }
        terms.Add((text[start..].Trim(), sign));
        return terms;
    }

    private static ValueReference ParseReference(string inner, Location where, ICollection<Diagnostic> problems)
    {
        var segments = inner.Split('.', StringSplitOptions.TrimEntries);
        if (segments.Length == 0 || segments.Any(s => s.Length == 0))
            problems.Add(where.Problem($"'${{{inner}}}' is not a valid reference: write ${{step.slot}}, ${{step.body.path}}, ${{target.name}} or ${{lifetime.kind}}"));
        return new ValueReference(segments[0], segments.Skip(1).ToArray(), where);
    }

    private sealed record Part(string? Literal, ValueReference? Reference, int Sign);
}
