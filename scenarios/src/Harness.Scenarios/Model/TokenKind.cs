namespace Harness.Scenarios.Model;

/// <summary>The three lifetimes a token policy can set: the access token, the (sliding) refresh token, and the fixed session cap.</summary>
public enum TokenKind
{
    Access,
    Refresh,
    Session,
}
