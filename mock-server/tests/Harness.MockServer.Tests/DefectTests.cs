using Harness.MockServer.Defects;
using Harness.Scenarios.Loading;

namespace Harness.MockServer.Tests;

/// <summary>
/// Every defect the mock can be started with (<c>--defect NAME</c>) visibly breaks its rule: the check each
/// case makes passes only on the defective mock. A defect added to the catalog without a case here fails.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class DefectTests
{
    public static IEnumerable<TestCaseData> EveryDefect()
    {
        foreach (var info in DefectCatalog.All)
        {
            var data = new TestCaseData(info.Defect).SetName($"{{m}}({info.Name})");
            yield return data;
        }
    }

    [TestCaseSource(nameof(EveryDefect))]
    public async Task Start_WithDefect_BreaksItsRule(Defect defect)
    {
        await using var mock = await TestMock.StartAsync(seed: 1, time: new ManualTime(), corsOrigins: null, defect);

        var broken = await Check(defect, mock);

        broken.Should().BeTrue($"--defect {KebabName.Of(defect)} must break its rule ({DefectCatalog.Info(defect).Description})");
    }

    [Test]
    public async Task Start_WithoutDefects_KeepsEveryRule()
    {
        await using var mock = await TestMock.StartAsync(seed: 1, time: new ManualTime());
        foreach (var info in DefectCatalog.All)
        {
            await mock.ResetAsync();
            (await Check(info.Defect, mock)).Should().BeFalse($"without --defect {info.Name} the rule holds");
        }
    }

    [Test]
    public async Task Defects_Listing_MarksTheActiveOnes()
    {
        await using var mock = await TestMock.StartAsync(Defect.SkipRotation);

        var reply = await mock.GetAsync("__harness/defects");

        var listed = reply.Json!.AsArray();
        listed.Should().HaveCount(DefectCatalog.All.Count);
        listed.Where(d => d!["active"]!.GetValue<bool>()).Select(d => d!["name"]!.GetValue<string>()).Should().Equal("skip-rotation");
    }

    /// <summary>True when the rule the defect breaks is broken on this mock.</summary>
    private static async Task<bool> Check(Defect defect, TestMock mock)
    {
        switch (defect)
        {
            case Defect.AcceptExpiredRefreshToken:
            {
                var session = await Keycloak.NewSessionAsync(mock);
                await mock.AdvanceAsync(1_209_600 + 60);
                return (await mock.KeycloakRefreshAsync(session.RefreshToken)).Status == 200;
            }
            case Defect.IgnoreSessionCap:
            {
                var current = (await Ags.NewSessionAsync(mock)).RefreshToken;
                for (var elapsed = 0L; elapsed <= 2_592_000; elapsed += 172_000)
                {
                    await mock.AdvanceAsync(172_000);
                    var reply = await mock.RefreshAsync(current);
                    if (reply.Status != 200) return false;
                    current = reply.Text("refresh_token")!;
                }
                return true;
            }
            case Defect.NoSlidingRefresh:
            {
                var session = await Ags.NewSessionAsync(mock);
                await mock.AdvanceAsync(1000);
                return (await mock.RefreshAsync(session.RefreshToken)).Number("refresh_expires_in") == 172_800 - 1000;
            }
            case Defect.SkipRotation:
            {
                var session = await Ags.NewSessionAsync(mock);
                var reply = await mock.RefreshAsync(session.RefreshToken);
                return reply.Text("refresh_token") == session.RefreshToken && (await mock.RefreshAsync(session.RefreshToken)).Status == 200;
            }
            case Defect.IgnoreReuse:
            {
                var session = await Ags.NewSessionAsync(mock);
                await mock.RefreshAsync(session.RefreshToken);
                return (await mock.RefreshAsync(session.RefreshToken)).Status == 200;
            }
            case Defect.NoFamilyRevocation:
            {
                var session = await Ags.NewSessionAsync(mock);
                var successor = (await mock.RefreshAsync(session.RefreshToken)).Text("refresh_token")!;
                await mock.RefreshAsync(session.RefreshToken);
                return (await mock.RefreshAsync(successor)).Status == 200;
            }
            case Defect.AcceptAccessTokenAsRefresh:
                return (await mock.RefreshAsync((await Ags.NewSessionAsync(mock)).AccessToken)).Status == 200;
            case Defect.IgnoreClientBinding:
                return (await mock.KeycloakRefreshAsync((await Keycloak.NewSessionAsync(mock)).RefreshToken, clientId: mock.Target["second-client-id"])).Status == 200;
            case Defect.AcceptAnyClientSecret:
                return (await mock.SagRefreshAsync((await SoftwareAg.NewSessionAsync(mock)).RefreshToken, secret: "wrong-secret")).Status == 200;
            case Defect.AcceptUnknownGrantType:
            {
                var session = await Keycloak.NewSessionAsync(mock);
                var reply = await mock.SendAsync(Keycloak.Form(new() { ["grant_type"] = "magic", ["client_id"] = mock.Target["client-id"], ["refresh_token"] = session.RefreshToken }));
                return reply.Status == 200;
            }
            case Defect.AcceptWiderScope:
                return (await mock.KeycloakRefreshAsync((await Keycloak.NewSessionAsync(mock)).RefreshToken, scope: mock.Target["wider-scope"])).Status == 200;
            case Defect.IgnoreTenant:
                return (await mock.RefreshAsync((await Ags.NewSessionAsync(mock)).RefreshToken, tenant: mock.Target["forbidden-tenant"])).Status == 200;
            case Defect.IgnorePairBinding:
            {
                var first = await SecMgmt.NewSessionAsync(mock);
                var second = await SecMgmt.NewSessionAsync(mock);
                return (await mock.SecRefreshAsync(first.AccessToken, second.RefreshToken)).Status == 200;
            }
            case Defect.SignOnAnswers200:
                return (await mock.SignOnAsync()).Status == 200;
            case Defect.DropCacheControl:
                return (await mock.SignOnAsync()).Header("Cache-Control") is null;
            case Defect.DropTokenType:
                return (await mock.IssueAsync()).Json!["token_type"] is null;
            case Defect.JwtExpMismatch:
            {
                var reply = await mock.IssueAsync();
                return Jwt.Exp(reply.Text("access_token")!) == reply.Date.ToUnixTimeSeconds() + reply.Number("expires_in")!.Value + 600;
            }
            case Defect.MalformedEnvelope:
            {
                var reply = await mock.SecRefreshAsync("not-a-token", "not-a-token");
                return reply.Status == 401 && reply.Json!["errorCode"] is null;
            }
            case Defect.Leak500OnBadJson:
            {
                var request = Ags.RefreshRequest(mock, "x");
                request.Content = new StringContent("{\"parameters\": ;", Encoding.UTF8, "application/json");
                var reply = await mock.SendAsync(request);
                return reply.Status == 500 && reply.Body.Contains("   at ", StringComparison.Ordinal) && !reply.IsJson;
            }
            case Defect.IgnoreMissingHeader:
            {
                var request = Ags.SignOnRequest(mock);
                request.Headers.Remove("x-auth-service-id");
                return (await mock.SendAsync(request)).Status == 201;
            }
            case Defect.AcceptAnyMethod:
            {
                var session = await Keycloak.NewSessionAsync(mock);
                var request = Keycloak.RefreshRequest(mock, session.RefreshToken);
                request.Method = HttpMethod.Put;
                return (await mock.SendAsync(request)).Status == 200;
            }
            case Defect.EmptyDiscovery:
                return (await mock.GetAsync(Ags.DiscoveryPath)).Json!["availableServices"]!.AsArray().Count == 0;
            case Defect.IgnoreGeoBlocking:
                return (await mock.SignOnAsync(clientId: mock.Target["geo-blocked-client-id"])).Status == 201;
            case Defect.BurnTokenOnFailedClientAuth:
            {
                var session = await SoftwareAg.NewSessionAsync(mock);
                await mock.SagRefreshAsync(session.RefreshToken, secret: "wrong-secret");
                return (await mock.SagRefreshAsync(session.RefreshToken)).Status != 200;
            }
            case Defect.AcceptMissingClientAuth:
            {
                var session = await Keycloak.NewSessionAsync(mock);
                var request = Keycloak.Form(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = session.RefreshToken });
                return (await mock.SendAsync(request)).Status == 200;
            }
            case Defect.AcceptUnknownClient:
                return (await mock.KeycloakRefreshAsync((await Keycloak.NewSessionAsync(mock)).RefreshToken, clientId: "no-such-client-0000")).Status != 401;
            case Defect.EmptyRefreshTokenIsInvalidGrant:
                return (await mock.KeycloakRefreshAsync("")).Text("error") == "invalid_grant";
            case Defect.ValidationErrorsAre422:
                return (await mock.SendAsync(Keycloak.Form(new() { ["grant_type"] = "refresh_token", ["client_id"] = mock.Target["client-id"] }))).Status == 422;
            case Defect.AcceptWrongPassword:
                return (await mock.IssueAsync(password: "wrong-password")).Status == 200;
            case Defect.IgnoreAccountSuspension:
                return (await mock.SignOnAsync(sessionToken: mock.Target["forbidden-session-token"])).Status == 201;
            case Defect.IgnoreUnknownAuthService:
                return (await mock.SignOnAsync(authService: mock.Target["unknown-auth-service"])).Status == 201;
            default:
                Assert.Fail($"no check for defect {KebabName.Of(defect)}: add one to {nameof(DefectTests)}");
                return false;
        }
    }
}
