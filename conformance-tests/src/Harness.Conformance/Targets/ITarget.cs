using Harness.Scenarios.Model;

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

    bool Implements(string apiId);
    bool Has(string capability);
    string? Value(string name);

    /// <summary>A lifetime the target sets differently from the contract, if its profile says so.</summary>
    int? Lifetime(string realm, TokenKind kind);

    /// <summary>The path the target serves an operation at (profiles may move the token endpoint).</summary>
    string PathOf(Operation operation);

    Task AdvanceClockAsync(long seconds, CancellationToken cancel);

    /// <summary>Starts a session when the profile says how, other than by the contract's issue operation; null means "use the issue operation".</summary>
    Task<string?> BootstrapTokenResponseAsync(string realm, CancellationToken cancel);
}
