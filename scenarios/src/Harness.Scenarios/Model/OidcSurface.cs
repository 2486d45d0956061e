using System.Text.Json.Nodes;
using Harness.Scenarios.Loading;

namespace Harness.Scenarios.Model;

/// <summary>
/// The OpenID Connect surface of a realm (issue 14): where an OIDC library finds discovery, the signing keys,
/// the login, userinfo and logout, who is logged in without a form, and the claims of the ID token and of userinfo.
/// The token endpoint is the path of the contract's refresh operation, so the code grant starts the family that
/// operation then rotates. Endpoint paths are relative to <see cref="RealmPath"/>.
/// </summary>
public sealed record OidcSurface(
    string RealmPath,
    SigningAlgorithm Signing,
    OidcEndpoints Endpoints,
    string LoginUser,
    int CodeLifetimeSeconds,
    IReadOnlyDictionary<string, JsonNode?> IdClaims,
    IReadOnlyDictionary<string, JsonNode?> UserInfoClaims,
    Provenance Provenance,
    Location Where)
{
    /// <summary>The absolute path of an endpoint (realm path + relative path).</summary>
    public string PathOf(string relative) => RealmPath.TrimEnd('/') + relative;
}

/// <summary>The OIDC endpoints of a realm, each relative to its realm path.</summary>
public sealed record OidcEndpoints(string Discovery, string Certs, string Authorization, string Token, string UserInfo, string Logout);

/// <summary>How a realm signs the access and ID tokens it hands to OIDC clients (JWA names).</summary>
public enum SigningAlgorithm
{
    HS256,
    RS256,
}
