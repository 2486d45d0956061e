namespace Harness.Scenarios.Model;

/// <summary>What an operation does to token state; the mock picks its behaviour by role, never by API name.</summary>
public enum OperationRole
{
    /// <summary>Starts a session and issues the first token pair (sign-on, password grant, create token).</summary>
    Issue,

    /// <summary>Exchanges a refresh token for a new pair.</summary>
    Refresh,

    /// <summary>Describes the services and parameters a client must use.</summary>
    Discovery,

    /// <summary>Publishes the keys that verify issued tokens.</summary>
    Keys,
}
