namespace Harness.MockServer.Tests;

/// <summary>
/// Every realm's tokens are JWTs whose exp is the response's Date plus the lifetime the body states, whose
/// signature verifies with the JWKS the control API publishes, and whose claims follow the token policy.
/// </summary>
[TestFixtureSource(typeof(MockHosts), nameof(MockHosts.All))]
[Parallelizable(ParallelScope.Self)]
public sealed class TokenTests(MockHost host) : SharedMockFixture(host)
{
    /// <summary>Per API: how to start a session, how to refresh it, and where the lifetimes are in the body.</summary>
    public sealed record Flow(string Name, Func<TestMock, Task<Reply>> Issue, Func<TestMock, TokenSet, Task<Reply>> Refresh, Func<Reply, TokenSet> Read, string ExpiresIn, string? RefreshExpiresIn)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<TestCaseData> Flows()
    {
        yield return Case(new Flow("ags", m => m.SignOnAsync(), (m, s) => m.RefreshAsync(s.RefreshToken), Ags.Read, "expires_in", "refresh_expires_in"));
        yield return Case(new Flow("keycloak", m => m.IssueAsync(), (m, s) => m.KeycloakRefreshAsync(s.RefreshToken), Keycloak.Read, "expires_in", "refresh_expires_in"));
        yield return Case(new Flow("softwareag", m => m.SendAsync(SoftwareAg.IssueRequest(m)), (m, s) => m.SagRefreshAsync(s.RefreshToken), SoftwareAg.Read, "expires_in", null));
        yield return Case(new Flow("secmgmt", m => m.SendAsync(SecMgmt.CreateRequest(m)), (m, s) => m.SecRefreshAsync(s.AccessToken, s.RefreshToken), SecMgmt.Read, "content[0].validityTime", null));

        static TestCaseData Case(Flow flow) => new TestCaseData(flow).SetName($"{{m}}({flow.Name})");
    }

    [TestCaseSource(nameof(Flows))]
    public async Task IssueAndRefresh_StoppedClock_ExpEqualsDatePlusTheStatedLifetime(Flow flow)
    {
        var mock = Mock;
        var issued = await flow.Issue(mock);
        issued.IsSuccess.Should().BeTrue("{0}", issued);
        await mock.AdvanceAsync(600);
        var refreshed = await flow.Refresh(mock, flow.Read(issued));
        refreshed.IsSuccess.Should().BeTrue("{0}", refreshed);

        foreach (var reply in new[] { issued, refreshed })
        {
            var tokens = flow.Read(reply);
            var date = reply.Date.ToUnixTimeSeconds();
            Jwt.Exp(tokens.AccessToken).Should().Be(date + reply.Number(flow.ExpiresIn)!.Value, "access exp = Date + {0}: {1}", flow.ExpiresIn, reply);
            if (flow.RefreshExpiresIn is { } field)
                Jwt.Exp(tokens.RefreshToken).Should().Be(date + reply.Number(field)!.Value, "refresh exp = Date + {0}: {1}", field, reply);
        }
    }

    [TestCaseSource(nameof(Flows))]
    public async Task Issue_RunningClock_ExpIsDatePlusTheStatedLifetimeWithinASecond(Flow flow)
    {
        await using var mock = await TestMock.StartAsync();

        var reply = await flow.Issue(mock);

        var expected = reply.Date.ToUnixTimeSeconds() + reply.Number(flow.ExpiresIn)!.Value;
        Jwt.Exp(flow.Read(reply).AccessToken).Should().BeInRange(expected - 1, expected, "the Date header has whole seconds: {0}", reply);
    }

    [Test]
    public async Task SignOn_ClockTicksWhileServing_DateIsTheInstantTheTokenWasIssued()
    {
        // Every read of this clock moves it on a second: a request served across a second boundary, made certain.
        await using var mock = await TestMock.StartAsync(time: new ManualTime { StepPerRead = TimeSpan.FromSeconds(1) });

        var reply = await mock.SignOnAsync();

        Jwt.Exp(Ags.Read(reply).AccessToken).Should().Be(reply.Date.ToUnixTimeSeconds() + reply.Number("expires_in")!.Value, "{0}", reply);
    }

    [TestCaseSource(nameof(Flows))]
    public async Task IssueAndRefresh_Tokens_AreSignedAsTheRealmSays_AndOnlyRs256OnesVerifyWithThePublishedJwks(Flow flow)
    {
        var mock = Mock;
        var issued = flow.Read(await flow.Issue(mock));
        var refreshed = flow.Read(await flow.Refresh(mock, issued));
        var jwks = (await mock.GetAsync("__harness/keys")).Json!;
        var keys = Jwt.Keys(jwks);
        // The keycloak contract's OIDC surface says RS256 for access tokens; refresh tokens, and every other realm's
        // tokens, stay HS256 under a key that is never published.
        var rs256 = flow.Name == "keycloak";

        foreach (var token in new[] { issued.AccessToken, refreshed.AccessToken })
        {
            Jwt.Read(token).Alg.Should().Be(rs256 ? "RS256" : "HS256", Jwt.Describe(token));
            var result = await Jwt.VerifyAsync(token, keys);
            result.IsValid.Should().Be(rs256, "{0} against /__harness/keys: {1}", Jwt.Describe(token), result.Exception?.Message);
            if (rs256) Jwt.Read(token).Kid.Should().Be(jwks["keys"]![0]!["kid"]!.GetValue<string>());
        }
        foreach (var token in new[] { issued.RefreshToken, refreshed.RefreshToken })
            Jwt.Read(token).Alg.Should().Be("HS256", Jwt.Describe(token));
        if (rs256) (await Jwt.VerifyAsync(Jwt.Tamper(issued.AccessToken), keys)).IsValid.Should().BeFalse("a tampered signature must not verify");
    }

    [Test]
    public async Task Keys_PublishOnlyPublicRsaAndEcKeys()
    {
        var jwks = (await Mock.GetAsync("__harness/keys")).Json!;

        jwks["keys"]!.AsArray().Should().NotBeEmpty();
        foreach (var key in jwks["keys"]!.AsArray())
        {
            var members = key!.AsObject().Select(p => p.Key);
            if (key["kty"]!.GetValue<string>() == "EC") members.Should().BeEquivalentTo("kid", "kty", "alg", "use", "crv", "x", "y");
            else members.Should().BeEquivalentTo("kid", "kty", "alg", "use", "n", "e");
        }
    }

    [Test]
    public async Task SignOn_AgsTokens_CarryTheClaimsOfTheTokenPolicy()
    {
        var mock = Mock;

        var reply = await mock.SignOnAsync();

        var access = Jwt.Payload(reply.Text("access_token")!);
        var refresh = Jwt.Payload(reply.Text("refresh_token")!);
        access["typ"]!.GetValue<string>().Should().Be("DevAuthN");
        refresh["typ"]!.GetValue<string>().Should().Be("RefreshAuthN");
        foreach (var claims in new[] { access, refresh })
        {
            claims["tenantId"]!.GetValue<string>().Should().Be(mock.Target["tenant"]);
            claims["deviceId"]!.GetValue<string>().Should().Be(mock.Target["client-id"]);
            claims["accountId"]!.GetValue<string>().Should().Be(reply.Text("accountId"));
            claims["fixed_exp"]!.GetValue<long>().Should().Be(reply.Date.ToUnixTimeSeconds() + reply.Number("fixed_refresh_expires_in")!.Value);
        }
        access["jti"]!.GetValue<string>().Should().MatchRegex("^[0-9]{19}$", "jti is shaped like the seed examples");
    }

    [Test]
    public async Task Issue_KeycloakTokens_NameTheirClientAndSession()
    {
        var mock = Mock;

        var reply = await mock.IssueAsync();

        foreach (var (token, typ) in new[] { (reply.Text("access_token")!, "Bearer"), (reply.Text("refresh_token")!, "Refresh") })
        {
            var claims = Jwt.Payload(token);
            claims["typ"]!.GetValue<string>().Should().Be(typ);
            claims["azp"]!.GetValue<string>().Should().Be(mock.Target["client-id"]);
            claims["sid"]!.GetValue<string>().Should().Be(reply.Text("session_state"));
        }
    }
}
