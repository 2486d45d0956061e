using Harness.Scenarios.Model;
using YamlDotNet.RepresentationModel;

namespace Harness.Scenarios.Loading;

/// <summary>Reads <c>catalog.yaml</c>: seeds, rule families, capabilities and target values.</summary>
internal static class CatalogReader
{
    public static Catalog Read(YamlMap root)
    {
        var seeds = new Dictionary<string, SeedPage>();
        foreach (var (id, where, node) in root.Entries("seeds"))
        {
            var map = root.Context.AsMap(node, id);
            if (map is null) continue;
            seeds[id] = new SeedPage(id, map.String("file", required: true) ?? "", map.String("title", required: true) ?? "");
            map.Done();
        }
        var catalog = new Catalog(seeds, Texts(root, "rules"), Texts(root, "capabilities"), Texts(root, "target-values"));
        root.Done();
        return catalog;
    }

    private static Dictionary<string, string> Texts(YamlMap root, string key)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, where, node) in root.Entries(key))
        {
            if (node is YamlScalarNode s) result[name] = s.Value ?? "";
            else root.Context.Report(node, $"'{key}.{name}' must be a one-line description");
        }
        return result;
    }
}
