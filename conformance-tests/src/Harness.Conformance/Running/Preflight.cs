using System.Net.Http;
using Harness.Conformance.Targets;
using Harness.Scenarios.Model;
using Harness.Scenarios.Redaction;

namespace Harness.Conformance.Running;

/// <summary>
/// Reaches the target once before any check: its secrets are set, its host resolves, a connection (and TLS) is made,
/// and a first session starts for every realm the profile's APIs use. When one of these fails, every check would fail
/// the same way and blame a rule; instead the run stops with this one message and a non-zero exit.
/// </summary>
public static class Preflight
{
    /// <summary>Null when the target can be checked; else the one message that says what to fix.</summary>
    public static async Task<string?> CheckAsync(ContractSet contracts, ITarget target, Redactor redactor, TimeProvider? time = null, CancellationToken cancel = default)
    {
        time ??= TimeProvider.System;
        if (target is ProfileTarget { MissingSecrets.Count: > 0 } profile)
            return "the profile names secrets whose environment variables are not set: " +
                   string.Join(", ", profile.MissingSecrets.Select(m => $"{m.Variable} (secrets.{m.Name})")) +
                   ". Export them (e.g. from the CI secret store), or remove the entries from 'secrets'.";

        if (await ReachAsync(target, cancel) is { } unreachable) return unreachable;

        var realms = contracts.Apis.Where(a => target.Implements(a.Id)).Select(a => a.Realm).Distinct(StringComparer.Ordinal);
        foreach (var realm in realms)
            if (await StartSessionAsync(contracts, target, realm, redactor, time, cancel) is { } failed) return failed;
        return null;
    }

    /// <summary>One GET of the base URL: any HTTP answer (404 included) shows DNS, connection and TLS work.</summary>
    private static async Task<string?> ReachAsync(ITarget target, CancellationToken cancel)
    {
        var url = target.BaseAddress;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await target.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return null;
        }
        catch (HttpRequestException e)
        {
            var inner = Innermost(e);
            return e.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => $"cannot reach {url}: the host name '{url.Host}' does not resolve (DNS: {inner}). Check base-url.",
                HttpRequestError.ConnectionError => $"cannot reach {url}: no connection to {url.Host}:{url.Port} ({inner}). Is the server running, and is base-url right?",
                HttpRequestError.SecureConnectionError =>
                    $"cannot reach {url}: the TLS handshake failed ({inner}). If the host uses a private CA, add it to this machine's trust store, " +
                    "or set 'tls-verify: false' in the profile (staging only); if the server speaks plain HTTP, write base-url with http://.",
                _ => $"cannot reach {url}: {e.Message} ({inner})",
            };
        }
        catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
        {
            return $"cannot reach {url}: no answer within 15 s. Is base-url right, and is a proxy or firewall in the way?";
        }
    }

    /// <summary>A first session, as the scenarios start theirs: the profile's bootstrap command, else the contract's issue operation.</summary>
    private static async Task<string?> StartSessionAsync(ContractSet contracts, ITarget target, string realm, Redactor redactor, TimeProvider time, CancellationToken cancel)
    {
        if (contracts.IssueOperation(realm) is not { } issue) return null;
        string? bootstrapped;
        try
        {
            bootstrapped = await target.BootstrapTokenResponseAsync(realm, cancel);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            return $"the first session of realm '{realm}' could not be started: {redactor.Redact(e.Message)}";
        }
        if (bootstrapped is not null)
        {
            var started = StepResult.FromTokenResponse(bootstrapped, AnsweringOperation(contracts, realm, issue), time);
            return started.Slots.ContainsKey(Slot.RefreshToken) ? null
                : $"the first session of realm '{realm}' could not be started: the bootstrap command's output has no refresh token " +
                  $"where {issue.QualifiedId} answers one: {Abbreviate(redactor.Redact(bootstrapped))}";
        }

        var context = new ScenarioContext(contracts, target, realm);
        PreparedRequest prepared;
        try
        {
            prepared = new RequestBuilder(context).Build(issue, new Dictionary<Slot, ValueExpression>(), Mutation.None);
        }
        catch (ScenarioSkipped)
        {
            // An unserved issue operation, or a value the profile lacks: the scenarios that need a session skip with that reason.
            return null;
        }
        using (prepared.Message)
        {
            try
            {
                using var response = await target.Http.SendAsync(prepared.Message, cancel);
                var body = await response.Content.ReadAsStringAsync(cancel);
                var result = StepResult.From(response, body, issue, time);
                if (result.IsSuccess && result.Slots.ContainsKey(Slot.RefreshToken)) return null;
                return $"the first session of realm '{realm}' could not be started ({issue.QualifiedId}, bootstrap kind: issue): " +
                       $"{prepared.Record.Method} {prepared.Record.Url} → {result.Status} {Abbreviate(redactor.Redact(body))}" +
                       (result.IsSuccess ? " (no refresh token in the answer: does the grant need a scope such as offline_access in values.scope?)"
                           : ". Check the profile's values and secrets (client, user, scope) and its paths.");
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancel.IsCancellationRequested)
            {
                return $"the first session of realm '{realm}' could not be started: {prepared.Record.Method} {prepared.Record.Url} failed: {e.Message} ({Innermost(e)})";
            }
        }
    }

    private static Operation AnsweringOperation(ContractSet contracts, string realm, Operation issue) =>
        issue.Response.FieldFor(Slot.RefreshToken) is not null ? issue
            : contracts.Apis.Where(a => a.Realm == realm).SelectMany(a => a.Operations).First(o => o.Role == OperationRole.Refresh);

    private static string Innermost(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return inner.Message;
    }

    private static string Abbreviate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
