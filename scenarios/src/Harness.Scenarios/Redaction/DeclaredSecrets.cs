using Harness.Scenarios.Model;

namespace Harness.Scenarios.Redaction;

/// <summary>The request fields the contracts mark <c>secret: true</c>, members of name-value arrays (AGS <c>parameters</c>) included.</summary>
public static class DeclaredSecrets
{
    public static IReadOnlySet<string> Names(ContractSet contracts)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in contracts.Operations.SelectMany(o => o.Request).SelectMany(WithMembers))
            if (field.Secret) names.Add(field.Name);
        return names;
    }

    private static IEnumerable<RequestField> WithMembers(RequestField field) => field.Items.SelectMany(WithMembers).Prepend(field);
}
