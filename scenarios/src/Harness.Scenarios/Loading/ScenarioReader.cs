using Harness.Scenarios.Model;
using YamlDotNet.RepresentationModel;

namespace Harness.Scenarios.Loading;

/// <summary>Reads one <c>scenarios.yaml</c>: the scenarios of one API, each a flow of steps with expectations.</summary>
internal sealed class ScenarioReader(ProvenanceReader provenance, List<Diagnostic> diagnostics, ReadGaps? gaps = null)
{
    private readonly ReadGaps _gaps = gaps ?? new ReadGaps();

    private static IReadOnlyList<string> CheckKinds => Expectation.CheckKinds;

    public IReadOnlyList<Scenario> Read(YamlMap root, string fileFolder)
    {
        var api = root.String("api", required: true) ?? "";
        var scenarios = root.Maps("scenarios", required: true).Select(s => ReadScenario(s, api, fileFolder)).ToList();
        root.Done();
        return scenarios;
    }

    private Scenario ReadScenario(YamlMap map, string api, string fileFolder)
    {
        var id = map.String("id", required: true) ?? "";
        var title = map.String("title", required: true) ?? "";
        var severity = map.Enum<Severity>("severity", required: true) ?? Severity.Contract;
        var before = diagnostics.Count;
        var covers = map.Strings("covers");
        // An unreadable 'covers' was reported already.
        if (covers.Count == 0 && diagnostics.Count == before) map.Context.Report(map.Location, $"scenario '{id}' must name the rule families it covers in 'covers'");
        before = diagnostics.Count;
        var requires = map.Strings("requires");
        var requiresUnreadable = diagnostics.Count > before;
        // A scenario inherits no provenance (scenarios/README.md, "Provenance").
        var own = provenance.Required(map, null, $"scenario '{id}'");
        var stepMaps = map.Maps("steps", required: true);
        var read = stepMaps.Select(s => ReadStep(s, api, fileFolder)).ToList();
        var steps = read.OfType<ScenarioStep>().ToList();
        // A step lost to a problem (or a step id that could not be read) may be the one a later reference names.
        var stepsLost = read.Count != steps.Count
                        || map.Node("steps") is YamlSequenceNode list && list.Children.Count != stepMaps.Count
                        || stepMaps.Any(s => s.Has("id") && s.Node("id") is not YamlScalarNode);
        map.Done();
        var scenario = new Scenario(id, api, title, severity, [.. covers.Select(c => c.Value)], [.. requires.Select(r => r.Value)], steps, own, map.Location)
        {
            IdWhere = map.LocationOf("id"),
            CoversWhere = [.. covers.Select(c => c.Where)],
            RequiresWhere = [.. requires.Select(r => r.Where)],
        };
        if (requiresUnreadable) _gaps.ScenariosWithUnreadableRequires.Add(scenario);
        if (stepsLost) _gaps.ScenariosWithUnreadableSteps.Add(scenario);
        return scenario;
    }

    private ScenarioStep? ReadStep(YamlMap map, string api, string fileFolder)
    {
        if (map.Has("session"))
        {
            var name = map.String("session") ?? "";
            var realm = map.String("realm") ?? "";
            var (with, withWhere) = ReadSlots(map, "with");
            map.Done();
            return new SessionStep(name, realm, with, map.Location) { IdWhere = map.LocationOf("session"), WithWhere = withWhere };
        }
        if (map.Has("advance"))
        {
            var seconds = Expression(map, "advance");
            map.Done();
            return seconds is null ? null : new AdvanceClockStep(seconds, map.Location);
        }
        if (!map.Has("call"))
        {
            map.Context.Report(map.Location, "a step must be one of 'session: <name>', 'advance: <seconds>' or 'call: <operation>'");
            return null;
        }
        var operation = map.String("call") ?? "";
        var id = map.String("id");
        var stepApi = map.String("api") ?? api;
        var (slots, slotsWhere) = ReadSlots(map, "with");
        var mutation = map.Map("mutate") is { } m ? ReadMutation(m) : Mutation.None;
        OutcomeExpectation? outcome = null;
        var checks = new List<Expectation>();
        if (map.Map("expect") is { } expect)
        {
            outcome = ReadOutcome(expect);
            foreach (var node in expect.Node("checks") is YamlSequenceNode seq ? seq.Children : [])
                if (ReadCheck(node, expect.Context, fileFolder) is { } check) checks.Add(check);
            if (expect.Node("checks") is { } c and not YamlSequenceNode) expect.Context.Report(c, "'checks' must be a list");
            expect.Done();
        }
        map.Done();
        return new CallStep(id, stepApi, operation, slots, mutation, outcome, checks, map.Location) { IdWhere = map.LocationOf("id"), WithWhere = slotsWhere };
    }

    private static OutcomeExpectation? ReadOutcome(YamlMap expect)
    {
        var node = expect.Node("outcome");
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode s when KebabName.TryParse<Condition>(s.Value ?? "", out var c):
                return new OutcomeExpectation(c, null, expect.Context.At(s));
            case YamlScalarNode s:
                expect.Context.Report(s, $"'outcome' must be one of {KebabName.List<Condition>()}, not '{s.Value}'");
                return null;
            case YamlMappingNode m:
                var map = new YamlMap(m, expect.Context);
                var when = map.Enum<Condition>("when", required: true);
                var field = map.String("field");
                map.Done();
                return when is null ? null : new OutcomeExpectation(when.Value, field, map.Location);
            default:
                expect.Context.Report(node, "'outcome' must be a condition name or {when, field}");
                return null;
        }
    }

    private Expectation? ReadCheck(YamlNode node, ReadContext context, string fileFolder)
    {
        if (node is YamlScalarNode scalar)
        {
            if (scalar.Value == "fields") return new FieldsExpectation(null, context.At(scalar));
            context.Report(scalar, $"unknown check '{scalar.Value}': a check is one of {string.Join(", ", CheckKinds)}");
            return null;
        }
        var map = context.AsMap(node, "a check");
        if (map is null) return null;
        var kind = map.Keys.FirstOrDefault(k => CheckKinds.Contains(k));
        if (kind is null)
        {
            context.Report(node, $"unknown check '{map.Keys.FirstOrDefault()}': a check is one of {string.Join(", ", CheckKinds)}");
            return null;
        }
        // A check is located at its kind's value (the header name, the token slot, the schema path ...).
        var where = map.LocationOf(kind);
        var from = map.String("source");
        if (from is not null) provenance.Optional(map, null);
        Expectation? check = kind switch
        {
            "fields" => ReadFields(map, from, where),
            "header" => new HeaderExpectation(map.String("header") ?? "", from, where),
            "jwt-claims" => ParseSlot(map, "jwt-claims") is { } slot ? new JwtClaimsExpectation(slot, from, where) : null,
            "jwt-exp" => ReadJwtExpiry(map, from, where),
            "schema" => new SchemaExpectation(Path.GetFullPath(Path.Combine(fileFolder, map.String("schema") ?? "")), from, where),
            _ => ReadComparison(map, kind, from, where),
        };
        map.Done();
        return check;
    }

    /// <summary><c>- fields</c> written as a mapping, to give it a source: <c>- { fields: all, source: ... }</c>.</summary>
    private static FieldsExpectation? ReadFields(YamlMap map, string? from, Location where)
    {
        var value = map.String("fields");
        if (value is null or "" or "all") return new FieldsExpectation(from, where);
        map.Context.Report(where, $"'fields' checks every response field of the contract: write 'fields: all', not 'fields: {value}'");
        return null;
    }

    private JwtExpiryExpectation? ReadJwtExpiry(YamlMap map, string? from, Location where)
    {
        var inner = map.Map("jwt-exp");
        if (inner is null) return null;
        var token = ParseSlot(inner, "token", required: true);
        var lifetime = Expression(inner, "lifetime", required: true);
        var tolerance = inner.Int("tolerance") ?? 5;
        inner.Done();
        return token is null || lifetime is null ? null : new JwtExpiryExpectation(token.Value, lifetime, tolerance, from, where);
    }

    private ComparisonExpectation? ReadComparison(YamlMap map, string kind, string? from, Location where)
    {
        var inner = map.Map(kind);
        if (inner is null) return null;
        var (comparison, otherKey) = kind switch
        {
            "differs" => (Comparison.Differs, "from"),
            "equal-to" => (Comparison.EqualTo, "to"),
            "at-most" => (Comparison.AtMost, "bound"),
            _ => (Comparison.ScopeSubset, "of"),
        };
        var value = Expression(inner, "value", required: true);
        var other = Expression(inner, otherKey, required: true);
        inner.Done();
        return value is null || other is null ? null : new ComparisonExpectation(comparison, value, other, from, where);
    }

    private Mutation ReadMutation(YamlMap map)
    {
        var omit = map.Strings("omit");
        var set = new Dictionary<string, ValueExpression>(StringComparer.OrdinalIgnoreCase);
        var setWhere = new Dictionary<string, Location>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, where, node) in map.Entries("set"))
        {
            setWhere[name] = where;
            if (node is YamlScalarNode s) set[name] = ValueExpression.Parse(s.Value ?? "", map.Context.At(s), diagnostics);
            else map.Context.Report(node, $"'set.{name}' must be a text value");
        }
        var tamper = map.Strings("tamper").Select(t =>
        {
            if (KebabName.TryParse<Slot>(t.Value, out var slot)) return (Slot?)slot;
            map.Context.Report(t.Where, $"'tamper' takes slots ({KebabName.List<Slot>()}), not '{t.Value}'");
            return null;
        }).OfType<Slot>().ToList();
        var mutation = new Mutation([.. omit.Select(o => o.Value)], set, map.String("body"), map.String("content-type"), map.String("method")?.ToUpperInvariant(), tamper,
            Expression(map, "base-url"))
        {
            OmitWhere = [.. omit.Select(o => o.Where)],
            SetWhere = setWhere,
        };
        map.Done();
        return mutation;
    }

    /// <summary>Slot values, and where each slot is named (its key).</summary>
    private (Dictionary<Slot, ValueExpression> Values, Dictionary<Slot, Location> Where) ReadSlots(YamlMap map, string key)
    {
        var result = new Dictionary<Slot, ValueExpression>();
        var keys = new Dictionary<Slot, Location>();
        foreach (var (name, where, node) in map.Entries(key))
        {
            if (!KebabName.TryParse<Slot>(name, out var slot))
            {
                map.Context.Report(where, $"'{name}' is not a slot: use one of {KebabName.List<Slot>()}");
                continue;
            }
            keys[slot] = where;
            if (node is YamlScalarNode s) result[slot] = ValueExpression.Parse(s.Value ?? "", map.Context.At(s), diagnostics);
            else map.Context.Report(node, $"'{key}.{name}' must be a text value");
        }
        return (result, keys);
    }

    private ValueExpression? Expression(YamlMap map, string key, bool required = false)
    {
        var text = map.String(key, required);
        return text is null ? null : ValueExpression.Parse(text, map.LocationOf(key), diagnostics);
    }

    private static Slot? ParseSlot(YamlMap map, string key, bool required = false)
    {
        var text = map.String(key, required);
        if (text is null) return null;
        if (KebabName.TryParse<Slot>(text, out var slot)) return slot;
        map.Context.Report(map.LocationOf(key), $"'{key}' must be a slot ({KebabName.List<Slot>()}), not '{text}'");
        return null;
    }
}
