namespace Harness.MockServer.Load.Apis;

/// <summary>AGS: sign-on with the session token; refresh with the refresh token as a bearer token.</summary>
internal sealed class AgsApi(IReadOnlyDictionary<string, string> target) : RotatingApi("ags", "ags-refresh/refresh")
{
    public override int IssueStatus => 201;
    public override int RejectStatus => 401;
    public override int[] Forceable => [400, 401, 403];

    public override HttpRequestMessage Issue()
    {
        var request = Json(HttpMethod.Post, "ags/signOnWithSessionToken",
            $"{{\"parameters\":[{{\"name\":\"sessionToken\",\"value\":\"{target["session-token"]}\"}}],\"clientId\":\"{target["client-id"]}\"}}");
        request.Headers.Add("x-auth-service-id", target["auth-service"]);
        request.Headers.Add("nv-tenant-id", target["tenant"]);
        return request;
    }

    public override HttpRequestMessage Refresh(string access, string refresh) => WithHeaders(Json(HttpMethod.Post, "ags/refresh", "{\"parameters\":[]}"), refresh);

    public override (string Access, string Refresh)? Read(string body) => Pair(body, "access_token", "refresh_token");

    public override List<(string, HttpRequestMessage)> Malformed(string access, string refresh) =>
    [
        ("truncated json", WithHeaders(Json(HttpMethod.Post, "ags/refresh", "{\"parameters\":["), refresh)),
        ("parameters not an array", WithHeaders(Json(HttpMethod.Post, "ags/refresh", "{\"parameters\":\"x\"}"), refresh)),
        ("json array body", WithHeaders(Json(HttpMethod.Post, "ags/refresh", "[1,2,3]"), refresh)),
        ("text/plain body", WithHeaders(Json(HttpMethod.Post, "ags/refresh", "parameters=", "text/plain"), refresh)),
        ("invalid utf-8", WithHeaders(Bytes(HttpMethod.Post, "ags/refresh", [0x7b, 0xc3, 0x28, 0x7d], "application/json"), refresh)),
        ("no refresh token", WithHeaders(Json(HttpMethod.Post, "ags/refresh", "{\"parameters\":[]}"), null)),
        ("garbage token", WithHeaders(Json(HttpMethod.Post, "ags/refresh", "{\"parameters\":[]}"), "not.a.token")),
        ("oversized body", WithHeaders(Json(HttpMethod.Post, "ags/refresh", "{\"parameters\":[],\"pad\":\"" + new string('x', 70_000) + "\"}"), refresh)),
    ];

    private HttpRequestMessage WithHeaders(HttpRequestMessage request, string? refresh)
    {
        if (refresh is not null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + refresh);
        request.Headers.Add("x-auth-service-id", target["auth-service"]);
        return request;
    }
}
