using Harness.Reports;
using YamlDotNet.RepresentationModel;

namespace Harness.Conformance.Tests.RealServers;

/// <summary>One committed verdict: pass, or fail/warning/skip with the reason; <see cref="Failure"/> (optional) is text the check's first failure (or skip reason) must contain.</summary>
public sealed record ExpectedVerdict(string Scenario, Verdict Verdict, string? Reason, string? Failure);

/// <summary>
/// <c>conformance-tests/expected/&lt;server&gt;.yaml</c>: the verdict a real server earns on every scenario of one API.
/// <code>
/// server: oidc-provider
/// api: softwareag-refresh
/// verdicts:
///   refresh-issues-token-pair: pass
///   get-instead-of-post-is-refused:
///     verdict: warning          # a finding of a level the profile does not gate on (inferred, should)
///     reason: inferred rule — 405 is this project's inference; the server answers 404
///   refresh-response-says-pragma-no-cache:
///     verdict: fail
///     reason: RFC 6749 §5.1 — the token response has no Pragma header
///     failure: "header Pragma"   # optional: text the first failure must contain
/// </code>
/// </summary>
public sealed record ExpectedVerdicts(string Server, string Api, IReadOnlyList<ExpectedVerdict> Verdicts)
{
    public static ExpectedVerdicts Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path)) stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        string Text(YamlMappingNode map, string key, bool required = true) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Value: { } value } ? value
            : required ? throw new InvalidDataException($"{path}: '{key}' is missing at line {map.Start.Line}") : null!;

        var verdicts = new List<ExpectedVerdict>();
        foreach (var (key, node) in ((YamlMappingNode)root.Children[new YamlScalarNode("verdicts")]).Children)
        {
            var scenario = ((YamlScalarNode)key).Value!;
            var (verdictText, reason, failure) = node switch
            {
                YamlScalarNode s => (s.Value!, null, null),
                YamlMappingNode m => (Text(m, "verdict"), (string?)Text(m, "reason", required: false), (string?)Text(m, "failure", required: false)),
                _ => throw new InvalidDataException($"{path}:{key.Start.Line}: '{scenario}' must be pass|fail|skip or a mapping with verdict and reason"),
            };
            var verdict = verdictText switch
            {
                "pass" => Verdict.Pass,
                "fail" => Verdict.Fail,
                "skip" => Verdict.Skip,
                "warning" => Verdict.Warning,
                _ => throw new InvalidDataException($"{path}:{key.Start.Line}: '{scenario}': verdict must be pass, fail, warning or skip, not '{verdictText}'"),
            };
            if (verdict != Verdict.Pass && string.IsNullOrWhiteSpace(reason))
                throw new InvalidDataException($"{path}:{key.Start.Line}: '{scenario}' is {verdictText} and needs a one-line reason");
            verdicts.Add(new ExpectedVerdict(scenario, verdict, reason, failure));
        }
        return new ExpectedVerdicts(Text(root, "server"), Text(root, "api"), verdicts);
    }
}
