namespace Harness.Scenarios.Profiles;

/// <summary>Which target values are secrets: never written in a profile, always registered with the redactor.</summary>
public static class SecretValues
{
    public static bool IsSecret(string name) =>
        name.Contains("secret", StringComparison.Ordinal) || name.Contains("password", StringComparison.Ordinal) || name.EndsWith("session-token", StringComparison.Ordinal);
}
