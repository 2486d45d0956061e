namespace Harness.Conformance.Running;

/// <summary>
/// Tells a skip caused by a gap in the profile (a value it does not give, a capability it could declare) from a skip
/// that is the target's nature (an API it does not implement, an operation it does not serve, a clock it cannot move).
/// Strict mode fails the first kind: a CI gate must not pass because the profile was left incomplete.
/// </summary>
public static class SkipCause
{
    /// <summary>The start of every skip reason for a target value the profile does not give.</summary>
    public const string MissingValue = "the target profile gives no value for";

    /// <summary>The start of every skip reason for a capability the profile does not declare (ScenarioRunner writes it).</summary>
    public const string MissingCapability = "the target lacks the '";

    /// <summary>Capabilities no profile can supply: only the in-process mock has a movable clock.</summary>
    private static readonly string[] NotForProfiles = ["clock-control"];

    public static bool IsProfileGap(string? reason) =>
        reason is not null
        && (reason.StartsWith(MissingValue, StringComparison.Ordinal)
            || (reason.StartsWith(MissingCapability, StringComparison.Ordinal) && !NotForProfiles.Any(c => reason.StartsWith(MissingCapability + c + "'", StringComparison.Ordinal))));
}
