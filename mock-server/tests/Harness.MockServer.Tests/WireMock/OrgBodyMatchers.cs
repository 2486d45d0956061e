using AnyOfTypes;
using Json.Schema;
using WireMock.Matchers;
using WireMock.Models;

namespace Harness.MockServer.Tests.WireMock;

/// <summary>
/// The two wiremock.org request matchers WireMock.Net 1.25.0 has no counterpart for, as body matchers WireMock.Net
/// calls with the body text: a form parameter (<c>formParameters</c>: WireMock.Net's FormUrlEncodedMatcher knows only
/// wildcard <c>name=value</c> pairs, neither "absent" nor a regex on the value) and <c>matchesJsonSchema</c>
/// (evaluated as the jar does, draft 2020-12).
/// </summary>
internal static class OrgBodyMatchers
{
    /// <summary>The body is a form with a parameter <paramref name="name"/> whose value <paramref name="value"/> accepts.</summary>
    public static IStringMatcher FormParameter(string name, IStringMatcher value) =>
        new BodyMatcher($"formParameters.{name}", MatchBehaviour.AcceptOnMatch,
            body => FormValues(body, name) is { Count: > 0 } values && values.Any(v => value.IsMatch(v).IsPerfect()));

    /// <summary>The body has no form parameter <paramref name="name"/>.</summary>
    public static IStringMatcher FormParameterAbsent(string name) =>
        new BodyMatcher($"formParameters.{name}.absent", MatchBehaviour.AcceptOnMatch, body => FormValues(body, name).Count == 0);

    /// <summary>The body is JSON that validates against <paramref name="schema"/>.</summary>
    public static IStringMatcher JsonSchema(JsonNode schema, MatchBehaviour behaviour)
    {
        var compiled = Json.Schema.JsonSchema.FromText(schema.ToJsonString());
        var options = new EvaluationOptions { EvaluateAs = SpecVersion.Draft202012, OutputFormat = OutputFormat.Flag };
        return new BodyMatcher("matchesJsonSchema", behaviour, body =>
        {
            try
            {
                return compiled.Evaluate(JsonNode.Parse(body), options).IsValid;
            }
            catch (System.Text.Json.JsonException)
            {
                return false;
            }
        });
    }

    private static List<string> FormValues(string body, string name)
    {
        var values = new List<string>();
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString((at < 0 ? pair : pair[..at]).Replace('+', ' '));
            if (key == name) values.Add(at < 0 ? "" : Uri.UnescapeDataString(pair[(at + 1)..].Replace('+', ' ')));
        }
        return values;
    }

    /// <summary>A WireMock.Net string matcher over the whole body; reject-on-match turns its answer round.</summary>
    private sealed class BodyMatcher(string name, MatchBehaviour behaviour, Func<string, bool> matches) : IStringMatcher
    {
        public string Name => name;

        public MatchBehaviour MatchBehaviour => behaviour;

        public MatchOperator MatchOperator => MatchOperator.Or;

        public MatchResult IsMatch(string? input)
        {
            var matched = input is not null && matches(input);
            return MatchResult.From(name, matched == (behaviour == MatchBehaviour.AcceptOnMatch) ? MatchScores.Perfect : MatchScores.Mismatch, null);
        }

        public AnyOf<string, StringPattern>[] GetPatterns() => [];

        public string GetCSharpCodeArguments() => $"/* {name}: a test-only matcher */";
    }
}
