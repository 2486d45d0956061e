// The ceiling: a bare minimal API that does no work per request beyond what ASP.NET Core itself does.
// Every benchmarked path answers a body serialized once at start-up, padded to the size the mock answers
// for that path, and carrying a refresh_token member (and content[0].token / refreshToken for the Security
// Management shape) so the same wrk scripts can drive it unchanged.
//
//   Harness.Bench.Ceiling --port N [--size-ags BYTES] [--size-sag BYTES] [--size-sec BYTES]
using System.Net;
using System.Text;

var port = 5090;
var sizes = new Dictionary<string, int> { ["ags"] = 1370, ["sag"] = 800, ["sec"] = 900 };
for (var i = 0; i + 1 < args.Length; i += 2)
{
    if (args[i] == "--port") port = int.Parse(args[i + 1]);
    else if (args[i].StartsWith("--size-", StringComparison.Ordinal)) sizes[args[i][7..]] = int.Parse(args[i + 1]);
}

var builder = WebApplication.CreateSlimBuilder(args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray());
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k =>
{
    k.AddServerHeader = false;
    k.Listen(IPAddress.Loopback, port);
});
var app = builder.Build();

var ags = Body("{\"access_token\":\"@\",\"refresh_token\":\"ceiling.refresh.token\",\"token_type\":\"bearer\",\"expires_in\":3600}", sizes["ags"]);
var sag = Body("{\"access_token\":\"@\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"ceiling.refresh.token\"}", sizes["sag"]);
var sec = Body("{\"errorCode\":\"\",\"errorMessage\":\"\",\"content\":[{\"token\":\"@\",\"refreshToken\":\"ceiling.refresh.token\",\"validityTime\":3600}],\"pageable\":{\"page\":0,\"size\":0,\"totalPages\":0,\"totalElements\":0}}", sizes["sec"]);

app.MapPost("/ags/signOnWithSessionToken", context => Json(context, ags, 201));
app.MapPost("/ags/refresh", context => Json(context, ags, 200));
app.MapPost("/invoke/pub.oauth/getAccessToken", context => Json(context, sag, 200));
app.MapPost("/invoke/pub.oauth/refreshAccessToken", context => Json(context, sag, 200));
app.MapPost("/api/v2/auth/token", context => Json(context, sec, 200));
app.MapPut("/api/v2/auth/token", context => Json(context, sec, 200));
app.MapGet("/health", context => Json(context, "{\"status\":\"ok\"}"u8.ToArray(), 200));
app.Run();

static byte[] Body(string shape, int size)
{
    // "@" becomes an access token of filler characters, so the body has exactly the requested size.
    var fill = Math.Max(1, size - (shape.Length - 1));
    return Encoding.UTF8.GetBytes(shape.Replace("@", new string('x', fill)));
}

static Task Json(HttpContext context, byte[] body, int status)
{
    context.Response.StatusCode = status;
    context.Response.ContentType = "application/json; charset=utf-8";
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body, 0, body.Length);
}
