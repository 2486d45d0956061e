using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Harness.MockServer.BrowserTests;

/// <summary>
/// A single-page app's own dev server on another origin: one HTML page at every <c>/app/…</c> path (so the OIDC
/// callback lands on it too) and the browser bundles of the real libraries, read from <c>mock-server/tests/spa</c>'s
/// node_modules (installed by <c>.ci/setup</c>), under <c>/lib/</c>.
/// </summary>
public sealed class SpaOrigin : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SpaOrigin(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }
    public string Origin => Address.GetLeftPart(UriPartial.Authority);
    public string AppUrl => Origin + "/app/";

    /// <summary>The spa folder's node_modules, or null when <c>.ci/setup</c> has not installed them.</summary>
    public static string? Libraries(string repositoryRoot)
    {
        var folder = Path.Combine(repositoryRoot, "mock-server", "tests", "spa", "node_modules");
        return Directory.Exists(folder) ? folder : null;
    }

    public static async Task<SpaOrigin> ServeAsync(string html, string nodeModules)
    {
        var (app, address) = await LoopbackSite.StartAsync(site =>
        {
            site.MapGet("/app/{**rest}", () => Results.Content(html, "text/html; charset=utf-8"));
            site.MapGet("/lib/{**file}", (string file) =>
            {
                var path = Path.GetFullPath(Path.Combine(nodeModules, file));
                return path.StartsWith(nodeModules, StringComparison.Ordinal) && File.Exists(path)
                    ? Results.File(path, "text/javascript; charset=utf-8")
                    : Results.NotFound();
            });
        });
        return new SpaOrigin(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
