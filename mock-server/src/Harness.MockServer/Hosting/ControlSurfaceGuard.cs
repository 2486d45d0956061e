using System.Security.Cryptography;
using System.Text;
using Harness.MockServer.Control;
using Microsoft.Net.Http.Headers;

namespace Harness.MockServer.Hosting;

/// <summary>
/// The control surface (<c>/__harness</c>: control API, dashboard, demo, keys, journal, target) belongs to the user at
/// this machine, not to whatever web page their browser has open:
/// <list type="bullet">
/// <item>it answers a browser only from the mock's own origin and the origins given with <c>--cors-origin</c>
/// (403 <c>origin_not_allowed</c> otherwise, preflights included);</item>
/// <item>a call that changes state takes its parameters as a JSON body with <c>Content-Type: application/json</c>
/// (415 <c>unsupported_media_type</c>), which a page on another origin can only send after a preflight, and no
/// query string (400 <c>query_not_allowed</c>);</item>
/// <item>with a control token, every call but the two page shells carries it (401 <c>control_token_required</c>).</item>
/// </list>
/// The contract APIs keep answering any origin (frontends need them), but the mock's per-request overrides
/// (<c>X-Harness-*</c> headers) are control too: a preflight from an origin the control surface would refuse is not
/// granted them, and a request from such an origin has them removed before the engine sees it.
/// </summary>
internal sealed class ControlSurfaceGuard
{
    public const string TokenHeader = "X-Harness-Control-Token";
    private const string OverridePrefix = "X-Harness-";

    private readonly string[] _allowedOrigins;
    private readonly byte[]? _token;

    public ControlSurfaceGuard(MockServerOptions options)
    {
        _allowedOrigins = [.. options.CorsOrigins.Select(o => o.TrimEnd('/'))];
        _token = options.ControlToken is { } token ? Encoding.UTF8.GetBytes(token) : null;
    }

    public static bool IsControl(HttpContext context) =>
        context.Request.Path.StartsWithSegments(ControlApi.Prefix, StringComparison.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        string? origin = request.Headers.Origin;
        if (!IsControl(context))
        {
            if (origin is not null && !MayControl(origin, request)) WithoutOverrides(request);
            return next(context);
        }

        if (origin is not null)
        {
            if (!MayControl(origin, request))
                return JsonRefusal.WriteAsync(context, 403, "origin_not_allowed",
                    $"the control API answers the pages of this mock and the origins given with --cors-origin, not {JsonRefusal.Quote(origin)}; "
                    + $"if that page is yours, start the mock with --cors-origin {JsonRefusal.Quote(origin)}");
            context.Response.Headers.AccessControlAllowOrigin = origin;
            context.Response.Headers.Vary = HeaderNames.Origin;
            if (HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod))
            {
                context.Response.Headers.AccessControlAllowMethods = "GET, POST, PUT, DELETE";
                context.Response.Headers.AccessControlAllowHeaders = $"Content-Type, Authorization, {TokenHeader}";
                context.Response.Headers.AccessControlMaxAge = "600";
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return Task.CompletedTask;
            }
        }

        if (_token is not null && !IsPageShell(request) && !CarriesToken(request))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"harness-control\"";
            return JsonRefusal.WriteAsync(context, 401, "control_token_required",
                $"this mock needs its control token on the control API: send Authorization: Bearer TOKEN or {TokenHeader}: TOKEN "
                + "(the token given with --control-token or HARNESS_CONTROL_TOKEN, or printed once when the mock started)");
        }

        if (ChangesState(request.Method))
        {
            if (request.QueryString.HasValue)
                return JsonRefusal.WriteAsync(context, 400, "query_not_allowed",
                    "control calls take their parameters in a JSON body, never in the query string (POST /__harness/clock/advance takes the seconds in its body)");
            if (!IsJson(request) && !HttpMethods.IsDelete(request.Method))
                return JsonRefusal.WriteAsync(context, 415, "unsupported_media_type",
                    $"control calls that change state take Content-Type: application/json (got {JsonRefusal.Quote(request.ContentType ?? "none")}), "
                    + "so a page on another origin cannot send them without a CORS preflight; send that header, with a JSON body, {} or none");
        }
        return next(context);
    }

    /// <summary>
    /// The mock's own origin (its pages call it same-origin; a browser still sends Origin on a POST) or one the user allowed.
    /// The Host header has been checked already, so "own" cannot be a rebinding name.
    /// </summary>
    internal bool MayControl(string origin, HttpRequest request)
    {
        var scheme = request.Scheme;
        var own = origin.Length == scheme.Length + 3 + request.Host.Value?.Length
            && origin.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && origin.AsSpan(scheme.Length).StartsWith("://")
            && origin.AsSpan(scheme.Length + 3).Equals(request.Host.Value, StringComparison.OrdinalIgnoreCase);
        if (own) return true;
        foreach (var allowed in _allowedOrigins)
            if (origin.Equals(allowed, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>
    /// A contract call from an origin that may not control the mock: its preflight asks for no X-Harness-* header
    /// (so the CORS answer does not grant one and the browser will not send it), and the request itself loses them.
    /// </summary>
    private static void WithoutOverrides(HttpRequest request)
    {
        var headers = request.Headers;
        if (HttpMethods.IsOptions(request.Method))
        {
            var asked = headers.AccessControlRequestHeaders.ToString();
            if (asked.Contains(OverridePrefix, StringComparison.OrdinalIgnoreCase))
                headers.AccessControlRequestHeaders = string.Join(", ", asked.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Where(h => !h.StartsWith(OverridePrefix, StringComparison.OrdinalIgnoreCase)));
            return;
        }
        List<string>? overrides = null;
        foreach (var header in headers)
            if (header.Key.StartsWith(OverridePrefix, StringComparison.OrdinalIgnoreCase)) (overrides ??= []).Add(header.Key);
        foreach (var name in overrides ?? []) headers.Remove(name);
    }

    /// <summary>The dashboard and demo pages themselves: static HTML a browser opens by address, so no header can carry a token. Their calls carry it.</summary>
    private static bool IsPageShell(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && (request.Path.Equals(DashboardEndpoints.DashboardPath, StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals(DashboardEndpoints.DemoPath, StringComparison.OrdinalIgnoreCase));

    internal bool CarriesToken(HttpRequest request)
    {
        string? given = request.Headers[TokenHeader];
        if (given is null && request.Headers.Authorization.ToString() is { } authorization
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            given = authorization["Bearer ".Length..].Trim();
        return given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _token);
    }

    private static bool ChangesState(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    private static bool IsJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
