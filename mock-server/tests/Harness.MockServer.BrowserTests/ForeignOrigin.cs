using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Harness.MockServer.BrowserTests;

/// <summary>
/// A second, unrelated web server on another port (so another origin) that serves the mock's demo page as a
/// frontend's own dev server would: the HTML is fetched once from the mock and re-served here, headers and all.
/// The page then calls the mock cross-origin, which a browser only allows after a CORS preflight.
/// </summary>
public sealed class ForeignOrigin : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ForeignOrigin(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The page's URL on this origin.</summary>
    public Uri DemoUrl => new(Address, "app/");
    public Uri Address { get; }

    public string Origin => Address.GetLeftPart(UriPartial.Authority);

    public static async Task<ForeignOrigin> ServeDemoOfAsync(Uri mock)
    {
        using var http = new HttpClient();
        using var source = await http.GetAsync(new Uri(mock, "__harness/demo"));
        source.EnsureSuccessStatusCode();
        var html = await source.Content.ReadAsStringAsync();
        var policy = source.Headers.TryGetValues("Content-Security-Policy", out var values) ? string.Join(", ", values) : null;

        return await ServeAsync(policy, html);
    }

    /// <summary>Any page at <see cref="DemoUrl"/> (<c>/app/</c>): a site the user happens to have open, say, whose script then runs there.</summary>
    public static Task<ForeignOrigin> ServePageAsync(string html) => ServeAsync(null, html);

    private static async Task<ForeignOrigin> ServeAsync(string? policy, string html)
    {
        var (app, address) = await LoopbackSite.StartAsync(site => site.MapGet("/app/", (HttpContext context) =>
        {
            if (policy is not null) context.Response.Headers.ContentSecurityPolicy = policy;
            return Results.Content(html, "text/html; charset=utf-8");
        }));
        return new ForeignOrigin(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
