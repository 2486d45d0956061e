using Harness.Scenarios.Model;
using Harness.Scenarios.Redaction;
using Harness.Scenarios.Profiles;

namespace Harness.Conformance.Targets;

/// <summary>A real target is shared by every scenario: it has one clock and cannot be started twice.</summary>
public sealed class ProfileTargetSource(ProfileTarget target) : ITargetSource
{
    public ITarget Shared => target;

    public static Task<ProfileTargetSource> StartAsync(TargetProfile profile, Redactor redactor) =>
        Task.FromResult(new ProfileTargetSource(new ProfileTarget(profile, redactor)));

    public Task<(ITarget Target, bool Owned)> ForScenarioAsync(Scenario scenario, CancellationToken cancel) =>
        Task.FromResult<(ITarget, bool)>((target, false));

    public ValueTask DisposeAsync() => target.DisposeAsync();
}
