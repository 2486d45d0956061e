using System.Security.Cryptography;
using System.Text;
using Harness.MockServer.Control;
using Harness.Scenarios.Model;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Harness.MockServer.WireMock;

/// <summary>
/// The harness's mappings on a WireMock.Net server: the control surface, each contract operation (method, path and
/// content type from the contract), each OIDC endpoint, any other request to a contract path, and (standalone) the
/// fallback. Each has a title starting with <see cref="TitlePrefix"/> and a Guid derived from its name, so
/// <c>GET /__admin/mappings</c> lists them under the same ids on every start. Their priorities: <see cref="HarnessPriorities"/>.
/// </summary>
public static class HarnessMappings
{
    public const string TitlePrefix = "refresh-harness: ";

    /// <summary>The name of the lowest-precedence mapping (the harness's JSON 404); a <c>--proxy</c> takes its place.</summary>
    public const string FallbackName = "fallback (JSON 404)";

    /// <summary>The fallback mapping's id: replace the mapping with this Guid to send unknown requests elsewhere.</summary>
    public static Guid FallbackGuid { get; } = GuidOf(FallbackName);

    /// <summary>Whether a mapping is one of the harness's own (not a user's stub).</summary>
    public static bool IsHarness(IMapping mapping) => IsHarness(mapping.Title);

    /// <summary>Whether a mapping with this title is one of the harness's own (for the admin API's mapping models too).</summary>
    public static bool IsHarness(string? title) => title is not null && title.StartsWith(TitlePrefix, StringComparison.Ordinal);

    /// <summary>A stable id for a harness mapping: the same name gives the same Guid on every start and every machine.</summary>
    public static Guid GuidOf(string name) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes(TitlePrefix + name)).AsSpan(0, 16));

    /// <summary>Adds the harness's mappings for <paramref name="contracts"/>; every one answers through <paramref name="answer"/>. Returns their ids.</summary>
    internal static IReadOnlyList<Guid> Add(WireMockServer server, ContractSet contracts, Func<IRequestMessage, Task<IResponseMessage>> answer, bool fallback)
    {
        var added = new List<Guid>();
        void Map(string name, IRequestBuilder request, int priority)
        {
            var id = GuidOf(name);
            server.Given(request).WithGuid(id).WithTitle(TitlePrefix + name).AtPriority(priority)
                .RespondWith(Response.Create().WithCallback(answer));
            added.Add(id);
        }

        Map($"control surface {ControlApi.Prefix}",
            Request.Create().WithPath(new WildcardMatcher(MatchBehaviour.AcceptOnMatch, [ControlApi.Prefix, ControlApi.Prefix + "/*"], true)).UsingAnyMethod(),
            HarnessPriorities.ControlSurface);

        var paths = new List<string>();
        foreach (var operation in contracts.Operations)
        {
            var request = Request.Create().WithPath(PathMatcher(operation.Path)).UsingMethod(operation.Method);
            // A wildcard after the media type, so "; charset=utf-8" (and any other parameter) still matches.
            if (operation.ContentType is { } type) request = request.WithHeader("Content-Type", type + "*", true, MatchBehaviour.AcceptOnMatch);
            Map($"{operation.QualifiedId} '{operation.Method} {operation.Path}'", request, HarnessPriorities.ContractOperation);
            paths.Add(operation.Path);
        }
        foreach (var api in contracts.Apis)
        {
            if (api.Oidc is not { } oidc) continue;
            var endpoints = oidc.Endpoints;
            foreach (var (name, relative, methods) in new[]
                     {
                         ("discovery", endpoints.Discovery, new[] { "GET" }), ("certs", endpoints.Certs, ["GET"]),
                         ("authorization", endpoints.Authorization, ["GET", "POST"]), ("userinfo", endpoints.UserInfo, ["GET", "POST"]),
                         ("logout", endpoints.Logout, ["GET", "POST"]),
                     })
            {
                var path = oidc.PathOf(relative);
                Map($"{api.Id}.oidc-{name} '{string.Join("|", methods)} {path}'",
                    Request.Create().WithPath(PathMatcher(path)).UsingMethod(methods), HarnessPriorities.ContractOperation);
                paths.Add(path);
            }
        }
        // A request the operations' matchers miss (another method, another content type) still gets the engine's documented answer.
        foreach (var path in paths.Distinct(StringComparer.OrdinalIgnoreCase))
            Map($"any other request to {path}", Request.Create().WithPath(PathMatcher(path)).UsingAnyMethod(), HarnessPriorities.ContractPath);

        if (fallback)
            Map(FallbackName, Request.Create().WithPath(new WildcardMatcher("/*")).UsingAnyMethod(), HarnessPriorities.Fallback);
        return added;
    }

    /// <summary>A contract path as the engine's router takes it: any letter case, with or without a trailing slash.</summary>
    private static ExactMatcher PathMatcher(string path) => new(true, path, path.TrimEnd('/') + "/");
}
