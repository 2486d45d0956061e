using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Harness.Scenarios.Loading;

/// <summary>
/// Reads one YAML mapping with every value located. YamlDotNet's deserializer drops positions, and the
/// scenario format promises <c>file:line:column</c> for every problem, so the files are read through the
/// representation model instead. Keys are consumed as they are read; <see cref="Done"/> reports the rest
/// as unknown keys, which makes a typo an error rather than a silent default.
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly ReadContext _context;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlMap(YamlMappingNode node, ReadContext context)
    {
        _node = node;
        _context = context;
    }

    public Location Location => _context.At(_node);
    public ReadContext Context => _context;

    public bool Has(string key) => Find(key) is not null;

    public IEnumerable<string> Keys => _node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");

    public YamlNode? Node(string key)
    {
        _read.Add(key);
        return Find(key);
    }

    public Location LocationOf(string key) => Find(key) is { } n ? _context.At(n) : Location;

    public string? String(string key, bool required = false)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required) _context.Report(_node, $"missing required key '{key}'");
            return null;
        }
        if (node is YamlScalarNode scalar) return scalar.Value;
        _context.Report(node, $"'{key}' must be a text value, not a {Describe(node)}");
        return null;
    }

    public int? Int(string key, bool required = false)
    {
        var text = String(key, required);
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        _context.Report(Find(key)!, $"'{key}' must be a whole number, not '{text}'");
        return null;
    }

    public bool? Bool(string key)
    {
        var text = String(key);
        if (text is null) return null;
        if (bool.TryParse(text, out var value)) return value;
        _context.Report(Find(key)!, $"'{key}' must be true or false, not '{text}'");
        return null;
    }

    public T? Enum<T>(string key, bool required = false) where T : struct, System.Enum
    {
        var text = String(key, required);
        if (text is null) return null;
        if (KebabName.TryParse<T>(text, out var value)) return value;
        _context.Report(Find(key)!, $"'{key}' must be one of {KebabName.List<T>()}, not '{text}'");
        return null;
    }

    public YamlMap? Map(string key, bool required = false)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required) _context.Report(_node, $"missing required key '{key}'");
            return null;
        }
        return _context.AsMap(node, key);
    }

    /// <summary>A sequence of mappings.</summary>
    public IReadOnlyList<YamlMap> Maps(string key, bool required = false)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required) _context.Report(_node, $"missing required key '{key}'");
            return [];
        }
        if (node is not YamlSequenceNode seq)
        {
            _context.Report(node, $"'{key}' must be a list, not a {Describe(node)}");
            return [];
        }
        return [.. seq.Children.Select(c => _context.AsMap(c, key)).OfType<YamlMap>()];
    }

    /// <summary>A list of text values; a single scalar is accepted as a list of one.</summary>
    public IReadOnlyList<(string Value, Location Where)> Strings(string key)
    {
        var node = Node(key);
        switch (node)
        {
            case null: return [];
            case YamlScalarNode s: return [(s.Value ?? "", _context.At(s))];
            case YamlSequenceNode seq:
                var list = new List<(string, Location)>();
                foreach (var child in seq.Children)
                {
                    if (child is YamlScalarNode cs) list.Add((cs.Value ?? "", _context.At(cs)));
                    else _context.Report(child, $"'{key}' items must be text values, not a {Describe(child)}");
                }
                return list;
            default:
                _context.Report(node, $"'{key}' must be a text value or a list of them, not a {Describe(node)}");
                return [];
        }
    }

    /// <summary>The entries of a mapping whose keys are names chosen by the author (operations, headers).</summary>
    public IReadOnlyList<(string Key, Location Where, YamlNode Value)> Entries(string key)
    {
        var node = Node(key);
        if (node is null) return [];
        if (node is not YamlMappingNode map)
        {
            _context.Report(node, $"'{key}' must be a mapping, not a {Describe(node)}");
            return [];
        }
        return [.. map.Children.Select(kv => (((YamlScalarNode)kv.Key).Value ?? "", _context.At(kv.Key), kv.Value))];
    }

    /// <summary>Reports every key that was present but never read.</summary>
    public void Done()
    {
        foreach (var (key, _) in _node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!_read.Contains(name)) _context.Report(key, $"unknown key '{name}'");
        }
    }

    private YamlNode? Find(string key) =>
        _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    internal static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "text value",
    };
}
