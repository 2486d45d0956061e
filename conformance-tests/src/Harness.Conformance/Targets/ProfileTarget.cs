using System.Diagnostics;
using Harness.Conformance.Running;
using Harness.Scenarios.Model;
using Harness.Scenarios.Redaction;
using Harness.Scenarios.Profiles;

namespace Harness.Conformance.Targets;

/// <summary>A real server described by a <see cref="TargetProfile"/>. Its secrets come from the environment and are registered with the redactor before any request is sent.</summary>
public sealed class ProfileTarget : ITarget
{
    /// <summary>Each client id target value and the secret target value that goes with it.</summary>
    private static readonly (string Id, string Secret)[] ClientPairs =
        [("client-id", "client-secret"), ("second-client-id", "second-client-secret"), ("restricted-client-id", "restricted-client-secret")];

    private readonly TargetProfile _profile;
    private readonly Redactor _redactor;
    private readonly Dictionary<string, string> _values;
    private readonly List<(string Name, string Variable)> _missingSecrets = [];

    public ProfileTarget(TargetProfile profile, Redactor redactor)
    {
        _profile = profile;
        _redactor = redactor;
        _values = new Dictionary<string, string>(profile.Values, StringComparer.Ordinal);
        foreach (var (name, variable) in profile.SecretVariables)
        {
            if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } secret)
            {
                _missingSecrets.Add((name, variable));
                continue;
            }
            redactor.AddKnownSecret(secret);
            _values[name] = secret;
        }
        var handler = new HttpClientHandler();
        // Verification stays on unless the profile turns it off for a staging host with a private CA.
        if (!profile.VerifyTls) handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
        Http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The secrets the profile names whose environment variables are unset or empty: the preflight refuses to start without them.</summary>
    public IReadOnlyList<(string Name, string Variable)> MissingSecrets => _missingSecrets;

    public ClientAuthentication ClientAuth => _profile.ClientAuth;
    public int? ReuseGraceSeconds => _profile.ReuseGraceSeconds;

    public string? ClientSecretOf(string clientId) =>
        ClientPairs.Where(p => Value(p.Id) == clientId).Select(p => Value(p.Secret)).FirstOrDefault(s => s is not null);

    public Task WaitOutReuseGraceAsync(TimeProvider time, CancellationToken cancel) => ReuseGrace.WaitOutAsync(this, ReuseGraceSeconds, time, cancel);

    public string Name => _profile.Name;
    public string Kind => "profile";
    public Uri BaseAddress => _profile.BaseUrl;
    public HttpClient Http { get; }

    public IReadOnlySet<ObligationLevel> Gates => _profile.Gate ?? ObligationLevels.Binding;

    public bool Implements(string apiId) => _profile.Apis.Contains(apiId);
    public bool Has(string capability) => _profile.Capabilities.Contains(capability);
    public string? Value(string name) => _values.GetValueOrDefault(name);
    public int? Lifetime(string realm, TokenKind kind) => _profile.Lifetimes.TryGetValue(realm, out var byKind) && byKind.TryGetValue(kind, out var s) ? s : null;

    /// <summary>The profile's path for the operation, else the contract's; an operation the profile lists under <c>unserved</c> skips the scenario.</summary>
    public string PathOf(Operation operation) =>
        _profile.UnservedReason(operation.QualifiedId) is { } reason
            ? throw new ScenarioSkipped($"the target does not serve {operation.QualifiedId}: {reason}")
            : _profile.Paths.GetValueOrDefault(operation.QualifiedId) ?? operation.Path;

    public Task AdvanceClockAsync(long seconds, CancellationToken cancel) =>
        throw new InvalidOperationException("a real target's clock cannot be moved; scenarios that need it require clock-control");

    /// <summary>
    /// Runs the profile's bootstrap command with <c>/bin/sh -c</c> in the profile's folder. <c>${base-url}</c> is
    /// replaced by the base URL without its trailing slash, <c>${target.NAME}</c> by the plain value NAME, single-quoted
    /// for the shell. The command must print a token response (JSON) on stdout within 30 s.
    /// </summary>
    public async Task<string?> BootstrapTokenResponseAsync(string realm, CancellationToken cancel)
    {
        if (_profile.Bootstrap.Kind != BootstrapKind.Command) return null;
        var command = _profile.Bootstrap.Command!.Replace("${base-url}", _profile.BaseUrl.ToString().TrimEnd('/'), StringComparison.Ordinal);
        command = ProfileReader.TargetReference().Replace(command, m =>
            _profile.Values.TryGetValue(m.Groups["name"].Value, out var value) ? ShellQuote(value) : m.Value);
        var start = new ProcessStartInfo("/bin/sh", ["-c", command])
        {
            WorkingDirectory = _profile.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancel.IsCancellationRequested) throw;
            throw new BootstrapFailed(_redactor, "did not finish within 30 s (killed)", command, null, await output, await error);
        }
        var printed = (await output).Trim();
        if (process.ExitCode != 0) throw new BootstrapFailed(_redactor, $"exited with code {process.ExitCode}", command, process.ExitCode, printed, await error);
        if (!LooksLikeTokenResponse(printed))
            throw new BootstrapFailed(_redactor, "exited 0 but printed no token response (a JSON object) on stdout", command, 0, printed, await error);
        return printed;
    }

    private static bool LooksLikeTokenResponse(string text)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(text) is System.Text.Json.Nodes.JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public ValueTask DisposeAsync()
    {
        Http.Dispose();
        return ValueTask.CompletedTask;
    }
}
