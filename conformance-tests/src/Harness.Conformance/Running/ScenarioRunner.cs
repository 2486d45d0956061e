using System.Diagnostics;
using Harness.Conformance.Targets;
using Harness.Reports;
using Harness.Scenarios.Loading;
using Harness.Scenarios.Model;
using Harness.Scenarios.Redaction;

namespace Harness.Conformance.Running;

/// <summary>
/// Runs one scenario against one target and returns its verdict as a check: pass, fail (with every
/// failed expectation and the transcript), warning (only findings whose level the target's gate leaves out), or
/// skip (with the reason). It never throws for the target's behaviour: a connection error or a body that is not
/// JSON is a failure, reported precisely. A finding of another rule than the scenario's own (an error code seen on
/// the way) decides nothing here: it goes to <see cref="CheckResult.SeenOnTheWay"/>, for <see cref="RuleRollup"/>.
/// </summary>
public sealed class ScenarioRunner
{
    private readonly ContractSet _contracts;
    private readonly ITargetSource _targets;
    private readonly Redactor _redactor;
    private readonly TimeProvider _time;

    public ScenarioRunner(ContractSet contracts, ITargetSource targets, Redactor redactor, TimeProvider? time = null)
    {
        _contracts = contracts;
        _targets = targets;
        _redactor = redactor;
        _time = time ?? TimeProvider.System;
        // The target's own secrets (the mock's fake ones too) are masked wherever they would be printed.
        foreach (var name in contracts.Catalog.TargetValues.Keys.Where(SecretValues.IsSecret))
            redactor.AddKnownSecret(targets.Shared.Value(name));
    }

    public async Task<CheckResult> RunAsync(Scenario scenario, CancellationToken cancel = default)
    {
        var started = Stopwatch.GetTimestamp();
        var transcript = new List<Exchange>();
        var failures = new List<CheckFailure>();
        string? skipped = SkipReason(scenario, _targets.Shared);
        if (skipped is null)
        {
            var (target, owned) = await _targets.ForScenarioAsync(scenario, cancel);
            try
            {
                await RunStepsAsync(scenario, target, transcript, failures, cancel);
            }
            catch (ScenarioSkipped skip)
            {
                skipped = skip.Message;
            }
            catch (StepFailed stop)
            {
                failures.Add(stop.Failure);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
            {
                // Whatever goes wrong in the runner, the check still has a verdict, and the run goes on.
                failures.Add(Failure("runner", "the scenario runs to its end", "no error", $"{e.GetType().Name}: {e.Message}", scenario));
            }
            finally
            {
                if (owned) await target.DisposeAsync();
            }
        }

        var gates = _targets.Shared.Gates;
        // A finding without a level (a set-up that broke, a runner error) always gates: the check did not get to its rule.
        var judged = failures.Select(f => f with { Warning = f.Level is { } l && !gates.Contains(Levels.Of(l)) }).ToList();
        var own = judged.Where(f => f.Rule is null || scenario.Covers.Contains(f.Rule)).OrderBy(f => f.Warning).ToList();
        var seen = judged.Where(f => f.Rule is not null && !scenario.Covers.Contains(f.Rule)).ToList();
        var verdict = skipped is not null ? Verdict.Skip
            : own.Any(f => !f.Warning) ? Verdict.Fail
            : own.Count > 0 ? Verdict.Warning
            : Verdict.Pass;
        if (verdict == Verdict.Skip) seen.Clear();
        return new CheckResult
        {
            Id = scenario.QualifiedId,
            Api = scenario.ApiId,
            Operation = scenario.FocusOperation,
            Scenario = scenario.Id,
            Title = scenario.Title,
            Rules = scenario.Covers,
            Severity = scenario.Severity == Severity.Contract ? CheckSeverity.Contract : CheckSeverity.BestPractice,
            Level = Levels.Of(scenario.Level),
            Sources = [scenario.Provenance.ToString()],
            Verdict = verdict,
            Reason = skipped ?? (own.Count > 0 ? _redactor.Redact($"{(own[0].Warning ? "warning: " : "")}{own[0].Expectation}: expected {own[0].Expected}, got {own[0].Actual}") : null),
            Failures = [.. own.Select(Redact)],
            SeenOnTheWay = [.. seen.Select(Redact)],
            Transcript = [.. transcript.Select(Redact)],
            DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        };
    }

    /// <summary>Why a scenario cannot run on this target at all, known before it starts.</summary>
    private static string? SkipReason(Scenario scenario, ITarget target)
    {
        var apis = scenario.Steps.OfType<CallStep>().Select(c => c.ApiId).Prepend(scenario.ApiId).Distinct();
        if (apis.FirstOrDefault(a => !target.Implements(a)) is { } missingApi) return $"the target does not implement {missingApi}";
        if (scenario.Requires.FirstOrDefault(c => !target.Has(c)) is { } capability) return $"the target lacks the '{capability}' capability";
        return null;
    }

    private async Task RunStepsAsync(Scenario scenario, ITarget target, List<Exchange> transcript, List<CheckFailure> failures, CancellationToken cancel)
    {
        var realm = _contracts.Api(scenario.ApiId)!.Realm;
        var context = new ScenarioContext(_contracts, target, realm);
        var evaluator = new ExpectationEvaluator(_contracts, context, scenario.Level);
        var number = 0;
        foreach (var step in scenario.Steps)
        {
            number++;
            var label = $"step {number} ({step.Describe()})";
            switch (step)
            {
                case AdvanceClockStep advance:
                    var seconds = context.Evaluate(advance.Seconds) is { } node && ValueExpression.TryNumber(node, out var s) ? (long)s
                        : throw new StepFailed(Failure(label, "clock advance", advance.Seconds.Text, "no value", scenario));
                    await target.AdvanceClockAsync(seconds, cancel);
                    break;
                case SessionStep session:
                    var sessionRealm = session.Realm.Length == 0 ? realm : session.Realm;
                    var issue = _contracts.IssueOperation(sessionRealm)!;
                    string? bootstrapped;
                    try
                    {
                        bootstrapped = await target.BootstrapTokenResponseAsync(sessionRealm, cancel);
                    }
                    catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
                    {
                        throw new StepFailed(Failure(label, "session start (set-up)", "a token response from the profile's bootstrap", e.Message, scenario));
                    }
                    StepResult started;
                    if (bootstrapped is not null)
                    {
                        started = StepResult.FromTokenResponse(bootstrapped, AnsweringOperation(sessionRealm, issue), _time);
                        transcript.Add(new Exchange
                        {
                            Step = label,
                            Request = new ExchangeRequest { Method = BootstrapMethod, Url = target.BaseAddress.ToString() },
                            Response = new ExchangeResponse { Body = bootstrapped },
                            Curl = "(the target profile's bootstrap command)",
                        });
                    }
                    else started = await SendAsync(issue, session.With, Mutation.None, context, label, transcript, cancel);
                    if (!started.IsSuccess || !started.Slots.ContainsKey(Slot.RefreshToken))
                        throw new StepFailed(Failure(label, "session start (set-up)", $"2xx with a refresh token from {issue.QualifiedId}",
                            bootstrapped is not null ? $"the bootstrap command's output has no refresh token: {Abbreviate(started.BodyText)}"
                                : $"{started.Status} {Abbreviate(started.BodyText)}", scenario));
                    foreach (var token in started.Slots.Where(kv => kv.Key is Slot.AccessToken or Slot.RefreshToken)) _redactor.AddKnownSecret(StepResult.Text(token.Value));
                    context.Record(session.Name, started);
                    break;
                case CallStep call:
                    var operation = _contracts.Operation(call.ApiId, call.OperationId)!;
                    if (call.Outcome?.Condition == Condition.TokenReused) await target.WaitOutReuseGraceAsync(_time, cancel);
                    var result = await SendAsync(operation, call.With, call.Mutate, context, label, transcript, cancel);
                    foreach (var token in result.Slots.Where(kv => kv.Key is Slot.AccessToken or Slot.RefreshToken)) _redactor.AddKnownSecret(StepResult.Text(token.Value));
                    context.Record(call.StepId, result);
                    if (call.IsSetUp)
                    {
                        if (!result.IsSuccess)
                            throw new StepFailed(Failure(label, "set-up call", "a 2xx answer", $"{result.Status} {Abbreviate(result.BodyText)}", scenario));
                        break;
                    }
                    if (call.ExpectedOutcome(operation) is { } outcome)
                        failures.AddRange(evaluator.Outcome(operation, outcome, result, label).Select(f => WithinGracePeriod(f, outcome, result, target)));
                    else if (!result.IsSuccess)
                    {
                        // Checks without an outcome are about the answer's content, and need an answer: any 2xx.
                        failures.Add(Failure(label, "a successful answer to check", "a 2xx answer", $"{result.Status} {Abbreviate(result.BodyText)}", scenario));
                        break;
                    }
                    foreach (var check in call.Checks) failures.AddRange(evaluator.Check(operation, check, result, label));
                    break;
            }
        }
    }

    /// <summary>
    /// A reused token that refreshed although the profile declares a reuse grace period: the target may refuse reuse
    /// only after it, which is not the same as not detecting reuse, and the failure says so.
    /// </summary>
    private static CheckFailure WithinGracePeriod(CheckFailure failure, Outcome outcome, StepResult result, ITarget target) =>
        outcome.When is Condition.TokenReused or Condition.TokenRevoked && result.IsSuccess && target.ReuseGracePeriod is { } grace
            ? failure with
            {
                Actual = $"{failure.Actual}: reuse refused only after the grace period — the profile declares a reuse grace period of " +
                         $"{grace.TotalSeconds:0} s and the token was presented again within it",
            }
            : failure;

    /// <summary>A token response from a bootstrap is read by the issue operation's fields, or else by the realm's refresh operation's.</summary>
    private Operation AnsweringOperation(string realm, Operation issue) =>
        issue.Response.FieldFor(Slot.RefreshToken) is not null ? issue
            : _contracts.Apis.Where(a => a.Realm == realm).SelectMany(a => a.Operations).First(o => o.Role == OperationRole.Refresh);

    private async Task<StepResult> SendAsync(Operation operation, IReadOnlyDictionary<Slot, ValueExpression> with, Mutation mutate,
        ScenarioContext context, string label, List<Exchange> transcript, CancellationToken cancel)
    {
        var prepared = new RequestBuilder(context).Build(operation, with, mutate);
        try
        {
            using var response = await context.Target.Http.SendAsync(prepared.Message, cancel);
            var body = await response.Content.ReadAsStringAsync(cancel);
            var result = StepResult.From(response, body, operation, _time);
            transcript.Add(new Exchange
            {
                Step = label,
                Request = prepared.Record,
                Response = new ExchangeResponse { Status = result.Status, Headers = result.Headers, Body = body },
                Curl = CurlCommand.From(prepared.Record),
            });
            return result;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancel.IsCancellationRequested)
        {
            transcript.Add(new Exchange
            {
                Step = label,
                Request = prepared.Record,
                Response = new ExchangeResponse { Error = $"{e.GetType().Name}: {e.Message}" },
                Curl = CurlCommand.From(prepared.Record),
            });
            throw new StepFailed(new CheckFailure { Expectation = $"{label}: an HTTP answer", Expected = "a response", Actual = $"{e.GetType().Name}: {e.Message}", Source = operation.Provenance.ToString() });
        }
        finally
        {
            prepared.Message.Dispose();
        }
    }

    private static CheckFailure Failure(string step, string expectation, string expected, string actual, Scenario scenario) =>
        new() { Expectation = $"{step}: {expectation}", Expected = expected, Actual = actual, Source = scenario.Provenance.ToString() };

    private CheckFailure Redact(CheckFailure failure) => failure with
    {
        Expected = _redactor.Redact(failure.Expected),
        Actual = _redactor.Redact(failure.Actual),
    };

    private Exchange Redact(Exchange exchange)
    {
        var request = exchange.Request with
        {
            Url = _redactor.Redact(exchange.Request.Url),
            Headers = exchange.Request.Headers.ToDictionary(h => h.Key, h => _redactor.Redact(_redactor.MaskHeader(h.Key, h.Value))),
            Body = exchange.Request.Body is null ? null : _redactor.Redact(exchange.Request.Body),
        };
        return exchange with
        {
            Request = request,
            Response = exchange.Response with
            {
                Headers = exchange.Response.Headers.ToDictionary(h => h.Key, h => _redactor.Redact(_redactor.MaskHeader(h.Key, h.Value))),
                Body = exchange.Response.Body is null ? null : _redactor.Redact(exchange.Response.Body),
            },
            Curl = request.Method == BootstrapMethod ? exchange.Curl : CurlCommand.From(request),
        };
    }

    /// <summary>The transcript's method for a session a bootstrap command started: no HTTP request to replay.</summary>
    private const string BootstrapMethod = "COMMAND";

    private static string Abbreviate(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private sealed class StepFailed(CheckFailure failure) : Exception(failure.Expectation)
    {
        public CheckFailure Failure { get; } = failure;
    }
}
