using Harness.Conformance.Running;
using Harness.Conformance.Targets;
using Harness.MockServer.WireMock;
using Harness.Reports;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;
using Harness.Scenarios.Redaction;
using NUnit.Framework;
using Harness.Scenarios.Profiles;

namespace Harness.ConformanceTests.Suite;

/// <summary>
/// One run of the suite: the contracts, the targets (the in-process mock on each of its hosts, Kestrel and WireMock.Net,
/// or the profile named by HARNESS_PROFILE), and the reports written when the run ends (to HARNESS_REPORT_DIR, default
/// reports/out/latest; the WireMock.Net host's in its wiremock-net/ folder).
/// </summary>
[SetUpFixture]
public sealed class SuiteSession
{
    public const string ProfileVariable = "HARNESS_PROFILE";
    public const string ReportVariable = "HARNESS_REPORT_DIR";
    public const string StrictVariable = "HARNESS_STRICT";

    /// <summary>The fixture argument of a run against HARNESS_PROFILE.</summary>
    public const string ProfileTarget = "profile";

    private static readonly Dictionary<string, TargetSession> Sessions = new(StringComparer.Ordinal);
    private static DateTimeOffset _startedAt;

    public static ContractSet Contracts => ScenarioCatalog.Contracts;
    public static Redactor Redactor { get; } = Redactor.ForContracts(ScenarioCatalog.Contracts);

    /// <summary><c>HARNESS_STRICT=1</c> or the profile's <c>strict: true</c>: skips caused by profile gaps, and a run without any executed check, fail.</summary>
    public static bool Strict { get; private set; }

    /// <summary>How many checks passed or failed (were executed, not skipped), over every target.</summary>
    private static int _executed;

    /// <summary>
    /// The targets the checks run against, as the fixture's arguments: the mock on each host (the same checks, not a
    /// copy of them), or the profile's target alone.
    /// </summary>
    public static IEnumerable<string> Targets() =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ProfileVariable)) ? MockHosts.All.Select(h => h.Name()) : [ProfileTarget];

    /// <summary>The session of one target (a fixture argument of <see cref="Targets"/>).</summary>
    public static TargetSession Of(string target) => Sessions[target];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _startedAt = TimeProvider.System.GetUtcNow();
        Strict = Environment.GetEnvironmentVariable(StrictVariable) is "1" or "true";
        var profile = Environment.GetEnvironmentVariable(ProfileVariable);
        if (!string.IsNullOrWhiteSpace(profile))
        {
            var session = new TargetSession(ProfileTarget);
            Sessions[ProfileTarget] = session;
            try
            {
                var loaded = TargetProfile.Load(FromRepository(profile), Contracts);
                Strict |= loaded.Strict;
                await session.StartAsync(await ProfileTargetSource.StartAsync(loaded, Redactor));
            }
            catch (Harness.Scenarios.Loading.ScenarioLoadException bad)
            {
                // Printed once, here and by the preflight test, instead of once per check with a stack trace.
                session.Fail($"the target profile {profile} has {bad.Diagnostics.Count} problem(s):{Environment.NewLine}" +
                             string.Join(Environment.NewLine, bad.Diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column).Select(d => "  " + d)));
            }
            return;
        }
        foreach (var host in MockHosts.All) Sessions[host.Name()] = new TargetSession(host.Name());
        await Task.WhenAll(MockHosts.All.Select(async host => await Sessions[host.Name()].StartAsync(await MockTargetSource.StartAsync(Contracts, host: host))));
    }

    /// <summary>The test host runs in its output folder, so a relative path is taken from the repository root.</summary>
    private static string FromRepository(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(ScenarioCatalog.RepositoryRoot, path));

    /// <summary>Counts a check that was executed (passed, failed or warned), for strict mode's "no check ran" rule.</summary>
    public static void CountExecuted(CheckResult result)
    {
        if (result.Verdict != Verdict.Skip) Interlocked.Increment(ref _executed);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        var folder = Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } chosen
            ? FromRepository(chosen)
            : Path.Combine(ScenarioCatalog.RepositoryRoot, "reports", "out", "latest");
        try
        {
            // The Kestrel host's (or the profile's) report where it always was; the WireMock.Net host's beside it.
            foreach (var session in Sessions.Values)
                session.WriteReports(session.Name == MockHost.WireMockNet.Name() ? Path.Combine(folder, session.Name) : folder, _startedAt);
        }
        finally
        {
            foreach (var session in Sessions.Values) await session.DisposeAsync();
        }
        // The gate: NUnit reports a failed one-time tear-down as an error of the run, so the exit code is non-zero even
        // when a filter left out the preflight test, or every selected check was skipped.
        foreach (var session in Sessions.Values)
            if (session.PreflightFailure is { } failure)
                throw new TargetNotCheckable(session.PreflightReported ? $"conformance: the target {session.Name} could not be checked (see the failed preflight test)"
                    : $"conformance: the target {session.Name} could not be checked (preflight failed): {failure}");
        if (Strict && Volatile.Read(ref _executed) == 0)
            throw new TargetNotCheckable($"conformance: strict mode ({StrictVariable}=1 or the profile's strict: true) and no check was executed: every selected check was skipped.");
    }
}
