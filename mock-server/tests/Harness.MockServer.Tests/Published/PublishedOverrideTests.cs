namespace Harness.MockServer.Tests.Published;

/// <summary>
/// Run-time overrides in the published (Native AOT) mock: their bodies bind through the source-generated context and
/// their answers are written by it, which only the binary can show working ("{}" or a 500 where reflection was needed).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class PublishedOverrideTests
{
    [Test]
    public async Task Overrides_BindAnswerAndApply_InThePublishedBinary()
    {
        await using var published = await PublishedMock.StartAsync("--scenarios", Path.Combine(PublishedMock.RepositoryRoot, "scenarios"));
        using var http = TestMock.NewClient(published.BaseAddress);
        async Task<Reply> PostAsync(string path, string json)
        {
            using var response = await http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
            return new Reply(response, await response.Content.ReadAsStringAsync());
        }

        var claims = await PostAsync("__harness/overrides/claims", "{\"claims\":{\"roles\":[\"admin\"]},\"count\":1}");
        var status = await PostAsync("__harness/overrides/status", "{\"operation\":\"ags-refresh.refresh\",\"status\":418}");
        var typo = await PostAsync("__harness/overrides/header", "{\"operation\":\"ags-refresh.refresh\",\"nmae\":\"X-A\",\"value\":\"1\"}");
        using var listResponse = await http.GetAsync("__harness/overrides");
        var list = JsonNode.Parse(await listResponse.Content.ReadAsStringAsync())!.AsArray();
        var answer = await PostAsync("ags/refresh", "{}");

        claims.Status.Should().Be(200, "{0}\n{1}", claims, published.Output);
        claims.Text("kind").Should().Be("claims", "{0}", claims);
        claims.Text("remaining").Should().Be("1");
        status.Text("outsideContract").Should().Be("true", "{0}", status);
        typo.Status.Should().Be(400, "an unknown member is refused in the binary too: {0}", typo);
        typo.Text("error").Should().Be("invalid_json");
        list.Select(o => o!["kind"]!.GetValue<string>()).Should().Equal("claims", "status");
        answer.Status.Should().Be(418, "{0}", answer);
        answer.Text("error").Should().Be("outside_contract");
    }
}
