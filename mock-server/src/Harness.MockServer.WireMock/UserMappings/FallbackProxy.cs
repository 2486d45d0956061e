using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Harness.MockServer.WireMock.UserMappings;

/// <summary>
/// <c>--proxy URL</c>: every request no other mapping matches goes to a real backend through WireMock.Net's proxy
/// (<c>Response.Create().WithProxy(url)</c>). It takes the place of the harness's fallback mapping (its JSON 404), at
/// the fallback priority, so contract operations, users' stubs and the control surface still answer first. WireMock.Net's
/// settings-level <c>ProxyAndRecordSettings</c> is not used: the mapping it adds outranks every other one.
/// </summary>
public static class FallbackProxy
{
    public const string Title = "refresh-harness:proxy";

    /// <summary>
    /// Replaces the response of the mapping <paramref name="fallbackMapping"/> (the harness's fallback; any Guid on a
    /// server without one) with a proxy to <paramref name="backend"/>, which must be an absolute http or https URL.
    /// Returns the mapping's Guid, by which the journal tells proxied requests.
    /// </summary>
    public static Guid Attach(WireMockServer server, Guid fallbackMapping, Uri backend)
    {
        if (!backend.IsAbsoluteUri || (backend.Scheme != Uri.UriSchemeHttp && backend.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"proxy '{backend}' is not an absolute http:// or https:// URL", nameof(backend));
        server.Given(Request.Create().WithPath(new RegexMatcher(".*")).UsingAnyMethod())
            .WithGuid(fallbackMapping)
            .WithTitle(Title)
            .WithDescription($"every request no other mapping matches is proxied to {Shown(backend)}")
            .AtPriority(HarnessPriorities.Fallback)
            // WireMock.Net appends the request's path to the URL as given: without the trailing slash, /a stays /a, not //a.
            .RespondWith(Response.Create().WithProxy(backend.ToString().TrimEnd('/')));
        return fallbackMapping;
    }

    /// <summary>The backend as it may be shown: without a user name or password the URL might carry.</summary>
    public static string Shown(Uri backend) => new UriBuilder(backend) { UserName = "", Password = "" }.Uri.ToString();
}
