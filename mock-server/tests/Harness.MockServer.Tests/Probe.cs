using System.Diagnostics;
namespace Harness.MockServer.Tests;
[TestFixture, Explicit]
public class Probe
{
    [Test]
    public async Task Run()
    {
        var sw = Stopwatch.StartNew();
        await using (var m0 = await TestMock.WrapAsync(MockFixture.StartAsync())) { }
        TestContext.Out.WriteLine($"first uncached start {sw.ElapsedMilliseconds} ms"); sw.Restart();
        await using (var m0 = await TestMock.WrapAsync(MockFixture.StartAsync())) { }
        TestContext.Out.WriteLine($"uncached start {sw.ElapsedMilliseconds} ms"); sw.Restart();
        await using (var m1 = await TestMock.StartAsync()) { }
        TestContext.Out.WriteLine($"cached start {sw.ElapsedMilliseconds} ms"); sw.Restart();
        await using (var m1 = await TestMock.StartAsync()) { }
        TestContext.Out.WriteLine($"cached start {sw.ElapsedMilliseconds} ms"); sw.Restart();
        await using var m = await TestMock.StartAsync();
        var s = await Ags.NewSessionAsync(m);
        TestContext.Out.WriteLine(s.Reply.ToString());
        var dup = new HttpRequestMessage(HttpMethod.Post, Ags.SignOnPath) { Content = new StringContent("{\"parameters\":[],\"parameters\":[]}", Encoding.UTF8, "application/json") };
        dup.Headers.Add("x-auth-service-id", m.T("auth-service"));
        TestContext.Out.WriteLine("dup keys: " + await m.SendAsync(dup));
        var dup2 = new HttpRequestMessage(HttpMethod.Post, Ags.SignOnPath) { Content = new StringContent("{\"parameters\":[{\"name\":\"a\",\"name\":\"b\"}]}", Encoding.UTF8, "application/json") };
        dup2.Headers.Add("x-auth-service-id", m.T("auth-service"));
        TestContext.Out.WriteLine("dup keys2: " + await m.SendAsync(dup2));
        TestContext.Out.WriteLine("huge adv: " + await m.PostJsonAsync("__harness/clock/advance", "{\"seconds\": 1e300}"));
        TestContext.Out.WriteLine("big adv: " + await m.PostJsonAsync("__harness/clock/advance", "{\"seconds\": 300000000000}"));
        TestContext.Out.WriteLine("after: " + await m.GetAsync("__harness/health"));
        TestContext.Out.WriteLine("after: " + await m.SignOnAsync());
        await m.ResetAsync();
        var k = await Keycloak.NewSessionAsync(m);
        TestContext.Out.WriteLine(k.Reply.ToString());
        await m.AdvanceAsync(1209600 + 10);
        TestContext.Out.WriteLine("expired kc: " + await m.KeycloakRefreshAsync(k.RefreshToken));
        TestContext.Out.WriteLine("journal: " + (await m.JournalAsync(1)).Body);
        var sg = await SoftwareAg.NewSessionAsync(m);
        TestContext.Out.WriteLine(sg.Reply.ToString());
        var sec = await SecMgmt.NewSessionAsync(m);
        TestContext.Out.WriteLine(sec.Reply.ToString());
        TestContext.Out.WriteLine((await m.SecRefreshAsync(sec.AccessToken, sec.RefreshToken)).ToString());
        var tr = new HttpRequestMessage(new HttpMethod("TRACE"), Ags.RefreshPath);
        TestContext.Out.WriteLine("trace: " + await m.SendAsync(tr));
        TestContext.Out.WriteLine("keys: " + (await m.GetAsync("__harness/keys")).Body);
    }
}
