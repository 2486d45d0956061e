using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;

namespace Harness.Scenarios.Profiles;

/// <summary>
/// Finds the entries of a profile that nothing would read: a value or secret that no request of the profile's APIs
/// carries and no scenario of theirs asks for. Such an entry is a mistake the author cannot see (a client secret
/// written for a contract whose client is public, a typo'd API), so it is an error, located at its key.
/// </summary>
internal static class ProfileUse
{
    /// <summary>The secrets a confidential client mode sends for the clients scenarios use.</summary>
    private static readonly string[] ClientSecrets = ["client-secret", "second-client-secret", "restricted-client-secret"];

    public static void ReportUnused(YamlMap root, ContractSet contracts, IReadOnlySet<string> apis, ClientAuthentication clientAuth, Bootstrap bootstrap,
        IReadOnlyDictionary<string, Location> values, IReadOnlyDictionary<string, Location> secrets, Location clientAuthWhere)
    {
        var operations = contracts.Operations.Where(o => apis.Contains(o.ApiId)).ToList();
        var takesClientId = operations.Any(o => o.Request.Any(f => f.Binds == Slot.ClientId));
        if (clientAuth != ClientAuthentication.AsContract && !takesClientId)
            root.Context.Report(clientAuthWhere, $"'client-auth' applies to APIs whose requests carry a client_id; none of {string.Join(", ", apis)} does");
        if (clientAuth.IsConfidential() && !secrets.ContainsKey("client-secret"))
            root.Context.Report(clientAuthWhere, "a confidential 'client-auth' needs the client's secret: name its environment variable under 'secrets: { client-secret: VARIABLE }'");

        var used = Used(contracts, operations, apis, bootstrap);
        if (clientAuth.IsConfidential()) used.UnionWith(ClientSecrets);
        if (clientAuth == ClientAuthentication.Public) used.ExceptWith(ClientSecrets);
        foreach (var (name, where, section) in values.Select(v => (v.Key, v.Value, "values")).Concat(secrets.Select(s => (s.Key, s.Value, "secrets"))))
        {
            if (used.Contains(name) || !contracts.Catalog.TargetValues.ContainsKey(name)) continue;
            var hint = !ClientSecrets.Contains(name) ? ""
                : clientAuth == ClientAuthentication.Public ? " ('client-auth: public' sends no secret)"
                : " (the contract's client is public: a confidential client needs 'client-auth: client_secret_basic' or 'client_secret_post')";
            root.Context.Report(where, $"'{section}.{name}' is never used: no request of {string.Join(", ", apis.Order(StringComparer.Ordinal))} carries it and no scenario asks for it{hint}");
        }
    }

    /// <summary>The target values a request field binds, a scenario references, or the bootstrap command names.</summary>
    private static HashSet<string> Used(ContractSet contracts, IEnumerable<Operation> operations, IReadOnlySet<string> apis, Bootstrap bootstrap)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in operations.SelectMany(o => o.Request).SelectMany(f => f.Items.Prepend(f)))
            if (field.Binds is { } slot) used.Add(KebabName.Of(slot));
        foreach (var expression in contracts.Scenarios.Where(s => apis.Contains(s.ApiId)).SelectMany(s => s.Steps).SelectMany(Expressions))
            foreach (var reference in expression.References.Where(r => r.Root == ValueReference.TargetRoot && r.Path.Count > 0))
                used.Add(reference.Path[0]);
        foreach (System.Text.RegularExpressions.Match reference in ProfileReader.TargetReference().Matches(bootstrap.Command ?? ""))
            used.Add(reference.Groups["name"].Value);
        return used;
    }

    private static IEnumerable<ValueExpression> Expressions(ScenarioStep step) => step switch
    {
        SessionStep session => session.With.Values,
        AdvanceClockStep advance => [advance.Seconds],
        CallStep call => call.With.Values.Concat(call.Mutate.Set.Values)
            .Concat(call.Mutate.BaseUrl is { } url ? [url] : [])
            .Concat(call.Checks.SelectMany(c => c switch
            {
                JwtExpiryExpectation e => [e.Lifetime],
                ComparisonExpectation c2 => [c2.Value, c2.Other],
                _ => Array.Empty<ValueExpression>(),
            })),
        _ => [],
    };
}
