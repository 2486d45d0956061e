using System.Net;
using System.Text.Json;
using Harness.MockServer.Control;
using Harness.MockServer.Dashboard;
using Harness.MockServer.Hosting;

// Endpoint-mapping extensions live where ASP.NET Core's own do, so the host needs no extra using.
namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Two self-contained pages beside the control API: the operator's dashboard (<c>GET /__harness/dashboard</c>)
/// and a demo frontend (<c>GET /__harness/demo</c>) that signs on and refreshes the way a web app would, from
/// this origin or any other (it only needs the mock's CORS). No network assets: every page is one HTML
/// response with its CSS and JS inlined, built once from the embedded assets.
/// </summary>
internal static class DashboardEndpoints
{
    public const string DashboardPath = ControlApi.Prefix + "/dashboard";
    public const string DemoPath = ControlApi.Prefix + "/demo";

    private static readonly Lazy<DashboardPage> Dashboard = new(() => DashboardPage.Load("dashboard.html", connectAnywhere: false));
    private static readonly Lazy<DashboardPage> Demo = new(() => DashboardPage.Load("demo.html", connectAnywhere: true));

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app, MockState state)
    {
        app.MapMethods(DashboardPath, [HttpMethods.Get, HttpMethods.Head], (HttpContext context) => Dashboard.Value.WriteAsync(context, OriginOf(context), ""));
        app.MapMethods(DemoPath, [HttpMethods.Get, HttpMethods.Head], (HttpContext context) => Demo.Value.WriteAsync(context, OriginOf(context), TargetOf(state)));
        return app;
    }

    /// <summary>
    /// The fake test account the demo signs on with, carried by the page itself: a copy of the demo served from
    /// another origin (as a frontend's dev server would) cannot read <c>/__harness/target</c>, which answers only
    /// the mock's own origin. Left out when a control token guards the control surface: the page shell is served
    /// without the token, so it must not hold what the token protects.
    /// </summary>
    private static string TargetOf(MockState state) =>
        state.Options.ControlToken is null ? JsonSerializer.Serialize(state.World.TargetValues(), ControlJson.Default.IReadOnlyDictionaryStringString) : "";

    /// <summary>The origin the browser used to reach the mock; the demo page calls it by default.</summary>
    private static string OriginOf(HttpContext context) =>
        context.Request.Host.HasValue ? $"{context.Request.Scheme}://{context.Request.Host.Value}" : "";

    internal static string Encode(string text) => WebUtility.HtmlEncode(text);
}
