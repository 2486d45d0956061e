using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Harness.MockServer.Tests.Published;

/// <summary>
/// The command line of the control surface's rules, on the mock as it ships (see <see cref="PublishedMock"/>):
/// binding beyond loopback must be asked for, a control token is generated when none is given and shown once,
/// a chosen one is never echoed, and <c>--host-name</c> adds a name. Every server here binds 127.0.0.1.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed partial class PublishedControlSurfaceTests
{
    private const string ChosenToken = "a-chosen-control-token-0123456789";

    [Test]
    public async Task Serve_NonLoopbackWithoutAllowRemote_ExitsNamingTheFlag()
    {
        var result = await PublishedMock.RunCommandAsync("--host", "0.0.0.0", "--port", "0");

        result.ExitCode.Should().Be(2, "{0}", result.Output);
        result.Stderr.Should().Contain("--allow-remote");
        result.Stdout.Should().NotContain("listening", "nothing was bound");
    }

    [Test]
    public async Task Serve_AllowRemoteWithoutToken_GeneratesOneShownOnceThatTheControlApiRequires()
    {
        await using var server = await PublishedMock.StartAsync("--allow-remote");
        using var http = TestMock.NewClient(server.BaseAddress);
        var printed = GeneratedToken().Matches(await OutputWhenReadyAsync(server));
        printed.Count.Should().Be(1, "the generated token is printed exactly once");
        var token = printed[0].Groups["token"].Value;

        using var without = await http.GetAsync("__harness/target");
        using var withToken = new HttpRequestMessage(HttpMethod.Get, "__harness/target");
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var granted = await http.SendAsync(withToken);

        ((int)without.StatusCode).Should().Be(401);
        ((int)granted.StatusCode).Should().Be(200, "the printed token is the one the control API takes");
    }

    [Test]
    public async Task Serve_ChosenToken_IsRequiredAndNeverPrinted()
    {
        await using var server = await PublishedMock.StartAsync("--control-token", ChosenToken);
        using var http = TestMock.NewClient(server.BaseAddress);
        var output = await OutputWhenReadyAsync(server);

        using var without = await http.PostAsync("__harness/reset", new StringContent("{}", Encoding.UTF8, "application/json"));
        using var withToken = new HttpRequestMessage(HttpMethod.Post, "__harness/reset") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        withToken.Headers.Add("X-Harness-Control-Token", ChosenToken);
        using var granted = await http.SendAsync(withToken);

        output.Should().NotContain(ChosenToken).And.Contain("control token");
        ((int)without.StatusCode).Should().Be(401);
        ((int)granted.StatusCode).Should().Be(200);
    }

    [Test]
    public async Task Serve_HostName_IsAnsweredAndOtherNamesAreNot()
    {
        await using var server = await PublishedMock.StartAsync("--host-name", "mock.test");
        using var http = TestMock.NewClient(server.BaseAddress);

        using var named = new HttpRequestMessage(HttpMethod.Get, "__harness/health");
        named.Headers.Host = "mock.test:8080";
        using var other = new HttpRequestMessage(HttpMethod.Get, "__harness/health");
        other.Headers.Host = "attacker.example:" + server.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var namedReply = await http.SendAsync(named);
        using var otherReply = await http.SendAsync(other);

        ((int)namedReply.StatusCode).Should().Be(200);
        ((int)otherReply.StatusCode).Should().Be(421, await otherReply.Content.ReadAsStringAsync());
    }

    /// <summary>Everything the server printed up to its "ready" line (printed after the token line).</summary>
    private static async Task<string> OutputWhenReadyAsync(PublishedServer server)
    {
        for (var waited = 0; waited < 100 && !server.Output.Contains("ready in", StringComparison.Ordinal); waited++) await Task.Delay(100);
        return server.Output;
    }

    [GeneratedRegex(@"control token\s+(?<token>hct_[A-Za-z0-9_-]{32})\s")]
    private static partial Regex GeneratedToken();
}
