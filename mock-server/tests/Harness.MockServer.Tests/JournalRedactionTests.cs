using System.Net.Http.Headers;
using System.Text;

namespace Harness.MockServer.Tests;

/// <summary>
/// Secrets the mock never issued nor registered, planted in every place a request can carry one (headers, JSON
/// fields, nested JSON, the AGS parameters array, form fields, the query string), in every token shape: none of
/// them may come back from <c>GET /__harness/journal</c>. The mock masks them by the contract's <c>secret: true</c>
/// marks and the generic secret names, not by knowing the values.
/// </summary>
[TestFixtureSource(typeof(MockHosts), nameof(MockHosts.All))]
public sealed class JournalRedactionTests(MockHost host) : SharedMockFixture(host)
{
    private const string ApiKey = "planted-api-key-0a1b2c3d4e";
    private const string CustomToken = "planted-custom-token-5f6a7b";
    private const string CookieValue = "planted-cookie-8c9d0e1f";
    private const string SessionToken = "planted-session-token-2a3b4c5d";
    private const string ClientSecret = "planted-client-secret-6e7f8a";
    private const string NestedPassword = "planted-nested-password-9b0c";
    private const string FormSecret = "planted-form-secret-1d2e3f";
    private const string FormPassword = "planted-form-password-4a5b";
    private const string QueryToken = "planted-query-token-6c7d8e";
    private const string Opaque = "GrpDZxTg5u7mP9KqFX0urcFQzjEActfylHNP1FJXwUJsYsEg";
    private const string Jws = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1MSIsImV4cCI6MjAwMDAwMDAwMH0.j23s-yUwO75nBYH1XIRrWiQQlWj6SH5Ea8oxRLC__GpFu6luWykVSrlf9aMNMibMwz-nS7HjJcTAALBOk5-o_Q";
    private const string Jwe = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.vgv4Ah3jn5130zf_PPQaaMllkGMPdPUjykQSnv0pVuK5ITBEp7H4VwWM1Gim0KpU5X7N7ixOAadZfAVuFVuU3P0jlYq7ujNxVsbLJSniCSZYdMtPQ9UJLvxrp-BPmmIo.DPVXhKXLssOuMUpS.tb7dnV5lCMfcNWOKMcWQyWWjggM9nupQigdcmrTtzTLGDkLEd54dEcziMQVlUvU-E6J57ebr-N2FPHt-sm7GpMFMYI4hltKYl3Tx6f7uhVoMmHLBktf4INId.DA8Sdim2pYqyIznEH6Eygg";

    private static readonly string[] Planted = [ApiKey, CustomToken, CookieValue, SessionToken, ClientSecret, NestedPassword, FormSecret, FormPassword, QueryToken, Opaque, Jws, Jwe];

    [Test]
    public async Task Journal_SecretsTheMockNeverSaw_InEveryPlace_AreMasked()
    {
        // AGS sign-on: headers, the parameters array, a JSON field, nested JSON and the query string.
        var signOn = Json(HttpMethod.Post, $"ags/signOnWithSessionToken?access_token={QueryToken}&x=1",
            $$$$"""{"parameters":[{"name":"sessionToken","value":"{{{{SessionToken}}}}"}],"clientSecret":"{{{{ClientSecret}}}}","profile":{"login":{"password":"{{{{NestedPassword}}}}"}}}""");
        signOn.Headers.Add("x-auth-service-id", Mock.Target["auth-service"]);
        signOn.Headers.Add("X-Api-Key", ApiKey);
        signOn.Headers.Add("X-Custom-Token", CustomToken);
        signOn.Headers.Add("Cookie", $"sid={CookieValue}");
        await Mock.SendAsync(signOn);

        // AGS refresh: a JWE as the bearer token and in a field with no secret name (found by its shape), a JWS inside the parameters.
        var refresh = Json(HttpMethod.Post, "ags/refresh", $$"""{"parameters":[{"value":"{{Jws}}","name":"idToken"}],"context":"{{Jwe}}"}""");
        refresh.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Jwe);
        refresh.Headers.Add("x-auth-service-id", Mock.Target["auth-service"]);
        await Mock.SendAsync(refresh);

        // Keycloak: form fields, an opaque refresh token.
        await Mock.SendAsync(new HttpRequestMessage(HttpMethod.Post, "auth/realms/apiax/protocol/openid-connect/token")
        {
            Content = new StringContent($"grant_type=refresh_token&client_id=integration-api&refresh_token={Opaque}&client_secret={FormSecret}&password={FormPassword}",
                Encoding.UTF8, "application/x-www-form-urlencoded"),
        });

        // Security Management: JSON fields holding token shapes, and an API key nested in an array.
        await Mock.SendAsync(Json(HttpMethod.Put, "api/v2/auth/token", $$"""{"token":"{{Jws}}","refreshToken":"{{Opaque}}","extra":[{"apiKey":"{{ApiKey}}"}]}"""));

        // A body too big for a journal slot (kept as objects, cut when shown), with a token across the cut.
        var padding = new string('x', 4096 - 90);
        await Mock.SendAsync(Json(HttpMethod.Post, "ags/refresh", $$"""{"pad":"{{padding}}","refresh_token":"{{Opaque}}{{Opaque}}"}"""));

        var journal = await Mock.JournalAsync();

        journal.Json!.AsArray().Should().HaveCount(5);
        foreach (var secret in Planted)
            foreach (var piece in Pieces(secret))
                journal.Body.Contains(piece, StringComparison.Ordinal).Should().BeFalse("the journal must not hold any part of {0}… ({1})", secret[..10], piece);
        journal.Body.Should().Contain("redacted", "secrets are masked, not dropped");
    }

    /// <summary>The secret's second half in pieces of 12: a mask shows at most the first six characters.</summary>
    private static IEnumerable<string> Pieces(string secret)
    {
        var tail = secret[(secret.Length / 2)..];
        for (var i = 0; i + 12 <= tail.Length; i += 6) yield return tail.Substring(i, 12);
        if (tail.Length < 12) yield return tail;
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, string json) =>
        new(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
