using Harness.Conformance.Targets;
using Harness.Scenarios.Model;
using Harness.Scenarios.Profiles;

namespace Harness.Conformance.Tests.Running;

/// <summary>A target that is never called: the evaluator's tests hand it answers directly.</summary>
internal sealed class StubTarget(IReadOnlyDictionary<string, string>? values = null) : ITarget
{
    public string Name => "stub";
    public string Kind => "stub";
    public Uri BaseAddress { get; } = new("http://127.0.0.1:9/");
    public HttpClient Http { get; } = new();
    public bool Implements(string apiId) => true;
    public bool Has(string capability) => true;
    public string? Value(string name) => values?.GetValueOrDefault(name);
    public int? Lifetime(string realm, TokenKind kind) => null;
    public string PathOf(Operation operation) => operation.Path;
    public Task AdvanceClockAsync(long seconds, CancellationToken cancel) => Task.CompletedTask;
    public ClientAuthentication ClientAuth => ClientAuthentication.AsContract;
    public string? ClientSecretOf(string clientId) => null;
    public int? ReuseGraceSeconds => null;
    public Task WaitOutReuseGraceAsync(TimeProvider time, CancellationToken cancel) => Task.CompletedTask;
    public Task<string?> BootstrapTokenResponseAsync(string realm, CancellationToken cancel) => Task.FromResult<string?>(null);

    public ValueTask DisposeAsync()
    {
        Http.Dispose();
        return ValueTask.CompletedTask;
    }
}
