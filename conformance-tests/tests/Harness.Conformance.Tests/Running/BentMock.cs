using System.Net;
using Harness.Conformance.Targets;
using Harness.Scenarios.Model;
using Harness.Scenarios.Profiles;

namespace Harness.Conformance.Tests.Running;

/// <summary>The mock, with the <paramref name="last"/>th request of the scenario answered as <paramref name="rewrite"/> says.</summary>
internal sealed class BentTargetSource(ITargetSource inner, int last, ScenarioRunnerTests.Rewrite rewrite, IReadOnlySet<ObligationLevel>? gates = null) : ITargetSource
{
    public ITarget Shared => gates is null ? inner.Shared : new BentTarget(inner.Shared, false, inner.Shared.Http, gates);

    public async Task<(ITarget Target, bool Owned)> ForScenarioAsync(Scenario scenario, CancellationToken cancel)
    {
        var (target, owned) = await inner.ForScenarioAsync(scenario, cancel);
        return (new BentTarget(target, owned, new HttpClient(new Bender(target.Http, last, rewrite)), gates), true);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

internal sealed class BentTarget(ITarget inner, bool ownsInner, HttpClient http, IReadOnlySet<ObligationLevel>? gates = null) : ITarget
{
    public IReadOnlySet<ObligationLevel> Gates => gates ?? inner.Gates;
    public string Name => inner.Name;
    public string Kind => inner.Kind;
    public Uri BaseAddress => inner.BaseAddress;
    public HttpClient Http => http;
    public bool Implements(string apiId) => inner.Implements(apiId);
    public bool Has(string capability) => inner.Has(capability);
    public string? Value(string name) => inner.Value(name);
    public int? Lifetime(string realm, TokenKind kind) => inner.Lifetime(realm, kind);
    public string PathOf(Operation operation) => inner.PathOf(operation);
    public Task AdvanceClockAsync(long seconds, CancellationToken cancel) => inner.AdvanceClockAsync(seconds, cancel);
    public ClientAuthentication ClientAuth => inner.ClientAuth;
    public string? ClientSecretOf(string clientId) => inner.ClientSecretOf(clientId);
    public int? ReuseGraceSeconds => inner.ReuseGraceSeconds;
    public Task WaitOutReuseGraceAsync(TimeProvider time, CancellationToken cancel) => inner.WaitOutReuseGraceAsync(time, cancel);
    public Task<string?> BootstrapTokenResponseAsync(string realm, CancellationToken cancel) => inner.BootstrapTokenResponseAsync(realm, cancel);

    public async ValueTask DisposeAsync()
    {
        if (!ReferenceEquals(http, inner.Http)) http.Dispose();
        if (ownsInner) await inner.DisposeAsync();
    }
}

internal sealed class Bender(HttpClient inner, int last, ScenarioRunnerTests.Rewrite rewrite) : HttpMessageHandler
{
    private int _sent;
    private string _lastSuccess = "{}";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The outer client has marked the request sent; the inner one takes a copy.
        using var copy = new HttpRequestMessage(request.Method, request.RequestUri);
        foreach (var (name, values) in request.Headers) copy.Headers.TryAddWithoutValidation(name, values);
        if (request.Content is not null)
        {
            copy.Content = new ByteArrayContent(await request.Content.ReadAsByteArrayAsync(cancellationToken));
            foreach (var (name, values) in request.Content.Headers) copy.Content.Headers.TryAddWithoutValidation(name, values);
        }
        var response = await inner.SendAsync(copy, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (++_sent < last)
        {
            if (response.IsSuccessStatusCode) _lastSuccess = body;
            return Rebuilt(response, response.StatusCode, body);
        }
        var (status, bentBody) = rewrite(response.StatusCode, body, _lastSuccess);
        return Rebuilt(response, status, bentBody);
    }

    private static HttpResponseMessage Rebuilt(HttpResponseMessage original, HttpStatusCode status, string body)
    {
        var rebuilt = new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        foreach (var (name, values) in original.Headers) rebuilt.Headers.TryAddWithoutValidation(name, values);
        original.Dispose();
        return rebuilt;
    }
}
