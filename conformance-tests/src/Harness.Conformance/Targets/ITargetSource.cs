using Harness.Scenarios.Model;

namespace Harness.Conformance.Targets;

/// <summary>
/// Hands each scenario the target it runs against. A scenario that moves the clock must not share a
/// clock with others, so the mock gives it an instance of its own; a real target is shared by all.
/// </summary>
public interface ITargetSource : IAsyncDisposable
{
    ITarget Shared { get; }

    /// <summary>The target for one scenario; <paramref name="owned"/> says whether the caller must dispose it.</summary>
    Task<(ITarget Target, bool Owned)> ForScenarioAsync(Scenario scenario, CancellationToken cancel);
}
