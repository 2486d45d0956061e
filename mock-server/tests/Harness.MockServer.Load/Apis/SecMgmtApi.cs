using System.Text.Json.Nodes;

namespace Harness.MockServer.Load.Apis;

/// <summary>Security Management: POST creates a pair, PUT with {token, refreshToken} renews it; answers are envelopes.</summary>
internal sealed class SecMgmtApi(IReadOnlyDictionary<string, string> target) : RotatingApi("secmgmt", "secmgmt-refresh/refresh")
{
    public override int IssueStatus => 200;
    public override int RejectStatus => 401;
    public override int[] Forceable => [400, 401];

    public override HttpRequestMessage Issue() => Json(HttpMethod.Post, "api/v2/auth/token",
        new JsonObject { ["username"] = target["username"], ["password"] = target["password"] }.ToJsonString());

    public override HttpRequestMessage Refresh(string access, string refresh) =>
        Json(HttpMethod.Put, "api/v2/auth/token", $"{{\"token\":\"{access}\",\"refreshToken\":\"{refresh}\"}}");

    public override (string Access, string Refresh)? Read(string body) => Pair(body, "content.0.token", "content.0.refreshToken");

    public override List<(string, HttpRequestMessage)> Malformed(string access, string refresh) =>
    [
        ("token is a number", Json(HttpMethod.Put, "api/v2/auth/token", $"{{\"token\":5,\"refreshToken\":\"{refresh}\"}}")),
        ("not json", Json(HttpMethod.Put, "api/v2/auth/token", "token=" + access)),
        ("missing refreshToken", Json(HttpMethod.Put, "api/v2/auth/token", $"{{\"token\":\"{access}\"}}")),
        ("garbage access token", Json(HttpMethod.Put, "api/v2/auth/token", $"{{\"token\":\"x.y.z\",\"refreshToken\":\"{refresh}\"}}")),
        ("deeply nested", Json(HttpMethod.Put, "api/v2/auth/token", new string('[', 200) + new string(']', 200))),
        ("invalid utf-8", Bytes(HttpMethod.Put, "api/v2/auth/token", [0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d], "application/json")),
    ];
}
