using Harness.MockServer.Hosting;

namespace Harness.MockServer.WireMock;

/// <summary>
/// What the standalone WireMock.Net host checks on the real connection, before WireMock.Net's own middleware sees a
/// request: the Host header on every path, <c>/__admin</c> included (DNS rebinding), and on WireMock.Net's admin API
/// the control surface's rules: no foreign origin (403 <c>origin_not_allowed</c>), the control token when one is set
/// (401 <c>control_token_required</c>). The harness's own paths are checked again, with the same rules, by its pipeline.
/// </summary>
internal sealed class FrontDoor(MockServerOptions options)
{
    public const string AdminPrefix = "/__admin";

    private readonly HostFilter _hosts = new(options);
    private readonly ControlSurfaceGuard _control = new(options);

    public Task InvokeAsync(HttpContext context, RequestDelegate next) =>
        _hosts.InvokeAsync(context, inner => IsAdmin(inner) ? GuardAdminAsync(inner, next) : next(inner));

    private static bool IsAdmin(HttpContext context) => context.Request.Path.StartsWithSegments(AdminPrefix, StringComparison.OrdinalIgnoreCase);

    private Task GuardAdminAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (request.Headers.Origin.ToString() is { Length: > 0 } origin && !_control.MayControl(origin, request))
            return JsonRefusal.WriteAsync(context, 403, "origin_not_allowed",
                $"WireMock.Net's admin API answers the pages of this mock and the origins given with --cors-origin, not {JsonRefusal.Quote(origin)}");
        if (options.ControlToken is not null && !_control.CarriesToken(request))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"harness-control\"";
            return JsonRefusal.WriteAsync(context, 401, "control_token_required",
                $"this mock needs its control token on {AdminPrefix} as on the control API: send Authorization: Bearer TOKEN or {ControlSurfaceGuard.TokenHeader}: TOKEN");
        }
        return next(context);
    }
}
