using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Harness.MockServer.Dashboard;

/// <summary>
/// One page built from the embedded assets: <c>{{css:name}}</c> and <c>{{js:name}}</c> are replaced by the
/// asset's text, and a Content-Security-Policy allows exactly those inline blocks (by hash), nothing from the
/// network except fetches. <c>{{origin}}</c> is filled per request with the mock's own origin, <c>{{target}}</c> with
/// the demo's test account.
/// </summary>
internal sealed partial class DashboardPage
{
    private const string ResourcePrefix = "Dashboard/";
    private readonly string _html;
    private readonly string _policy;

    private DashboardPage(string html, string policy)
    {
        _html = html;
        _policy = policy;
    }

    public static DashboardPage Load(string name, bool connectAnywhere)
    {
        var html = Placeholder().Replace(Asset(name), m => Asset(m.Groups["name"].Value));
        var blocks = InlineBlock().Matches(html);
        string Hashes(string tag) => string.Join(' ', blocks.Where(m => m.Groups["tag"].Value == tag)
            .Select(m => "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups["body"].Value))) + "'").Distinct());
        var policy = $"default-src 'none'; script-src {Hashes("script")}; style-src {Hashes("style")}; img-src data:; "
            + $"connect-src {(connectAnywhere ? "*" : "'self'")}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        return new DashboardPage(html, policy);
    }

    /// <summary>Writes the page; <c>{{origin}}</c> and <c>{{target}}</c> (the demo's test account as JSON, or empty) are filled in, HTML-encoded.</summary>
    public async Task WriteAsync(HttpContext context, string origin, string target)
    {
        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.ContentSecurityPolicy = _policy;
        var body = Encoding.UTF8.GetBytes(_html.Replace("{{origin}}", DashboardEndpoints.Encode(origin), StringComparison.Ordinal)
            .Replace("{{target}}", DashboardEndpoints.Encode(target), StringComparison.Ordinal));
        response.ContentLength = body.Length;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static string Asset(string name)
    {
        using var stream = typeof(DashboardPage).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"dashboard asset '{name}' is not embedded; known: "
                + string.Join(", ", typeof(DashboardPage).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\{\{(?:css|js):(?<name>[a-z0-9.-]+)\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"<(?<tag>script|style)>(?<body>.*?)</\k<tag>>", RegexOptions.Singleline)]
    private static partial Regex InlineBlock();
}
