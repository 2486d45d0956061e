using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FluentAssertions;
using Harness.Conformance.Running;
using Harness.Conformance.Targets;
using Harness.Reports;
using Harness.Scenarios.Redaction;
using NUnit.Framework;
using Harness.Scenarios.Profiles;

namespace Harness.Conformance.Tests.RealServers;

/// <summary>
/// The suite against three real OAuth servers it did not write: each server is started on a free port, every
/// softwareag-refresh scenario runs against it through its profile (<c>conformance-tests/profiles</c>), and each
/// verdict must be the one committed in <c>conformance-tests/expected/&lt;server&gt;.yaml</c>. A fail must be a rule's
/// failure (a step's status, error code, header, field or comparison), never a crash or a broken set-up. The run's
/// reports go to <c>reports/out/&lt;server&gt;/</c>, with <c>verdicts.actual.yaml</c> in the expected file's format.
/// </summary>
[TestFixture]
[Category("real-servers")]
[Parallelizable(ParallelScope.Children)]
public sealed partial class RealServerVerdictTests
{
    private const string Api = "softwareag-refresh";

    /// <summary>Failures that are not a rule's verdict: the run could not get as far as the rule.</summary>
    private static readonly HashSet<string> NotRuleFailures = new(StringComparer.Ordinal)
    {
        "session start (set-up)", "set-up call", "an HTTP answer", "clock advance",
    };

    public static IEnumerable<TestCaseData> Servers() =>
        RealServer.All.Select(s => new TestCaseData(s).SetName($"Verdicts_MatchExpected({s.Name})").SetCategory(s.Name));

    [TestCaseSource(nameof(Servers))]
    public async Task Verdicts_MatchExpected(RealServer server)
    {
        NodeServerProcess.RequireInstalled(server.Package);
        var contracts = Repository.Contracts;
        var expected = ExpectedVerdicts.Load(server.ExpectedPath);
        expected.Api.Should().Be(Api);
        expected.Server.Should().Be(server.Name);
        var scenarios = contracts.Scenarios.Where(s => s.ApiId == Api).ToList();
        var folder = Repository.ReportFolder(server.Name);

        var secrets = server.NewSecrets();
        var environment = secrets.Concat(server.PlainEnvironment).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        await using var process = await NodeServerProcess.StartAsync(server.Script, environment);
        // The profile reads its base URL and secrets from these; the oidc bootstrap command inherits them too.
        var saved = environment.Keys.Append(server.BaseUrlVariable).ToDictionary(k => k, Environment.GetEnvironmentVariable, StringComparer.Ordinal);
        try
        {
            foreach (var (name, value) in environment) Environment.SetEnvironmentVariable(name, value);
            Environment.SetEnvironmentVariable(server.BaseUrlVariable, process.BaseUrl.ToString());

            var profile = TargetProfile.Load(server.ProfilePath, contracts);
            profile.BaseUrl.Should().Be(process.BaseUrl, "the profile's base-url must follow {0}", server.BaseUrlVariable);
            var redactor = new Redactor();
            RunReport report;
            await using (var targets = await ProfileTargetSource.StartAsync(profile, redactor))
                report = await ConformanceRun.RunAsync(contracts, targets, scenarios, redactor, parallelism: 4);

            var written = ReportSet.WriteAll(report, folder, redactor).ToList();
            written.Add(WriteActualVerdicts(report, server, folder));
            var table = Compare(expected, report, out var mismatches);
            var counts = string.Join(", ", Enum.GetValues<Verdict>().Select(v => $"{report.Checks.Count(c => c.Verdict == v)} {v.ToString().ToLowerInvariant()}"));
            TestContext.Out.WriteLine($"{server.Name} at {process.BaseUrl}: {report.Checks.Count} {Api} checks: {counts}; reports: {folder}");
            TestContext.Out.WriteLine(table);

            foreach (var path in written)
            {
                var text = await File.ReadAllTextAsync(path);
                foreach (var (variable, secret) in secrets)
                    text.Contains(secret, StringComparison.Ordinal).Should().BeFalse($"{path} must not contain the secret of {variable}");
            }

            var crashed = report.Checks.Where(c => c.Verdict == Verdict.Fail && !RuleRollup.Rules.ContainsKey(c.Scenario) && !c.Failures.Any(IsRuleFailure))
                .Select(c => $"{c.Scenario}: {c.Reason}").ToList();
            crashed.Should().BeEmpty("every fail must be a rule's failure at a step (status, error code, header, field, comparison), not a crash or a failed set-up");

            var missed = (server.MustFail ?? []).Where(id => report.Checks.SingleOrDefault(c => c.Scenario == id)?.Verdict is not (Verdict.Fail or Verdict.Warning)).ToList();
            missed.Should().BeEmpty("{0} is a control server that ignores these rules, so their checks must fail (or warn, for a SHOULD)", server.Name);

            if (mismatches > 0)
                Assert.Fail($"{mismatches} verdict(s) of {server.Name} differ from {Path.GetRelativePath(Repository.Root, server.ExpectedPath)} " +
                    $"(actual verdicts: {Path.GetRelativePath(Repository.Root, Path.Combine(folder, "verdicts.actual.yaml"))}):{Environment.NewLine}{table}");
        }
        catch (Exception) when (AttachServerLog(server, process, folder, failed: true))
        {
            throw; // never reached: the filter only attaches the log
        }
        finally
        {
            foreach (var (name, value) in saved) Environment.SetEnvironmentVariable(name, value);
            AttachServerLog(server, process, folder, failed: false);
        }
    }

    /// <summary>A failure that is a rule's verdict: it names a step and what of its answer broke the rule.</summary>
    internal static bool IsRuleFailure(CheckFailure failure)
    {
        var match = StepExpectation().Match(failure.Expectation);
        return match.Success && !NotRuleFailures.Contains(match.Groups["what"].Value) && failure.Source.Length > 0;
    }

    [GeneratedRegex(@"^step \d+ \(.*?\): (?<what>.+)$")]
    private static partial Regex StepExpectation();

    /// <summary>The verdict table (every scenario; ✗ marks a mismatch) and how many rows differ.</summary>
    private static string Compare(ExpectedVerdicts expected, RunReport report, out int mismatches)
    {
        var byScenario = expected.Verdicts.ToDictionary(v => v.Scenario, StringComparer.Ordinal);
        var rows = new List<(bool Ok, string Scenario, string Expected, string Actual, string Detail)>();
        foreach (var check in report.Checks.OrderBy(c => c.Scenario, StringComparer.Ordinal))
        {
            var actual = Name(check.Verdict);
            var detail = OneLine(check.Reason ?? "");
            if (!byScenario.Remove(check.Scenario, out var want))
            {
                rows.Add((false, check.Scenario, "(not in the expected file)", actual, detail));
                continue;
            }
            var ok = want.Verdict == check.Verdict && (want.Failure is null || (check.Reason ?? "").Contains(want.Failure, StringComparison.Ordinal));
            if (ok && check.Verdict == Verdict.Pass) detail = "";
            else if (want.Verdict == check.Verdict && !ok) detail = $"first failure lacks '{want.Failure}': {detail}";
            rows.Add((ok, check.Scenario, Name(want.Verdict), actual, detail));
        }
        foreach (var left in byScenario.Values)
            rows.Add((false, left.Scenario, Name(left.Verdict), "(no such scenario)", ""));
        mismatches = rows.Count(r => !r.Ok);

        var width = rows.Max(r => r.Scenario.Length);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"   {"scenario".PadRight(width)}  expected  actual  first failure / reason");
        foreach (var row in rows)
            text.AppendLine(CultureInfo.InvariantCulture, $"{(row.Ok ? "  " : "✗ ")} {row.Scenario.PadRight(width)}  {row.Expected,-8}  {row.Actual,-6}  {row.Detail}");
        return text.ToString();
    }

    /// <summary>The actual verdicts in the expected file's format, each fail/skip with the check's own first failure or skip reason.</summary>
    private static string WriteActualVerdicts(RunReport report, RealServer server, string folder)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Actual verdicts of the last run against {server.Name} (same format as conformance-tests/expected/{server.Name}.yaml).");
        text.AppendLine(CultureInfo.InvariantCulture, $"server: {server.Name}");
        text.AppendLine(CultureInfo.InvariantCulture, $"api: {Api}");
        text.AppendLine("verdicts:");
        foreach (var check in report.Checks.OrderBy(c => c.Scenario, StringComparer.Ordinal))
        {
            if (check.Verdict == Verdict.Pass)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {check.Scenario}: pass");
                continue;
            }
            text.AppendLine(CultureInfo.InvariantCulture, $"  {check.Scenario}:");
            text.AppendLine(CultureInfo.InvariantCulture, $"    verdict: {Name(check.Verdict)}");
            text.AppendLine(CultureInfo.InvariantCulture, $"    reason: {Quote(OneLine(check.Reason ?? ""))}");
        }
        var path = Path.Combine(folder, "verdicts.actual.yaml");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>Writes the server's stderr beside the reports; on failure also prints it and attaches it to the test. Returns false (for use as an exception filter).</summary>
    private static bool AttachServerLog(RealServer server, NodeServerProcess process, string folder, bool failed)
    {
        var path = Path.Combine(folder, "server-stderr.log");
        var stderr = process.StandardError;
        File.WriteAllText(path, stderr);
        if (failed)
        {
            TestContext.Out.WriteLine($"--- stderr of {server.Script} (pid {process.ProcessId}) ---");
            TestContext.Out.WriteLine(stderr.Length == 0 ? "(empty)" : stderr);
            TestContext.AddTestAttachment(path, $"stderr of {server.Script}");
        }
        return false;
    }

    private static string Name(Verdict verdict) => verdict.ToString().ToLowerInvariant();

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
