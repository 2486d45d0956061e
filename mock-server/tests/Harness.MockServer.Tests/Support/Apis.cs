namespace Harness.MockServer.Tests.Support;

/// <summary>A session's tokens as the API answered them.</summary>
public sealed record TokenSet(string AccessToken, string RefreshToken, Reply Reply);

/// <summary>
/// AGS, written out by hand from scenarios/ags-signon and ags-refresh: sign-on takes x-auth-service-id,
/// nv-tenant-id and {"parameters": [{"name": "sessionToken", ...}], "clientId": ...}; refresh takes the refresh
/// token as "Authorization: Bearer ..." with the same headers and a parameters array.
/// </summary>
public static class Ags
{
    public const string SignOnPath = "ags/signOnWithSessionToken";
    public const string RefreshPath = "ags/refresh";
    public const string DiscoveryPath = "servicediscovery";

    public static HttpRequestMessage SignOnRequest(TestMock mock, string? sessionToken = null, string? tenant = null, string? authService = null, string? clientId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, SignOnPath);
        request.Headers.Add("x-auth-service-id", authService ?? mock.Target["auth-service"]);
        request.Headers.Add("nv-tenant-id", tenant ?? mock.Target["tenant"]);
        request.Headers.Add("x-correlation-id", Guid.NewGuid().ToString());
        var body = new JsonObject
        {
            ["parameters"] = new JsonArray(new JsonObject { ["name"] = "sessionToken", ["value"] = sessionToken ?? mock.Target["session-token"] }),
            ["clientId"] = clientId ?? mock.Target["client-id"],
        };
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return request;
    }

    public static Task<Reply> SignOnAsync(this TestMock mock, string? sessionToken = null, string? tenant = null, string? authService = null, string? clientId = null) =>
        mock.SendAsync(SignOnRequest(mock, sessionToken, tenant, authService, clientId));

    public static HttpRequestMessage RefreshRequest(TestMock mock, string refreshToken, string? tenant = null, string? authService = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, RefreshPath);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + refreshToken);
        request.Headers.Add("x-auth-service-id", authService ?? mock.Target["auth-service"]);
        request.Headers.Add("nv-tenant-id", tenant ?? mock.Target["tenant"]);
        request.Headers.Add("x-correlation-id", Guid.NewGuid().ToString());
        var body = new JsonObject { ["parameters"] = new JsonArray(new JsonObject { ["name"] = "username", ["value"] = mock.Target["username"] }) };
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return request;
    }

    public static Task<Reply> RefreshAsync(this TestMock mock, string refreshToken, string? tenant = null, string? authService = null) =>
        mock.SendAsync(RefreshRequest(mock, refreshToken, tenant, authService));

    public static async Task<TokenSet> NewSessionAsync(TestMock mock)
    {
        var reply = await mock.SignOnAsync();
        reply.Status.Should().Be(201, "AGS sign-on must succeed: {0}", reply);
        return Read(reply);
    }

    public static TokenSet Read(Reply reply) => new(reply.Text("access_token")!, reply.Text("refresh_token")!, reply);
}

/// <summary>The Keycloak-style token endpoint: a public client, form bodies, grant_type password to issue and refresh_token to refresh.</summary>
public static class Keycloak
{
    public const string TokenPath = "auth/realms/apiax/protocol/openid-connect/token";

    public static HttpRequestMessage IssueRequest(TestMock mock, string? clientId = null, string? username = null, string? password = null, string? scope = null) =>
        Form(new()
        {
            ["grant_type"] = "password",
            ["client_id"] = clientId ?? mock.Target["client-id"],
            ["username"] = username ?? mock.Target["username"],
            ["password"] = password ?? mock.Target["password"],
            ["scope"] = scope ?? mock.Target["scope"],
        });

    public static Task<Reply> IssueAsync(this TestMock mock, string? clientId = null, string? username = null, string? password = null, string? scope = null) =>
        mock.SendAsync(IssueRequest(mock, clientId, username, password, scope));

    public static HttpRequestMessage RefreshRequest(TestMock mock, string refreshToken, string? clientId = null, string? scope = null)
    {
        var fields = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["client_id"] = clientId ?? mock.Target["client-id"], ["refresh_token"] = refreshToken };
        if (scope is not null) fields["scope"] = scope;
        return Form(fields);
    }

    public static Task<Reply> KeycloakRefreshAsync(this TestMock mock, string refreshToken, string? clientId = null, string? scope = null) =>
        mock.SendAsync(RefreshRequest(mock, refreshToken, clientId, scope));

    public static async Task<TokenSet> NewSessionAsync(TestMock mock, string? clientId = null)
    {
        var reply = await mock.IssueAsync(clientId);
        reply.Status.Should().Be(200, "the Keycloak password grant must succeed: {0}", reply);
        return Read(reply);
    }

    public static TokenSet Read(Reply reply) => new(reply.Text("access_token")!, reply.Text("refresh_token")!, reply);

    public static HttpRequestMessage Form(Dictionary<string, string> fields) =>
        new(HttpMethod.Post, TokenPath) { Content = new FormUrlEncodedContent(fields) };
}

/// <summary>Software AG Integration Server: /invoke services, form bodies, the confidential client in HTTP Basic.</summary>
public static class SoftwareAg
{
    public const string IssuePath = "invoke/pub.oauth/getAccessToken";
    public const string RefreshPath = "invoke/pub.oauth/refreshAccessToken";

    public static HttpRequestMessage IssueRequest(TestMock mock, string? clientId = null, string? secret = null) =>
        Basic(new(HttpMethod.Post, IssuePath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password", ["username"] = mock.Target["username"], ["password"] = mock.Target["password"], ["scope"] = mock.Target["scope"],
            }),
        }, clientId ?? mock.Target["client-id"], secret ?? mock.Target["client-secret"]);

    public static HttpRequestMessage RefreshRequest(TestMock mock, string refreshToken, string? clientId = null, string? secret = null, string? scope = null)
    {
        var fields = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken };
        if (scope is not null) fields["scope"] = scope;
        return Basic(new(HttpMethod.Post, RefreshPath) { Content = new FormUrlEncodedContent(fields) }, clientId ?? mock.Target["client-id"], secret ?? mock.Target["client-secret"]);
    }

    public static Task<Reply> SagRefreshAsync(this TestMock mock, string refreshToken, string? clientId = null, string? secret = null, string? scope = null) =>
        mock.SendAsync(RefreshRequest(mock, refreshToken, clientId, secret, scope));

    public static async Task<TokenSet> NewSessionAsync(TestMock mock, string? clientId = null, string? secret = null)
    {
        var reply = await mock.SendAsync(IssueRequest(mock, clientId, secret));
        reply.Status.Should().Be(200, "getAccessToken must succeed: {0}", reply);
        return Read(reply);
    }

    public static TokenSet Read(Reply reply) => new(reply.Text("access_token")!, reply.Text("refresh_token")!, reply);

    private static HttpRequestMessage Basic(HttpRequestMessage request, string id, string secret)
    {
        request.Headers.Authorization = ContractRequests.Basic(id, secret);
        return request;
    }
}

/// <summary>Security Management: POST /api/v2/auth/token creates a pair, PUT with {token, refreshToken} renews it; answers are envelopes.</summary>
public static class SecMgmt
{
    public const string TokenPath = "api/v2/auth/token";

    public static HttpRequestMessage CreateRequest(TestMock mock, string? username = null, string? password = null) =>
        Json(HttpMethod.Post, new JsonObject { ["username"] = username ?? mock.Target["username"], ["password"] = password ?? mock.Target["password"] });

    public static HttpRequestMessage RefreshRequest(string accessToken, string refreshToken) =>
        Json(HttpMethod.Put, new JsonObject { ["token"] = accessToken, ["refreshToken"] = refreshToken });

    public static Task<Reply> SecRefreshAsync(this TestMock mock, string accessToken, string refreshToken) =>
        mock.SendAsync(RefreshRequest(accessToken, refreshToken));

    public static async Task<TokenSet> NewSessionAsync(TestMock mock)
    {
        var reply = await mock.SendAsync(CreateRequest(mock));
        reply.Status.Should().Be(200, "Create Token must succeed: {0}", reply);
        return Read(reply);
    }

    public static TokenSet Read(Reply reply) => new(reply.Text("content[0].token")!, reply.Text("content[0].refreshToken")!, reply);

    private static HttpRequestMessage Json(HttpMethod method, JsonObject body) =>
        new(method, TokenPath) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
}
