using Harness.Scenarios.Model;

namespace Harness.Scenarios.Loading;

/// <summary>
/// Reads <c>source:</c> / <c>inferred:</c> and checks that a cited source is a known seed page or an RFC section.
/// Where provenance is required follows scenarios/README.md ("Provenance"): it is inherited downwards
/// (contract → operation → field, outcome), so the contract, operations, fields, the response and headers
/// may leave it out (<see cref="Optional"/>); an outcome must have its own or inherit one from its operation,
/// and the error shape, the token policy's parts and scenarios must carry their own (<see cref="Required"/>).
/// </summary>
internal sealed class ProvenanceReader(Catalog? catalog)
{
    /// <summary>The reason a placeholder carries; it is never printed as if it were a real reason.</summary>
    public const string MissingReason = "(missing)";

    /// <summary>What the model holds where no provenance was written and none was inherited.</summary>
    public static Provenance Missing(Location where) => new(null, MissingReason, where);

    /// <summary>The map's own provenance, else the inherited one, else null; never reports a missing one.</summary>
    public Provenance? Optional(YamlMap map, Provenance? inherited) => Own(map, inherited);

    /// <summary>The map's own provenance, else the inherited one; when there is neither, reports it and returns a placeholder.</summary>
    public Provenance Required(YamlMap map, Provenance? inherited, string what)
    {
        if (Own(map, inherited) is { } found) return found;
        map.Context.Report(map.Location, $"missing provenance for {what}: add 'source: seed-NNN' (or 'RFC NNNN §x.y') or 'inferred: <one-line reason>'");
        return Missing(map.Location);
    }

    /// <summary>The map's own provenance, else the inherited one; a <c>level:</c> written here applies to either.</summary>
    private Provenance? Own(YamlMap map, Provenance? inherited)
    {
        var level = Level(map);
        var source = map.String("source");
        var inferred = map.String("inferred");
        if (source is not null && catalog is not null && !catalog.IsCitable(source))
            map.Context.Report(map.LocationOf("source"),
                $"source '{source}' is neither a seed id ({string.Join(", ", catalog.Seeds.Keys)}) nor an RFC section like 'RFC 6749 §5.2'");
        if (inferred is not null && string.IsNullOrWhiteSpace(inferred))
            map.Context.Report(map.LocationOf("inferred"), "'inferred' needs a one-line reason");
        var found = source is null && inferred is null ? inherited : new Provenance(source, inferred, map.Location);
        if (level is not null && found is null)
            map.Context.Report(map.LocationOf("level"), "'level' qualifies a source: add 'source:' or 'inferred:' beside it");
        return level is null || found is null ? found : found with { ExplicitLevel = level };
    }

    /// <summary><c>level: vendor | must | should | inferred</c>, where the level derived from the source would be wrong.</summary>
    private static ObligationLevel? Level(YamlMap map)
    {
        var text = map.String("level");
        if (text is null) return null;
        if (KebabName.TryParse<ObligationLevel>(text, out var level)) return level;
        map.Context.Report(map.LocationOf("level"), $"'level' must be one of {KebabName.List<ObligationLevel>()}, not '{text}'");
        return null;
    }
}
