// The mock's hot path in-process: AGS refreshes with rotation through MockEngine.HandleAsync on a
// DefaultHttpContext (no sockets, no Kestrel), one after another, each presenting the refresh token the
// previous one answered. Prints microseconds and allocated bytes per refresh for a few rounds; the first
// round includes JIT warm-up. The figures include building the HttpContext and reading the answer back.
//
//   dotnet run -c Release --project bench/hotpath [-- refreshes-per-round]
using System.Diagnostics;
using System.Text;
using Harness.MockServer.Engine;
using Harness.MockServer.Hosting;
using Harness.Scenarios.Loading;

var perRound = args.Length > 0 ? int.Parse(args[0]) : 50_000;
var options = new MockServerOptions { Port = 0 };
var state = new MockState(ScenarioLoader.Load(options.ResolveScenarioFolder()), options);
var engine = new MockEngine(state);
engine.Prepare();
var target = state.World.TargetValues();
var refreshBody = "{\"parameters\":[]}"u8.ToArray();
var signOnBody = Encoding.UTF8.GetBytes(
    $"{{\"parameters\":[{{\"name\":\"sessionToken\",\"value\":\"{target["session-token"]}\"}}],\"clientId\":\"{target["client-id"]}\"}}");

var token = await CallAsync("/ags/signOnWithSessionToken", signOnBody, bearer: null);
for (var round = 1; round <= 6; round++)
{
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < perRound; i++) token = await CallAsync("/ags/refresh", refreshBody, token);
    Console.WriteLine($"round {round}: {watch.Elapsed.TotalMicroseconds / perRound:F2} µs and {(GC.GetAllocatedBytesForCurrentThread() - allocated) / perRound} B per refresh");
}

async Task<string> CallAsync(string path, byte[] body, string? bearer)
{
    var context = new DefaultHttpContext();
    var request = context.Request;
    request.Method = "POST";
    request.Path = path;
    request.ContentType = "application/json";
    request.Headers["x-auth-service-id"] = target["auth-service"];
    request.Headers["nv-tenant-id"] = target["tenant"];
    if (bearer is not null) request.Headers.Authorization = "Bearer " + bearer;
    request.ContentLength = body.Length;
    request.Body = new MemoryStream(body);
    var answer = new MemoryStream();
    context.Response.Body = answer;
    await engine.HandleAsync(context);
    if (context.Response.StatusCode is not (200 or 201)) throw new InvalidOperationException($"{path} answered {context.Response.StatusCode}");
    var text = Encoding.UTF8.GetString(answer.GetBuffer(), 0, (int)answer.Length);
    var start = text.IndexOf("\"refresh_token\":\"", StringComparison.Ordinal) + 17;
    return text[start..text.IndexOf('"', start)];
}
