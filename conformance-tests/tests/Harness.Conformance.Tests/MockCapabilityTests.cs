using FluentAssertions;
using Harness.Conformance.Running;
using Harness.Conformance.Targets;
using Harness.Reports;
using Harness.Scenarios.Redaction;
using NUnit.Framework;

namespace Harness.Conformance.Tests;

/// <summary>
/// The mock target runs every scenario, the HTTPS ones included: a scenario that needs <c>https-enforced</c> gets a
/// mock started with <c>--https</c> and its plain-HTTP address, so it passes rather than being skipped.
/// </summary>
[TestFixture]
public sealed class MockCapabilityTests
{
    [Test]
    public async Task PlainHttpScenarios_AgainstTheMock_RunAndPass()
    {
        var contracts = Repository.Contracts;
        var scenarios = contracts.Scenarios.Where(s => s.Requires.Contains("https-enforced")).ToList();
        scenarios.Should().HaveCountGreaterThanOrEqualTo(2, "keycloak and softwareag each have refresh-over-plain-http-is-refused");
        await using var targets = await MockTargetSource.StartAsync(contracts);

        var report = await ConformanceRun.RunAsync(contracts, targets, scenarios, new Redactor(), parallelism: 2);

        report.Checks.Should().OnlyContain(c => c.Verdict == Verdict.Pass, "every HTTPS scenario runs and passes: {0}",
            string.Join("; ", report.Checks.Select(c => $"{c.Id} {c.Verdict} {c.Reason}")));
    }
}
