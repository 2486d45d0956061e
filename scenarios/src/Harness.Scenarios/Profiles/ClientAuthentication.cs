namespace Harness.Scenarios.Profiles;

/// <summary>
/// How the target's client authenticates at an OAuth-style token endpoint (RFC 6749 §2.3.1; the names are
/// RFC 7591's <c>token_endpoint_auth_method</c> values). A profile chooses one with <c>client-auth</c>; without it
/// the suite sends the client credentials where the contract's request fields put them.
/// </summary>
public enum ClientAuthentication
{
    /// <summary>Where the contract puts them (keycloak-refresh: <c>client_id</c> in the form; softwareag-refresh: HTTP Basic).</summary>
    AsContract,

    /// <summary><c>public</c>: <c>client_id</c> in the form, no secret (RFC 6749 §2.1, §3.2.1).</summary>
    Public,

    /// <summary><c>client_secret_basic</c>: HTTP Basic with the form-urlencoded id and secret (RFC 6749 §2.3.1).</summary>
    ClientSecretBasic,

    /// <summary><c>client_secret_post</c>: <c>client_id</c> and <c>client_secret</c> in the form body (RFC 6749 §2.3.1).</summary>
    ClientSecretPost,
}

/// <summary>The <c>client-auth</c> spelling of each mode.</summary>
public static class ClientAuthenticationNames
{
    public static IReadOnlyDictionary<string, ClientAuthentication> ByName { get; } = new Dictionary<string, ClientAuthentication>(StringComparer.Ordinal)
    {
        ["public"] = ClientAuthentication.Public,
        ["client_secret_basic"] = ClientAuthentication.ClientSecretBasic,
        ["client_secret_post"] = ClientAuthentication.ClientSecretPost,
    };

    public static bool IsConfidential(this ClientAuthentication mode) => mode is ClientAuthentication.ClientSecretBasic or ClientAuthentication.ClientSecretPost;
}
