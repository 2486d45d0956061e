using System.Text.RegularExpressions;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;
using YamlDotNet.RepresentationModel;

namespace Harness.Scenarios.Profiles;

/// <summary>Reads a target profile with the located YAML reader the scenario files use, so its problems carry file:line:column.</summary>
/// <remarks>
/// <c>base-url</c>, <c>paths</c> and <c>values</c> may reference the environment: <c>${env:NAME}</c> (required: a
/// located problem when NAME is unset or empty) or <c>${env:NAME:-default}</c> (the default when NAME is unset or
/// empty, as in the shell). A harness that starts the server itself on a free port points the profile at it this way.
/// </remarks>
internal static partial class ProfileReader
{
    public static TargetProfile? Read(YamlMap root, Catalog catalog, string folder, ContractSet? contracts = null)
    {
        var name = root.String("name", required: true) ?? "";
        var baseUrlText = root.String("base-url", required: true);
        if (baseUrlText is not null) baseUrlText = ExpandEnvironment(baseUrlText, root.Context, root.LocationOf("base-url"), "base-url");
        Uri? baseUrl = null;
        if (baseUrlText is not null && !Uri.TryCreate(baseUrlText.TrimEnd('/') + "/", UriKind.Absolute, out baseUrl))
            root.Context.Report(root.LocationOf("base-url"), $"'base-url' must be an absolute URL, not '{baseUrlText}'");
        var apiEntries = root.Strings("apis");
        var apis = apiEntries.Select(a => a.Value).ToHashSet(StringComparer.Ordinal);
        if (apis.Count == 0) root.Context.Report(root.Location, "'apis' must list the APIs the target implements");
        if (contracts is not null)
            foreach (var (api, where) in apiEntries.Where(a => contracts.Api(a.Value) is null))
                root.Context.Report(where, $"'{api}' is not an API of the scenario folder (known: {string.Join(", ", contracts.Apis.Select(a => a.Id))})");
        var capabilities = root.Strings("capabilities").ToList();
        foreach (var (capability, where) in capabilities.Where(c => !catalog.Capabilities.ContainsKey(c.Value)))
            root.Context.Report(where, $"'{capability}' is not a capability in catalog.yaml");

        var paths = Texts(root, "paths", expand: true, out var pathsWhere);
        var values = Texts(root, "values", expand: true, out var valuesWhere);
        var secrets = Texts(root, "secrets", expand: false, out var secretsWhere);
        var unserved = Texts(root, "unserved", expand: false, out var unservedWhere);
        foreach (var (key, where) in valuesWhere.Concat(secretsWhere).Where(k => !catalog.TargetValues.ContainsKey(k.Key)))
            root.Context.Report(where, $"'{key}' is not a target value in catalog.yaml (known: {string.Join(", ", catalog.TargetValues.Keys)})");
        foreach (var key in values.Keys.Where(SecretValues.IsSecret))
            root.Context.Report(valuesWhere[key], $"'{key}' is a secret: name the environment variable that holds it under 'secrets', never the value");
        foreach (var (key, variable) in secrets.Where(s => !VariableName().IsMatch(s.Value)))
            root.Context.Report(secretsWhere[key], $"'secrets.{key}' must name an environment variable (letters, digits, _), not hold the secret itself");
        foreach (var (key, reason) in unserved.Where(u => u.Value.Trim().Length == 0))
            root.Context.Report(unservedWhere[key], $"'unserved.{key}' needs a reason (it becomes the skip reason of every scenario that calls it)");
        if (contracts is not null)
        {
            foreach (var (key, where, section) in pathsWhere.Select(k => (k.Key, k.Value, "paths")).Concat(unservedWhere.Select(k => (k.Key, k.Value, "unserved"))))
                if (!contracts.Operations.Any(o => o.QualifiedId == key))
                    root.Context.Report(where, $"'{section}.{key}' is not an operation (<api>.<operation>; known: {string.Join(", ", contracts.Operations.Select(o => o.QualifiedId))})");
        }

        var clientAuth = ClientAuthentication.AsContract;
        if (root.String("client-auth") is { } clientAuthText)
        {
            if (ClientAuthenticationNames.ByName.TryGetValue(clientAuthText, out var mode)) clientAuth = mode;
            else root.Context.Report(root.LocationOf("client-auth"), $"'client-auth' must be one of {string.Join(", ", ClientAuthenticationNames.ByName.Keys)}, not '{clientAuthText}'");
        }
        var grace = root.Int("reuse-grace-seconds");
        if (grace is < 0) root.Context.Report(root.LocationOf("reuse-grace-seconds"), "'reuse-grace-seconds' must be 0 or more");
        var strict = root.Bool("strict") ?? false;

        var lifetimes = new Dictionary<string, IReadOnlyDictionary<TokenKind, int>>(StringComparer.Ordinal);
        foreach (var (realm, where, node) in root.Entries("lifetimes"))
        {
            if (contracts is not null && !contracts.Apis.Any(a => a.Realm == realm))
                root.Context.Report(where, $"'lifetimes.{realm}' is not a realm (known: {string.Join(", ", contracts.Apis.Select(a => a.Realm).Distinct())})");
            var map = root.Context.AsMap(node, realm);
            if (map is null) continue;
            var byKind = new Dictionary<TokenKind, int>();
            foreach (var kind in Enum.GetValues<TokenKind>())
                if (map.Int(KebabName.Of(kind)) is { } seconds) byKind[kind] = seconds;
            map.Done();
            lifetimes[realm] = byKind;
        }

        var bootstrapMap = root.Map("bootstrap");
        var bootstrap = new Bootstrap(BootstrapKind.Issue, null, null);
        if (bootstrapMap is not null)
        {
            var kind = bootstrapMap.Enum<BootstrapKind>("kind", required: true) ?? BootstrapKind.Issue;
            var command = bootstrapMap.String("command");
            if (kind == BootstrapKind.Command && command is null) bootstrapMap.Context.Report(bootstrapMap.Location, "a 'command' bootstrap needs 'command'");
            if (kind == BootstrapKind.Issue && command is not null)
                bootstrapMap.Context.Report(bootstrapMap.LocationOf("command"), "'command' is only run by 'kind: command'; with 'kind: issue' it would be ignored");
            foreach (Match reference in TargetReference().Matches(command ?? ""))
            {
                var valueName = reference.Groups["name"].Value;
                if (!values.ContainsKey(valueName))
                    bootstrapMap.Context.Report(bootstrapMap.LocationOf("command"), secrets.ContainsKey(valueName)
                        ? $"'{reference.Value}' names a secret: a command never gets secrets on its command line (read the environment variable '{secrets[valueName]}' in the command instead)"
                        : $"'{reference.Value}' names no entry of 'values'");
            }
            bootstrap = new Bootstrap(kind, command, null);
            bootstrapMap.Done();
        }
        var verifyTls = root.Bool("tls-verify") ?? true;
        var gate = Gate(root);
        root.Done();
        if (contracts is not null)
            ProfileUse.ReportUnused(root, contracts, apis, clientAuth, bootstrap, valuesWhere, secretsWhere, root.LocationOf("client-auth"));
        return baseUrl is null ? null : new TargetProfile(name, baseUrl, apis, paths, capabilities.Select(c => c.Value).ToHashSet(), lifetimes,
            values, secrets, bootstrap, verifyTls, folder, unserved)
        {
            ClientAuth = clientAuth,
            ReuseGraceSeconds = grace is > 0 ? grace : null,
            Strict = strict,
            Gate = gate,
        };
    }

    /// <summary><c>gate: [vendor, must, should, inferred]</c>: the levels whose findings fail a check; absent, the profile gates on vendor and must.</summary>
    private static IReadOnlySet<ObligationLevel>? Gate(YamlMap root)
    {
        if (!root.Has("gate")) return null;
        var levels = new HashSet<ObligationLevel>();
        foreach (var (text, where) in root.Strings("gate"))
        {
            if (KebabName.TryParse<ObligationLevel>(text, out var level)) levels.Add(level);
            else root.Context.Report(where, $"'gate' takes levels of obligation ({KebabName.List<ObligationLevel>()}), not '{text}'");
        }
        return levels;
    }

    /// <summary><c>${target.NAME}</c> in a bootstrap command: a plain (non-secret) value of the profile.</summary>
    [GeneratedRegex(@"\$\{target\.(?<name>[a-z0-9-]+)\}")]
    internal static partial Regex TargetReference();

    [GeneratedRegex(@"\$\{env:(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::-(?<default>[^}]*))?\}")]
    private static partial Regex EnvironmentReference();

    /// <summary>Replaces <c>${env:NAME}</c> and <c>${env:NAME:-default}</c>; an unset variable without a default is a located problem.</summary>
    internal static string ExpandEnvironment(string text, ReadContext context, Location where, string what) =>
        EnvironmentReference().Replace(text, m =>
        {
            var variable = m.Groups["name"].Value;
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value) return value;
            if (m.Groups["default"].Success) return m.Groups["default"].Value;
            context.Report(where, $"'{what}' needs the environment variable {variable}, which is not set (write ${{env:{variable}:-default}} for a default)");
            return "";
        });

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();

    /// <summary>The text entries of a section, and where each key is written (problems about an entry point at its line, not the file's top).</summary>
    private static Dictionary<string, string> Texts(YamlMap root, string key, bool expand, out Dictionary<string, Location> where)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        where = new Dictionary<string, Location>(StringComparer.Ordinal);
        foreach (var (name, at, node) in root.Entries(key))
        {
            where[name] = at;
            if (node is YamlScalarNode s)
                result[name] = expand ? ExpandEnvironment(s.Value ?? "", root.Context, root.Context.At(s), $"{key}.{name}") : s.Value ?? "";
            else root.Context.Report(node, $"'{key}.{name}' must be a text value");
        }
        return result;
    }
}
