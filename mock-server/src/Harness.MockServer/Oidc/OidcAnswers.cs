using System.Text;
using System.Text.Json.Nodes;
using Harness.MockServer.Engine;
using Microsoft.AspNetCore.WebUtilities;

namespace Harness.MockServer.Oidc;

/// <summary>How the OIDC endpoints answer: JSON, the RFC 6749 §5.2 error body, redirects carrying parameters, a small HTML page.</summary>
internal static class OidcAnswers
{
    public static JsonObject Error(string error, string description) => new() { ["error"] = error, ["error_description"] = description };

    public static async Task<(int, string)> JsonAsync(HttpContext context, int status, JsonNode body, bool noStore = false)
    {
        if (noStore)
        {
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.Pragma = "no-cache";
        }
        var text = body.ToJsonString();
        await MockEngine.WriteJsonAsync(context, status, text);
        return (status, text);
    }

    /// <summary>A 302 to the client's redirect URI with the parameters in its query or, when the client asked for it, its fragment.</summary>
    public static (int, string) Redirect(HttpContext context, string redirectUri, IEnumerable<KeyValuePair<string, string?>> parameters, bool fragment)
    {
        var present = parameters.Where(p => p.Value is not null).ToList();
        var location = fragment
            ? redirectUri + "#" + string.Join('&', present.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value!)))
            : QueryHelpers.AddQueryString(redirectUri, present);
        context.Response.StatusCode = 302;
        context.Response.Headers.Location = location;
        context.Response.Headers.CacheControl = "no-store";
        return (302, "(redirect) " + location);
    }

    public static async Task<(int, string)> HtmlAsync(HttpContext context, int status, string html)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var bytes = Encoding.UTF8.GetBytes(html);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
        return (status, "(html page)");
    }
}
