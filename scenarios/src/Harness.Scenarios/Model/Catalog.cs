using System.Text.RegularExpressions;

namespace Harness.Scenarios.Model;

/// <summary>
/// The closed vocabularies every scenario file draws on: the seed pages that may be cited, the rule
/// families checks cover, the capabilities a target may lack, and the target values a scenario may ask for.
/// </summary>
public sealed partial record Catalog(
    IReadOnlyDictionary<string, SeedPage> Seeds,
    IReadOnlyDictionary<string, string> Rules,
    IReadOnlyDictionary<string, string> Capabilities,
    IReadOnlyDictionary<string, string> TargetValues)
{
    /// <summary>A source is a seed id, optionally with a section, or an RFC section ("RFC 6749 §5.2").</summary>
    public bool IsCitable(string source)
    {
        var seed = source.Split(' ', 2)[0];
        return Seeds.ContainsKey(seed) || RfcReference().IsMatch(source);
    }

    [GeneratedRegex(@"^RFC \d{3,5}( §[0-9A-Z][0-9.]*)?$")]
    private static partial Regex RfcReference();
}
