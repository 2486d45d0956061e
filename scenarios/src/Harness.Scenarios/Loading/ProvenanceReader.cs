using Harness.Scenarios.Model;

namespace Harness.Scenarios.Loading;

/// <summary>Reads <c>source:</c> / <c>inferred:</c> and checks that a cited source is a known seed page or an RFC section.</summary>
internal sealed class ProvenanceReader(Catalog? catalog)
{
    public Provenance? Read(YamlMap map, Provenance? inherited, string what)
    {
        var source = map.String("source");
        var inferred = map.String("inferred");
        if (source is not null && catalog is not null && !catalog.IsCitable(source))
            map.Context.Report(map.LocationOf("source"),
                $"source '{source}' is neither a seed id ({string.Join(", ", catalog.Seeds.Keys)}) nor an RFC section like 'RFC 6749 §5.2'");
        if (inferred is not null && string.IsNullOrWhiteSpace(inferred))
            map.Context.Report(map.LocationOf("inferred"), "'inferred' needs a one-line reason");
        if (source is null && inferred is null)
        {
            if (inherited is not null) return inherited;
            map.Context.Report(map.Location, $"missing provenance for {what}: add 'source: seed-NNN' (or 'RFC NNNN §x.y') or 'inferred: <one-line reason>'");
            return new Provenance(null, "(missing)", map.Location);
        }
        return new Provenance(source, inferred, map.Location);
    }
}
