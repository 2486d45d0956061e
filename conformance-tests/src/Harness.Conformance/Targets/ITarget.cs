using Harness.Scenarios.Model;
using Harness.Scenarios.Profiles;

namespace Harness.Conformance.Targets;

/// <summary>
/// An implementation under test: where it is, what it implements and supports, the values scenarios may
/// ask of it, and how a session is started on it. The mock and a real server differ only here.
/// </summary>
public interface ITarget : IAsyncDisposable
{
    string Name { get; }
    string Kind { get; }
    Uri BaseAddress { get; }
    HttpClient Http { get; }

    /// <summary>
    /// The levels of obligation whose findings fail a check here; findings of the other levels are warnings.
    /// The mock is held to every level; a real target to its profile's <c>gate</c> (vendor and must by default).
    /// </summary>
    IReadOnlySet<ObligationLevel> Gates => ObligationLevels.All;

    /// <summary>
    /// How long a rotated-away refresh token is still accepted, when the profile declares such a grace period:
    /// a reuse answered with success is then reported as "refused only after the grace period", not as no reuse
    /// detection. Null: none declared (<see cref="ReuseGraceSeconds"/>).
    /// </summary>
    TimeSpan? ReuseGracePeriod => ReuseGraceSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    bool Implements(string apiId);
    bool Has(string capability);
    string? Value(string name);

    /// <summary>A lifetime the target sets differently from the contract, if its profile says so.</summary>
    int? Lifetime(string realm, TokenKind kind);

    /// <summary>The path the target serves an operation at (profiles may move the token endpoint).</summary>
    string PathOf(Operation operation);

    Task AdvanceClockAsync(long seconds, CancellationToken cancel);

    /// <summary>Where the client credentials travel (the profile's <c>client-auth</c>); the mock follows the contract.</summary>
    ClientAuthentication ClientAuth { get; }

    /// <summary>The secret of a client the target values name (client-id → client-secret, second-client-id → second-client-secret…), or null.</summary>
    string? ClientSecretOf(string clientId);

    /// <summary>The profile's <c>reuse-grace-seconds</c>: how long a rotated-away refresh token is still accepted; null when not at all.</summary>
    int? ReuseGraceSeconds { get; }

    /// <summary>
    /// Lets a declared reuse grace period run out before a rotated-away token is presented again: on the virtual
    /// clock where the target has clock-control, in real time when it is short (at most <see cref="ReuseGrace.MaxRealWaitSeconds"/>),
    /// else the check is skipped with the reason. Does nothing without a grace period.
    /// </summary>
    Task WaitOutReuseGraceAsync(TimeProvider time, CancellationToken cancel);

    /// <summary>Starts a session when the profile says how, other than by the contract's issue operation; null means "use the issue operation".</summary>
    Task<string?> BootstrapTokenResponseAsync(string realm, CancellationToken cancel);
}
