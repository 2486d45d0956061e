using System.Globalization;
using Harness.Scenarios.Model;

namespace Harness.Scenarios.Loading;

/// <summary>Reads a contract's <c>oidc:</c> section into an <see cref="OidcSurface"/>, every problem located.</summary>
internal sealed class OidcReader(ProvenanceReader provenance)
{
    public OidcSurface Read(YamlMap map)
    {
        var realmPath = map.String("realm-path", required: true) ?? "/";
        if (!realmPath.StartsWith('/')) map.Context.Report(map.LocationOf("realm-path"), $"'realm-path' must start with '/', not '{realmPath}'");
        var signingText = map.String("signing", required: true);
        var signing = SigningAlgorithm.RS256;
        if (signingText is not null && !Enum.TryParse(signingText, ignoreCase: false, out signing))
            map.Context.Report(map.LocationOf("signing"), $"'signing' must be one of {string.Join(", ", Enum.GetNames<SigningAlgorithm>())}, not '{signingText}'");

        var endpointsMap = map.Map("endpoints", required: true);
        var endpoints = new OidcEndpoints(
            Endpoint(endpointsMap, "discovery"), Endpoint(endpointsMap, "certs"), Endpoint(endpointsMap, "authorization"),
            Endpoint(endpointsMap, "token"), Endpoint(endpointsMap, "userinfo"), Endpoint(endpointsMap, "logout"));
        endpointsMap?.Done();

        var loginMap = map.Map("login", required: true);
        var user = loginMap?.String("user", required: true) ?? "";
        var codeLifetime = loginMap?.Int("code-lifetime", required: true) ?? 60;
        if (codeLifetime <= 0) map.Context.Report(loginMap!.LocationOf("code-lifetime"), $"'code-lifetime' must be a positive number of seconds, not {codeLifetime.ToString(CultureInfo.InvariantCulture)}");
        loginMap?.Done();

        var claims = map.Map("claims", required: true);
        var idClaims = ContractReader.Claims(claims, "id");
        var userInfoClaims = ContractReader.Claims(claims, "userinfo");
        if (claims is not null && !claims.Has("id")) map.Context.Report(claims.Location, "missing required key 'id' (the ID token's claims)");
        if (claims is not null && !claims.Has("userinfo")) map.Context.Report(claims.Location, "missing required key 'userinfo' (the userinfo answer's claims)");
        claims?.Done();

        var own = provenance.Required(map, null, "the OpenID Connect surface");
        map.Done();
        return new OidcSurface(realmPath, signing, endpoints, user, codeLifetime, idClaims, userInfoClaims, own, map.Location);
    }

    /// <summary>The token endpoint is where the contract's issue and refresh operations live: the code grant must start the family they rotate.</summary>
    public static void CheckTokenEndpoint(ReadContext context, OidcSurface oidc, IReadOnlyList<Operation> operations)
    {
        // A realm path or token path that is not a path was reported where it is written.
        if (!oidc.RealmPath.StartsWith('/') || !oidc.Endpoints.Token.StartsWith('/')) return;
        var token = oidc.PathOf(oidc.Endpoints.Token);
        if (!operations.Any(o => o.Role == OperationRole.Refresh && string.Equals(o.Path, token, StringComparison.OrdinalIgnoreCase)))
            context.Report(oidc.Where, $"the OIDC token endpoint '{token}' is not the path of a refresh operation of this contract ({string.Join(", ", operations.Where(o => o.Role == OperationRole.Refresh).Select(o => o.Path))})");
    }

    private static string Endpoint(YamlMap? endpoints, string name)
    {
        var path = endpoints?.String(name, required: true);
        if (path is null) return "/";
        if (!path.StartsWith('/')) endpoints!.Context.Report(endpoints.LocationOf(name), $"'endpoints.{name}' must be a path relative to the realm, starting with '/', not '{path}'");
        return path;
    }
}
