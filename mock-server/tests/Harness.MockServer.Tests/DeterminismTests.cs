namespace Harness.MockServer.Tests;

/// <summary>A seed reproduces a run: the cast (target values), the signing key and the tokens of the same request sequence.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class DeterminismTests
{
    /// <summary>Claims that carry time; everything else in a token depends on the seed and the requests only.</summary>
    private static readonly string[] TimeClaims = ["exp", "iat", "fixed_exp"];

    [Test]
    public async Task Start_SameSeed_SameTargetValuesAndSigningKey()
    {
        await using var one = await TestMock.StartAsync(seed: 42);
        await using var two = await TestMock.StartAsync(seed: 42);

        (await one.GetAsync("__harness/target")).Body.Should().Be((await two.GetAsync("__harness/target")).Body);
        one.Target.Should().Equal(two.Target);
        (await one.GetAsync("__harness/keys")).Body.Should().Be((await two.GetAsync("__harness/keys")).Body);
    }

    [Test]
    public async Task Start_DifferentSeeds_DifferentTargetValuesAndSigningKey()
    {
        await using var one = await TestMock.StartAsync(seed: 42);
        await using var two = await TestMock.StartAsync(seed: 43);

        foreach (var name in new[] { "client-id", "client-secret", "tenant", "auth-service", "session-token", "username", "password" })
            one.Target[name].Should().NotBe(two.Target[name], "seed 42 and 43 draw different {0}", name);
        (await one.GetAsync("__harness/keys")).Body.Should().NotBe((await two.GetAsync("__harness/keys")).Body);
    }

    [Test]
    public async Task Tokens_SameSeedAndStoppedClocks_AreIdenticalForTheSameRequests()
    {
        await using var one = await SameHostAsync(seed: 7, time: new ManualTime());
        await using var two = await SameHostAsync(seed: 7, time: new ManualTime());

        var first = await SequenceAsync(one);
        var second = await SequenceAsync(two);

        second.Should().Equal(first, "the same seed, clock and requests must answer byte for byte the same");
    }

    [Test]
    public async Task Tokens_SameSeedRunningClocks_HaveTheSameClaimsApartFromTime()
    {
        await using var one = await SameHostAsync(seed: 7);
        await using var two = await SameHostAsync(seed: 7);

        var first = (await SequenceAsync(one)).SelectMany(TokensOf).ToList();
        var second = (await SequenceAsync(two)).SelectMany(TokensOf).ToList();

        first.Should().HaveCount(second.Count).And.NotBeEmpty();
        for (var i = 0; i < first.Count; i++)
        {
            WithoutTime(Jwt.Payload(second[i])).Should().Be(WithoutTime(Jwt.Payload(first[i])), "token {0} of the sequence", i);
            Jwt.Read(second[i]).Kid.Should().Be(Jwt.Read(first[i]).Kid);
        }
    }

    [Test]
    public async Task Tokens_DifferentSeeds_HaveDifferentIds()
    {
        await using var one = await TestMock.StartAsync(seed: 7, time: new ManualTime());
        await using var two = await TestMock.StartAsync(seed: 8, time: new ManualTime());

        var first = Jwt.Payload((await Ags.NewSessionAsync(one)).AccessToken);
        var second = Jwt.Payload((await Ags.NewSessionAsync(two)).AccessToken);

        second["jti"]!.GetValue<string>().Should().NotBe(first["jti"]!.GetValue<string>());
        second["accountId"]!.GetValue<string>().Should().NotBe(first["accountId"]!.GetValue<string>());
    }

    /// <summary>
    /// A mock reached under one Host name whatever its port, so two mocks get the same requests to the byte: the OIDC
    /// realm's tokens name the realm URL the client reached as their issuer.
    /// </summary>
    private static async Task<TestMock> SameHostAsync(int seed, TimeProvider? time = null)
    {
        var mock = await TestMock.WrapAsync(HarnessMock.StartAsync(Contracts.Set, new MockServerOptions { Port = 0, Seed = seed, TimeSource = time, HostNames = ["mock"] }));
        mock.Http.DefaultRequestHeaders.Host = "mock";
        return mock;
    }

    /// <summary>One fixed sequence over every API; answers every success body.</summary>
    private static async Task<List<string>> SequenceAsync(TestMock mock)
    {
        var bodies = new List<string>();
        async Task<Reply> Keep(Task<Reply> call)
        {
            var reply = await call;
            reply.IsSuccess.Should().BeTrue("{0}", reply);
            bodies.Add(reply.Body);
            return reply;
        }
        var ags = Ags.Read(await Keep(mock.SignOnAsync()));
        await Keep(mock.RefreshAsync(ags.RefreshToken));
        var keycloak = Keycloak.Read(await Keep(mock.IssueAsync()));
        await Keep(mock.KeycloakRefreshAsync(keycloak.RefreshToken));
        var softwareAg = SoftwareAg.Read(await Keep(mock.SendAsync(SoftwareAg.IssueRequest(mock))));
        await Keep(mock.SagRefreshAsync(softwareAg.RefreshToken));
        var secMgmt = SecMgmt.Read(await Keep(mock.SendAsync(SecMgmt.CreateRequest(mock))));
        await Keep(mock.SecRefreshAsync(secMgmt.AccessToken, secMgmt.RefreshToken));
        return bodies;
    }

    private static IEnumerable<string> TokensOf(string body)
    {
        var json = JsonNode.Parse(body)!;
        foreach (var path in new[] { "access_token", "refresh_token", "content[0].token", "content[0].refreshToken" })
            if (BodyPath.Get(json, path, out var found) is JsonValue v && found) yield return v.GetValue<string>();
    }

    private static string WithoutTime(JsonObject claims)
    {
        foreach (var name in TimeClaims) claims.Remove(name);
        return claims.ToJsonString();
    }
}
