namespace Harness.Scenarios.Model;

/// <summary>What happens when a refresh token that was already rotated away is presented again.</summary>
public enum ReusePolicy
{
    /// <summary>The old token keeps working (no rotation enforcement).</summary>
    Allow,

    /// <summary>The old token is refused, the newer one keeps working.</summary>
    Reject,

    /// <summary>The old token is refused and every token of its family is revoked (RFC 9700 §4.14.2).</summary>
    RevokeFamily,
}
