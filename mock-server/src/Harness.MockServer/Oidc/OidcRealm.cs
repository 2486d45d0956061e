using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Harness.MockServer.Hosting;
using Harness.MockServer.Tokens;
using Harness.MockServer.World;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Oidc;

/// <summary>One contract's OpenID Connect surface, with its absolute paths and its claim templates compiled once.</summary>
internal sealed class OidcRealm
{
    public OidcRealm(ApiContract api)
    {
        Api = api;
        Surface = api.Oidc!;
        Issue = api.Operations.FirstOrDefault(o => o.Role == OperationRole.Issue);
        IdClaims = ClaimTemplate.Compile(Surface.IdClaims);
        UserInfoClaims = ClaimTemplate.Compile(Surface.UserInfoClaims);
    }

    public ApiContract Api { get; }
    public OidcSurface Surface { get; }

    /// <summary>The operation whose answer the code grant's answer is (the same fields, plus the ID token); null when the contract has none.</summary>
    public Operation? Issue { get; }

    public ClaimTemplate IdClaims { get; }
    public ClaimTemplate UserInfoClaims { get; }

    public string Path(string relative) => Surface.PathOf(relative);

    /// <summary>The realm URL as the client reached it: the issuer (<c>iss</c>) of its tokens, and the base of discovery.</summary>
    public string Issuer(HttpRequest request) => IssuerOf(Surface, request.Scheme, request.Host.Value ?? "");

    /// <summary>A realm's URL reached with this scheme and Host header: what its discovery, ID tokens and <c>${realm.issuer}</c> say.</summary>
    public static string IssuerOf(OidcSurface surface, string scheme, string host) => $"{scheme}://{host}{surface.RealmPath.TrimEnd('/')}";

    public string Url(HttpRequest request, string relative) => Issuer(request) + relative;

    /// <summary>The account that logs in without a form: a <c>${target.*}</c> reference or a username.</summary>
    public TestAccount? LoginAccount(MockWorld world)
    {
        var user = Surface.LoginUser;
        if (user.StartsWith("${target.", StringComparison.Ordinal) && user.EndsWith('}'))
            user = world.TargetValues().TryGetValue(user["${target.".Length..^1], out var value) ? value : null;
        return world.FindByUsername(user);
    }

    /// <summary>The claims of a template for one session, as a JSON object the protocol claims are then added to.</summary>
    public static JsonObject Claims(ClaimTemplate template, TokenFamily family, TokenKind kind, string jti, long iat, long exp)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer)) template.Write(writer, family, kind, jti, iat, exp);
        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    public static IReadOnlyList<OidcRealm> Of(ContractSet contracts) =>
        [.. contracts.Apis.Where(a => a.Oidc is not null).Select(a => new OidcRealm(a))];
}
