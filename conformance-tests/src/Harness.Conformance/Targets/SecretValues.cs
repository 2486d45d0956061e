namespace Harness.Conformance.Targets;

/// <summary>Which target values are secrets: never written in a profile, always registered with the redactor (the rule itself lives with the profile reader).</summary>
public static class SecretValues
{
    public static bool IsSecret(string name) => Harness.Scenarios.Profiles.SecretValues.IsSecret(name);
}
