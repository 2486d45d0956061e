using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;
using YamlDotNet.RepresentationModel;

namespace Harness.Conformance.Targets;

/// <summary>Reads a target profile with the located YAML reader the scenario files use, so its problems carry file:line:column.</summary>
internal static class ProfileReader
{
    public static TargetProfile? Read(YamlMap root, Catalog catalog, string folder)
    {
        var name = root.String("name", required: true) ?? "";
        var baseUrlText = root.String("base-url", required: true);
        Uri? baseUrl = null;
        if (baseUrlText is not null && !Uri.TryCreate(baseUrlText.TrimEnd('/') + "/", UriKind.Absolute, out baseUrl))
            root.Context.Report(root.LocationOf("base-url"), $"'base-url' must be an absolute URL, not '{baseUrlText}'");
        var apis = root.Strings("apis").Select(a => a.Value).ToHashSet(StringComparer.Ordinal);
        if (apis.Count == 0) root.Context.Report(root.Location, "'apis' must list the APIs the target implements");
        var capabilities = root.Strings("capabilities").ToList();
        foreach (var (capability, where) in capabilities.Where(c => !catalog.Capabilities.ContainsKey(c.Value)))
            root.Context.Report(where, $"'{capability}' is not a capability in catalog.yaml");

        var paths = Texts(root, "paths");
        var values = Texts(root, "values");
        var secrets = Texts(root, "secrets");
        foreach (var key in values.Keys.Concat(secrets.Keys).Where(k => !catalog.TargetValues.ContainsKey(k)))
            root.Context.Report(root.Location, $"'{key}' is not a target value in catalog.yaml (known: {string.Join(", ", catalog.TargetValues.Keys)})");
        foreach (var key in values.Keys.Where(SecretValues.IsSecret))
            root.Context.Report(root.LocationOf("values"), $"'{key}' is a secret: name the environment variable that holds it under 'secrets', never the value");

        var lifetimes = new Dictionary<string, IReadOnlyDictionary<TokenKind, int>>(StringComparer.Ordinal);
        foreach (var (realm, where, node) in root.Entries("lifetimes"))
        {
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
            bootstrap = new Bootstrap(kind, command, null);
            bootstrapMap.Done();
        }
        var verifyTls = root.Bool("tls-verify") ?? true;
        root.Done();
        return baseUrl is null ? null : new TargetProfile(name, baseUrl, apis, paths, capabilities.Select(c => c.Value).ToHashSet(), lifetimes,
            values, secrets, bootstrap, verifyTls, folder);
    }

    private static Dictionary<string, string> Texts(YamlMap root, string key)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, where, node) in root.Entries(key))
        {
            if (node is YamlScalarNode s) result[name] = s.Value ?? "";
            else root.Context.Report(node, $"'{key}.{name}' must be a text value");
        }
        return result;
    }
}
