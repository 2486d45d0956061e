using System.Net.Http.Headers;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Load.Apis;

/// <summary>Software AG Integration Server: form bodies, the confidential client in HTTP Basic.</summary>
internal sealed class SoftwareAgApi(IReadOnlyDictionary<string, string> target) : RotatingApi("softwareag", "softwareag-refresh/refresh")
{
    private const string Form = "application/x-www-form-urlencoded";

    public override int IssueStatus => 200;
    public override int RejectStatus => 400;
    public override int[] Forceable => [400, 401, 405];

    public override HttpRequestMessage Issue() => Basic(Json(HttpMethod.Post, "invoke/pub.oauth/getAccessToken",
        ContractRequest.FormText([new("grant_type", "password"), new("username", target["username"]), new("password", target["password"])]), Form));

    public override HttpRequestMessage Refresh(string access, string refresh) =>
        Basic(Valid("invoke/pub.oauth/refreshAccessToken", [new("grant_type", "refresh_token"), new("refresh_token", refresh)]));

    /// <summary>A well-formed form body, encoded by the framework; the malformed ones below are written by hand on purpose.</summary>
    private static HttpRequestMessage Valid(string path, KeyValuePair<string, string>[] parameters) =>
        new(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(parameters) };

    public override (string Access, string Refresh)? Read(string body) => Pair(body, "access_token", "refresh_token");

    public override List<(string, HttpRequestMessage)> Malformed(string access, string refresh) =>
    [
        ("repeated parameter", Basic(Json(HttpMethod.Post, "invoke/pub.oauth/refreshAccessToken", "grant_type=refresh_token&grant_type=refresh_token&refresh_token=" + refresh, Form))),
        ("json instead of a form", Basic(Json(HttpMethod.Post, "invoke/pub.oauth/refreshAccessToken", "{\"grant_type\":\"refresh_token\"}"))),
        ("no grant type", Basic(Json(HttpMethod.Post, "invoke/pub.oauth/refreshAccessToken", "refresh_token=" + refresh, Form))),
        ("unknown grant type", Basic(Json(HttpMethod.Post, "invoke/pub.oauth/refreshAccessToken", "grant_type=magic&refresh_token=" + refresh, Form))),
        ("no client authentication", Json(HttpMethod.Post, "invoke/pub.oauth/refreshAccessToken", "grant_type=refresh_token&refresh_token=" + refresh, Form)),
        ("wrong client secret", Basic(Json(HttpMethod.Post, "invoke/pub.oauth/refreshAccessToken", "grant_type=refresh_token&refresh_token=" + refresh, Form), "wrong-secret")),
        ("garbage token", Basic(Json(HttpMethod.Post, "invoke/pub.oauth/refreshAccessToken", "grant_type=refresh_token&refresh_token=%ZZ%00", Form))),
        ("invalid utf-8", Basic(Bytes(HttpMethod.Post, "invoke/pub.oauth/refreshAccessToken", [0x67, 0x3d, 0xff, 0xfe], Form))),
    ];

    private HttpRequestMessage Basic(HttpRequestMessage request, string? secret = null)
    {
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(ContractRequest.BasicAuthorization(target["client-id"], secret ?? target["client-secret"]));
        return request;
    }
}
