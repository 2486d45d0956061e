using System.Text.RegularExpressions;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using NetRequest = WireMock.RequestBuilders.Request;
using NetResponse = WireMock.ResponseBuilders.Response;

namespace Harness.MockServer.Tests.WireMock;

/// <summary>
/// Registers WireMock (Java, wiremock.org) mapping files on a WireMock.Net server with WireMock.Net's own matchers.
/// </summary>
/// <remarks>
/// WireMock.Net 1.25.0 cannot load export-wiremock's folder by itself: <c>ReadStaticMappings</c> reads only
/// WireMock.Net's own mapping format, and <c>ReadStaticWireMockOrgMappingAndAddOrUpdate</c> drops <c>priority</c>,
/// <c>formParameters</c>, <c>absent</c>, <c>doesNotMatch</c>, <c>not</c>, <c>matchesJsonSchema</c> and every body
/// pattern but the first, so the forced, natural and success stubs of one path all match at once. This reads the
/// wiremock.org JSON and maps each operator to the WireMock.Net matcher that means the same
/// (<see cref="ExactMatcher"/>, <see cref="RegexMatcher"/> with <see cref="MatchBehaviour.RejectOnMatch"/> for
/// negations); where WireMock.Net has none (a form parameter, a JSON Schema) a small <see cref="IStringMatcher"/>
/// (<see cref="OrgBodyMatchers"/>) fills in. An operator it does not know fails loudly with the file's name rather
/// than being dropped.
/// </remarks>
internal static partial class WireMockOrgMappings
{
    /// <summary>Every <c>*.json</c> in <paramref name="mappingsFolder"/> (one mapping per file, as export-wiremock writes).</summary>
    public static int LoadFolder(WireMockServer server, string mappingsFolder)
    {
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(mappingsFolder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                Register(server, JsonNode.Parse(File.ReadAllText(file))!.AsObject());
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or System.Text.Json.JsonException or ArgumentException)
            {
                throw new FormatException($"{file}: {e.Message}", e);
            }
            count++;
        }
        return count;
    }

    public static void Register(WireMockServer server, JsonObject mapping)
    {
        var request = mapping["request"]?.AsObject() ?? throw new FormatException("no request");
        var response = mapping["response"]?.AsObject() ?? throw new FormatException("no response");
        var provider = server.Given(RequestOf(request));
        if (mapping["id"]?.GetValue<string>() is { } id) provider = provider.WithGuid(Guid.Parse(id));
        if (mapping["name"]?.GetValue<string>() is { } name) provider = provider.WithTitle(name);
        // WireMock's default priority is 5 and WireMock.Net's 0; both try the lowest number first.
        provider.AtPriority(mapping["priority"]?.GetValue<int>() ?? 5).RespondWith(ResponseOf(response));
    }

    private static IRequestBuilder RequestOf(JsonObject request)
    {
        var builder = NetRequest.Create();
        builder = (request["urlPath"], request["url"], request["urlPathPattern"]) switch
        {
            ({ } path, _, _) => builder.WithPath(new ExactMatcher(path.GetValue<string>())),
            (_, { } url, _) => builder.WithUrl(new ExactMatcher(url.GetValue<string>())),
            (_, _, { } pattern) => builder.WithPath(JavaRegex(pattern.GetValue<string>(), MatchBehaviour.AcceptOnMatch)),
            _ => builder,
        };
        if (request["method"]?.GetValue<string>() is { } method && method != "ANY") builder = builder.UsingMethod(method);

        foreach (var (name, pattern) in request["headers"]?.AsObject() ?? [])
        {
            // A header WireMock.Net does not find counts as a match when the header matcher rejects on match: absent,
            // and doesNotMatch, which in WireMock 3.13 also matches a missing header.
            var (matcher, behaviour) = HeaderMatcher(pattern!.AsObject());
            builder = builder.WithHeader(name, ignoreCase: true, behaviour, MatchOperator.Or, matcher);
        }

        var body = new List<IMatcher>();
        foreach (var (name, pattern) in request["formParameters"]?.AsObject() ?? [])
        {
            var operators = pattern!.AsObject();
            body.Add(operators["absent"]?.GetValue<bool>() == true
                ? OrgBodyMatchers.FormParameterAbsent(name)
                : OrgBodyMatchers.FormParameter(name, StringMatcher(operators, MatchBehaviour.AcceptOnMatch)));
        }
        foreach (var pattern in request["bodyPatterns"]?.AsArray() ?? [])
            body.Add(StringMatcher(pattern!.AsObject(), MatchBehaviour.AcceptOnMatch));
        return body.Count == 0 ? builder : builder.WithBody([.. body], MatchOperator.And);
    }

    private static (IStringMatcher Matcher, MatchBehaviour HeaderBehaviour) HeaderMatcher(JsonObject operators)
    {
        if (operators["absent"]?.GetValue<bool>() == true) return (JavaRegex("(?s).*", MatchBehaviour.RejectOnMatch), MatchBehaviour.RejectOnMatch);
        if (operators["doesNotMatch"] is not null) return (StringMatcher(operators, MatchBehaviour.AcceptOnMatch), MatchBehaviour.RejectOnMatch);
        return (StringMatcher(operators, MatchBehaviour.AcceptOnMatch), MatchBehaviour.AcceptOnMatch);
    }

    /// <summary>One wiremock.org value pattern (exactly one operator) as a WireMock.Net string matcher.</summary>
    private static IStringMatcher StringMatcher(JsonObject operators, MatchBehaviour behaviour)
    {
        var ignoreCase = operators["caseInsensitive"]?.GetValue<bool>() == true;
        var flipped = behaviour == MatchBehaviour.AcceptOnMatch ? MatchBehaviour.RejectOnMatch : MatchBehaviour.AcceptOnMatch;
        var op = operators.Select(p => p.Key).FirstOrDefault(k => k != "caseInsensitive") ?? throw new FormatException("a pattern without an operator");
        var value = operators[op]!;
        return op switch
        {
            "equalTo" => new ExactMatcher(behaviour, ignoreCase, MatchOperator.Or, value.GetValue<string>()),
            "contains" => new RegexMatcher(behaviour, Regex.Escape(value.GetValue<string>()), ignoreCase, false, MatchOperator.Or),
            "matches" => JavaRegex(value.GetValue<string>(), behaviour),
            "doesNotMatch" => JavaRegex(value.GetValue<string>(), flipped),
            "matchesJsonSchema" => OrgBodyMatchers.JsonSchema(value, behaviour),
            "not" => StringMatcher(value.AsObject(), flipped),
            _ => throw new FormatException($"the WireMock operator \"{op}\" has no WireMock.Net counterpart here"),
        };
    }

    /// <summary>A Java regular expression, which must match the whole value, as a .NET one that does the same.</summary>
    private static RegexMatcher JavaRegex(string java, MatchBehaviour behaviour) =>
        new(behaviour, $"\\A(?:{QuotedRuns().Replace(java, m => Regex.Escape(m.Groups[1].Value))})\\z", false, false, MatchOperator.Or);

    private static IResponseBuilder ResponseOf(JsonObject response)
    {
        var builder = NetResponse.Create().WithStatusCode(response["status"]?.GetValue<int>() ?? 200);
        foreach (var (name, value) in response["headers"]?.AsObject() ?? [])
            builder = builder.WithHeader(name, value!.GetValueKind() == System.Text.Json.JsonValueKind.Array
                ? [.. value.AsArray().Select(v => v!.GetValue<string>())] : [value.GetValue<string>()]);
        if (response["jsonBody"] is { } json) builder = builder.WithBody(json.ToJsonString());
        else if (response["body"]?.GetValue<string>() is { } text) builder = builder.WithBody(text);
        return builder;
    }

    /// <summary>Java's <c>\Q…\E</c> (a literal run), which .NET regular expressions do not have.</summary>
    [GeneratedRegex(@"\\Q(.*?)(?:\\E|$)", RegexOptions.Singleline)]
    private static partial Regex QuotedRuns();
}
