using System.Text.Json.Nodes;
using Harness.Scenarios.Model;
using YamlDotNet.RepresentationModel;

namespace Harness.Scenarios.Loading;

/// <summary>Reads one <c>contract.yaml</c> into an <see cref="ApiContract"/>, reporting every problem it meets.</summary>
internal sealed class ContractReader(ProvenanceReader provenance, ReadGaps? gaps = null)
{
    private readonly ReadGaps _gaps = gaps ?? new ReadGaps();

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public ApiContract? Read(YamlMap root, string folder)
    {
        var id = root.String("api", required: true);
        var title = root.String("title", required: true) ?? "";
        var realm = root.String("realm") ?? id;
        // The contract's provenance is optional: it is only inherited by operations that state none.
        var fileProvenance = provenance.Optional(root, null);

        var errors = root.Map("errors", required: true);
        var shape = errors?.Enum<ErrorShape>("shape", required: true) ?? ErrorShape.StatusOnly;
        // The error shape inherits nothing (scenarios/README.md, "Provenance").
        var shapeProvenance = errors is null ? ProvenanceReader.Missing(root.Location) : provenance.Required(errors, null, "the error shape");
        errors?.Done();

        var tokens = root.Map("tokens") is { } t ? ReadTokens(t, realm ?? "", id ?? "") : null;

        var oidc = root.Map("oidc") is { } o ? new OidcReader(provenance).Read(o) : null;

        var operations = new List<Operation>();
        foreach (var (opId, where, node) in root.Entries("operations"))
        {
            var map = root.Context.AsMap(node, opId);
            if (map is null && id is not null) _gaps.ApisWithUnreadableOperations.Add(id);
            if (map is not null && id is not null) operations.Add(ReadOperation(map, opId, id, fileProvenance));
        }
        // Operations that are there but unreadable (or an 'operations' that is not a mapping) were reported already.
        if (root.Node("operations") is null or YamlMappingNode { Children.Count: 0 })
            root.Context.Report(root.Location, "a contract needs at least one operation under 'operations'");
        root.Done();
        if (oidc is not null) OidcReader.CheckTokenEndpoint(root.Context, oidc, operations);
        return id is null ? null : new ApiContract(id, title, realm!, folder, shape, shapeProvenance, tokens, operations, root.Location) { Oidc = oidc };
    }

    private Operation ReadOperation(YamlMap map, string id, string apiId, Provenance? inherited)
    {
        var readRole = map.Enum<OperationRole>("role", required: true);
        if (readRole is null) _gaps.ApisWithUnreadableOperations.Add(apiId);
        var role = readRole ?? OperationRole.Refresh;
        var method = map.String("method", required: true)?.ToUpperInvariant() ?? "POST";
        if (!Methods.Contains(method)) map.Context.Report(map.LocationOf("method"), $"'method' must be one of {string.Join(", ", Methods)}, not '{method}'");
        var path = map.String("path", required: true) ?? "/";
        if (!path.StartsWith('/')) map.Context.Report(map.LocationOf("path"), $"'path' must start with '/', not '{path}'");
        var contentType = map.String("content-type");
        var own = provenance.Optional(map, inherited);

        var request = map.Maps("request").Select(f => ReadRequestField(f, own)).ToList();
        var responseMap = map.Map("response", required: true);
        var response = responseMap is null ? new ResponseSpec(200, [], []) : ReadResponse(responseMap, own);
        var responseUnreadable = responseMap?.Node("status") is not YamlScalarNode { Value: var statusText }
                                 || !int.TryParse(statusText, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _);
        var outcomeMaps = map.Maps("outcomes", required: true);
        var read = outcomeMaps.Select(o => ReadOutcome(o, own)).ToList();
        var outcomes = read.OfType<Outcome>().ToList();
        // A missing or unreadable outcome was reported where it is; the checks that would miss it are skipped.
        var unreadable = read.Count != outcomes.Count
                         || map.Node("outcomes") is not YamlSequenceNode list
                         || list.Children.Count != outcomeMaps.Count;
        map.Done();
        var operation = new Operation(id, apiId, role, method, path, contentType, request, response, outcomes, own ?? ProvenanceReader.Missing(map.Location), map.Location);
        if (unreadable) _gaps.OperationsWithUnreadableOutcomes.Add(operation);
        if (responseUnreadable) _gaps.OperationsWithUnreadableResponseStatus.Add(operation);
        return operation;
    }

    private RequestField ReadRequestField(YamlMap map, Provenance? inherited, FieldLocation? parentLocation = null)
    {
        var name = map.String("name", required: true) ?? "";
        // Members of a name-value array travel where their array does.
        var location = parentLocation ?? map.Enum<FieldLocation>("in", required: true) ?? FieldLocation.Json;
        var type = map.Enum<FieldType>("type") ?? FieldType.String;
        var required = map.Bool("required") ?? false;
        var binds = map.Enum<Slot>("binds");
        var value = map.String("value");
        var template = map.String("template");
        if (template is not null && !template.Contains("{}", StringComparison.Ordinal))
            map.Context.Report(map.LocationOf("template"), "'template' must contain '{}' where the value goes");
        var secret = map.Bool("secret") ?? false;
        var own = provenance.Optional(map, inherited);
        var items = map.Maps("items").Select(i => ReadRequestField(i, own, location)).ToList();
        if (binds is null && value is null && items.Count == 0)
            map.Context.Report(map.Location, $"request field '{name}' needs 'binds' (a slot), 'value' (a fixed value) or 'items'");
        // A value the contract prints cannot be secret, and an array is masked member by member.
        if (secret && value is not null)
            map.Context.Report(map.LocationOf("secret"), $"request field '{name}' has a fixed 'value' written in the contract, so it cannot be 'secret'");
        if (secret && items.Count > 0)
            map.Context.Report(map.LocationOf("secret"), $"request field '{name}' is an array: mark 'secret: true' on the members under 'items' that carry a secret");
        map.Done();
        return new RequestField(name, location, type, required, binds, value, template, items, own ?? ProvenanceReader.Missing(map.Location), map.Location)
        {
            Secret = secret || binds is { } slot && CredentialSlots.Contains(slot),
        };
    }

    private ResponseSpec ReadResponse(YamlMap map, Provenance? inherited)
    {
        var status = map.Int("status", required: true) ?? 200;
        var own = provenance.Optional(map, inherited);
        var headers = map.Maps("headers").Select(h => ReadHeader(h, own)).ToList();
        var fields = map.Maps("fields").Select(f => ReadResponseField(f, own)).ToList();
        map.Done();
        return new ResponseSpec(status, fields, headers);
    }

    private ResponseHeader ReadHeader(YamlMap map, Provenance? inherited)
    {
        var header = new ResponseHeader(
            map.String("name", required: true) ?? "",
            map.String("contains", required: true) ?? "",
            provenance.Optional(map, inherited) ?? ProvenanceReader.Missing(map.Location),
            map.Location);
        map.Done();
        return header;
    }

    private ResponseField ReadResponseField(YamlMap map, Provenance? inherited)
    {
        var path = map.String("path", required: true) ?? "";
        var types = map.Strings("type").Select(t =>
        {
            if (KebabName.TryParse<FieldType>(t.Value, out var ft)) return (FieldType?)ft;
            map.Context.Report(t.Where, $"'type' must be one of {KebabName.List<FieldType>()}, not '{t.Value}'");
            return null;
        }).OfType<FieldType>().ToList();
        if (types.Count == 0) types.Add(FieldType.String);
        var equalTo = map.Node("equals") is { } eq ? YamlValues.ToJson(eq) : null;
        var field = new ResponseField(
            path,
            types,
            map.Bool("required") ?? true,
            map.Enum<Slot>("binds"),
            equalTo,
            map.Bool("ignore-case") ?? false,
            map.Enum<TokenKind>("lifetime"),
            provenance.Optional(map, inherited) ?? ProvenanceReader.Missing(map.Location),
            map.Location);
        map.Done();
        return field;
    }

    private Outcome? ReadOutcome(YamlMap map, Provenance? inherited)
    {
        var when = map.Enum<Condition>("when");
        var status = map.Int("status", required: true);
        if (!map.Has("when"))
            map.Context.Report(map.Location, $"status {status?.ToString() ?? "?"} has no condition: add 'when: <condition>' ({KebabName.List<Condition>()})");
        var field = map.String("field");
        var error = map.String("error");
        var message = map.String("message");
        // An outcome needs provenance: its own, or its operation's (scenarios/README.md, "Provenance").
        var own = provenance.Required(map, inherited, $"outcome {status?.ToString() ?? "?"}");
        var headers = map.Maps("headers").Select(h => ReadHeader(h, own)).ToList();
        map.Done();
        if (status is < 100 or > 599) map.Context.Report(map.LocationOf("status"), $"'{status}' is not an HTTP status code");
        return when is null || status is null ? null : new Outcome(when.Value, field, status.Value, error, message, headers, own, map.Location);
    }

    private TokenPolicy ReadTokens(YamlMap map, string realm, string apiId)
    {
        var access = ReadLifetime(map.Map("access", required: true), "access", out _);
        var refresh = ReadLifetime(map.Map("refresh", required: true), "refresh", out var sliding);
        var session = map.Map("session") is { } s ? ReadLifetime(s, "session", out _) : null;

        var rotation = map.Map("rotation", required: true);
        var rotate = rotation?.Bool("rotate") ?? false;
        var reuse = rotation?.Enum<ReusePolicy>("reuse") ?? (rotate ? ReusePolicy.Reject : ReusePolicy.Allow);
        var rotationProvenance = rotation is null ? null : provenance.Required(rotation, null, "the rotation policy");
        if (!rotate && reuse != ReusePolicy.Allow)
            map.Context.Report(rotation!.LocationOf("reuse"), "'reuse' can only refuse an old token when 'rotate' is true");
        rotation?.Done();

        var binding = map.Map("client-bound", required: true);
        var bound = binding?.Bool("value") ?? false;
        var bindingProvenance = binding is null ? null : provenance.Required(binding, null, "client binding");
        binding?.Done();

        var claims = map.Map("claims");
        var claimsProvenance = claims is null ? null : provenance.Required(claims, null, "the token claims");
        var accessClaims = Claims(claims, "access");
        var refreshClaims = Claims(claims, "refresh");
        claims?.Done();
        map.Done();

        var fallback = ProvenanceReader.Missing(map.Location);
        return new TokenPolicy(realm, apiId, access, refresh, session, sliding, rotate, reuse, rotationProvenance ?? fallback,
            bound, bindingProvenance ?? fallback, accessClaims, refreshClaims, claimsProvenance ?? fallback, map.Location);
    }

    private Lifetime ReadLifetime(YamlMap? map, string what, out bool sliding)
    {
        sliding = false;
        if (map is null) return new Lifetime(0, ProvenanceReader.Missing(Location.None));
        var seconds = map.Int("lifetime", required: true) ?? 0;
        if (seconds <= 0 && map.Has("lifetime")) map.Context.Report(map.LocationOf("lifetime"), $"the {what} lifetime must be a positive number of seconds");
        sliding = map.Bool("sliding") ?? false;
        var lifetime = new Lifetime(seconds, provenance.Required(map, null, $"the {what} lifetime"));
        map.Done();
        return lifetime;
    }

    internal static IReadOnlyDictionary<string, JsonNode?> Claims(YamlMap? claims, string kind)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (claims?.Node(kind) is not { } node) return result;
        if (node is not YamlMappingNode map)
        {
            claims.Context.Report(node, $"'claims.{kind}' must be a mapping of claim names to values");
            return result;
        }
        foreach (var (key, value) in map.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            CheckClaimTemplates(claims.Context, value, $"claims.{kind}.{name}");
            result[name] = YamlValues.ToJson(value);
        }
        return result;
    }

    /// <summary>Every <c>${...}</c> in a claim's value (nested ones too) must be a template of <see cref="ClaimTemplates"/>: the mock fills only those.</summary>
    private static void CheckClaimTemplates(ReadContext context, YamlNode value, string what)
    {
        switch (value)
        {
            case YamlMappingNode map:
                foreach (var (key, child) in map.Children) CheckClaimTemplates(context, child, $"{what}.{(key as YamlScalarNode)?.Value}");
                return;
            case YamlSequenceNode sequence:
                foreach (var child in sequence.Children) CheckClaimTemplates(context, child, what);
                return;
        }
        if (ClaimTemplates.ReferenceIn(YamlValues.ToJson(value)) is { } name && ClaimTemplates.Find(name) is null)
            context.Report(value, $"'{what}': '${{{name}}}' is not a claim template (known: {ClaimTemplates.Listed})");
    }
}
