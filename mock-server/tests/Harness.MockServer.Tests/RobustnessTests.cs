// The CI-sized variant of bench/run's robustness run (bench/load): 16 connections for 3 seconds against an
// in-process mock, mixing valid refreshes (with rotation) on three rotating APIs, reuse attempts, malformed
// bodies and forced answers, while one fault at a time is injected (5xx, dropped connection, latency).
// Asserts no timings: zero unexpected 5xx, zero socket errors except the injected drops, every token family
// the client still trusts consistent afterwards (its newest token refreshes once, the token it replaced is then
// refused as reused, and the new one as revoked: never two live successors), and the journal's counters equal
// what the client sent and received, status by status. The run itself is Harness.MockServer.Load, over HTTP.
//
// Run alone: dotnet test mock-server/tests/Harness.MockServer.Tests --filter TestCategory=Robustness
using FluentAssertions.Execution;
using Harness.MockServer.Load;

namespace Harness.MockServer.Tests;

[TestFixture]
[Category("Robustness")]
[NonParallelizable] // it keeps 16 connections busy for a few seconds
public sealed class RobustnessTests
{
    private static readonly LoadOptions CiSize = new() { Connections = 16, Duration = TimeSpan.FromSeconds(3) };

    [Test]
    [CancelAfter(120_000)]
    public async Task MixedTrafficWithInjectedFaults_OnlyInjected5xx_FamiliesConsistent_JournalMatchesTheClient(CancellationToken cancellationToken)
    {
        await using var mock = await TestMock.StartAsync();

        var run = await LoadRun.RunAsync(mock.BaseAddress, CiSize, cancellationToken);

        using (new AssertionScope())
        {
            run.CheckFailures.Should().BeEmpty("every answer must be the documented one");
            run.Unexpected5xx.Should().Be(0, "the only 5xx allowed are the injected ones");
            run.Seen5xx.Should().Be(run.Injected5xx, "each injected server error reaches exactly one client");
            run.SocketErrors.Should().Be(run.InjectedDrops, "the only broken connections are the injected drops");
            run.FamiliesConsistent.Should().Be(run.FamiliesChecked, "no family may have two live successors or lose its newest token");
            run.JournalServed.Should().Be(run.ClientSent, "the journal counts every API request the client sent");
            run.JournalByStatus.Should().BeEquivalentTo(run.ClientByStatus, "the journal's status counters match what the client saw (0 = dropped)");
            run.Refreshes.Should().BePositive("valid refreshes were part of the mix");
            run.ReuseChecks.Should().BePositive("reuse attempts were part of the mix");
            run.Malformed.Should().BePositive("malformed requests were part of the mix");
        }
        TestContext.Progress.WriteLine($"robustness: {run.ClientSent} requests, {run.Refreshes} refreshes, {run.ReuseChecks} reuse checks, {run.Malformed} malformed, " +
                                       $"{run.Forced} forced, {run.Injected5xx} injected 5xx, {run.InjectedDrops} drops, {run.FamiliesChecked} families checked");
    }
}
