using Harness.Scenarios.Model;

namespace Harness.Scenarios.Loading;

/// <summary>
/// Checks what no single file can: that scenarios name operations, steps, outcomes, slots and target
/// values that exist, and that every documented outcome of every operation is checked by some scenario.
/// What a reader could not read (<see cref="ReadGaps"/>) was reported where it is; the checks that would only
/// miss it are skipped, so that one defect yields one diagnostic.
/// </summary>
internal sealed class CrossReferenceValidator(ContractSet set, List<Diagnostic> diagnostics, ReadGaps? gaps = null, Func<string, bool>? fileExists = null)
{
    private static readonly string[] StepPaths = ["body", "header", "claims", "status", "time"];

    private readonly ReadGaps _gaps = gaps ?? new ReadGaps();

    /// <summary>Expectations that name an outcome the operation does not declare (reported): they may have meant any outcome of that condition.</summary>
    private readonly HashSet<(Operation, Condition)> _unresolved = [];

    public void Validate()
    {
        ValidateContracts();
        foreach (var group in set.Scenarios.GroupBy(s => s.QualifiedId).Where(g => g.Count() > 1))
            foreach (var duplicate in group.Skip(1)) Report(duplicate.IdWhere, $"scenario id '{duplicate.Id}' is used twice in API '{duplicate.ApiId}'");
        foreach (var scenario in set.Scenarios) ValidateScenario(scenario);
        ValidateCoverage();
    }

    private void ValidateContracts()
    {
        foreach (var group in set.Apis.GroupBy(a => a.Id).Where(g => g.Count() > 1))
            foreach (var duplicate in group.Skip(1)) Report(duplicate.Where, $"API id '{duplicate.Id}' is declared twice");

        foreach (var realm in set.Apis.GroupBy(a => a.Realm))
        {
            // A contract that could not be read may be the one with the realm's token policy or issue operation.
            var complete = !_gaps.ContractUnreadable && !realm.Any(a => _gaps.ApisWithUnreadableOperations.Contains(a.Id));
            var policies = realm.Where(a => a.Tokens is not null).ToList();
            if (policies.Count == 0 && complete)
                Report(realm.First().Where, $"realm '{realm.Key}' has no token policy: one contract of the realm must declare 'tokens'");
            foreach (var extra in policies.Skip(1))
                Report(extra.Tokens!.Where, $"realm '{realm.Key}' already has its token policy in '{policies[0].Id}': declare it once");
            if (complete && !realm.SelectMany(a => a.Operations).Any(o => o.Role == OperationRole.Issue))
                Report(realm.First().Where, $"realm '{realm.Key}' has no operation with 'role: issue', so no session can be started");
        }

        foreach (var api in set.Apis)
        foreach (var operation in api.Operations)
        {
            var successes = operation.Outcomes.Where(o => o.When == Condition.Success).ToList();
            // More than one is reported below as a duplicate; none may be an outcome that could not be read.
            if (successes.Count == 0 && !_gaps.OperationsWithUnreadableOutcomes.Contains(operation))
                Report(operation.Where, $"operation '{operation.QualifiedId}' must declare exactly one 'when: success' outcome, not {successes.Count}");
            else if (successes.Count > 0 && successes[0].Status != operation.Response.Status && !_gaps.OperationsWithUnreadableResponseStatus.Contains(operation))
                Report(successes[0].Where, $"the success outcome says {successes[0].Status} but the response says {operation.Response.Status}");
            foreach (var outcome in operation.Outcomes.Where(o => o.Field is not null && !HasField(operation, o.Field)))
                Report(outcome.Where, $"outcome field '{outcome.Field}' is not a request field of '{operation.QualifiedId}'");
            foreach (var duplicate in operation.Outcomes.GroupBy(o => (o.When, o.Field?.ToLowerInvariant())).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
                Report(duplicate.Where, $"'{duplicate.Describe()}' already has an outcome in '{operation.QualifiedId}'");
            if (ErrorBody.CodePath(api.ErrorShape) is not null)
                foreach (var outcome in operation.Outcomes.Where(o => o.When != Condition.Success && o.ErrorCode is null))
                    Report(outcome.Where, $"'{outcome.Describe()}' needs an 'error' code: the API's error shape is {KebabName.Of(api.ErrorShape)}");
            var policy = set.Policy(api.Realm);
            foreach (var field in operation.Response.Fields.Where(f => f.LifetimeOf is { } k && policy?.LifetimeOf(k) is null))
                Report(field.Where, $"response field '{field.Path}' equals the {KebabName.Of(field.LifetimeOf!.Value)} lifetime, which realm '{api.Realm}' does not declare");
        }
    }

    private void ValidateScenario(Scenario scenario)
    {
        if (set.Api(scenario.ApiId) is not { } api)
        {
            // A missing 'api' was reported already; an unreadable contract may be the one it names.
            if (scenario.ApiId.Length > 0 && !_gaps.ContractUnreadable)
                Report(scenario.Where, $"API '{scenario.ApiId}' has no contract (known: {string.Join(", ", set.Apis.Select(a => a.Id))})");
            return;
        }
        // Without a catalog (reported once) no rule family or capability can be checked.
        var unknownCapability = false;
        if (!_gaps.CatalogUnreadable)
        {
            for (var i = 0; i < scenario.Covers.Count; i++)
                if (!set.Catalog.Rules.ContainsKey(scenario.Covers[i]))
                    Report(scenario.CoverWhere(i), $"'covers' names '{scenario.Covers[i]}', which is not a rule family in catalog.yaml");
            for (var i = 0; i < scenario.Requires.Count; i++)
            {
                if (set.Catalog.Capabilities.ContainsKey(scenario.Requires[i])) continue;
                Report(scenario.RequireWhere(i), $"'requires' names '{scenario.Requires[i]}', which is not a capability in catalog.yaml");
                unknownCapability = true;
            }
        }
        // A capability already reported as unknown (or unreadable) may be a misspelt clock-control.
        if (scenario.NeedsClock && !scenario.Requires.Contains("clock-control") && !unknownCapability
            && !_gaps.ScenariosWithUnreadableRequires.Contains(scenario))
            Report(scenario.Where, "a scenario that advances the clock must say 'requires: [clock-control]'");

        var defined = new Dictionary<string, ScenarioStep>(StringComparer.Ordinal);
        foreach (var step in scenario.Steps)
        {
            switch (step)
            {
                case SessionStep session:
                    var realm = session.Realm.Length == 0 ? api.Realm : session.Realm;
                    // A realm with contracts but no issue operation is reported once, at the realm (ValidateContracts).
                    if (set.IssueOperation(realm) is null && !set.Apis.Any(a => a.Realm == realm) && !_gaps.ContractUnreadable)
                        Report(step.Where, $"realm '{realm}' has no issue operation to start a session with");
                    CheckReferences(session.With.Values, defined, api.Realm, step, scenario);
                    break;
                case AdvanceClockStep advance:
                    CheckReferences([advance.Seconds], defined, api.Realm, step, scenario);
                    break;
                case CallStep call:
                    ValidateCall(call, defined, step, scenario);
                    break;
            }
            if (step.Id is { } id && !defined.TryAdd(id, step)) Report(step.IdWhere, $"step id '{id}' is already used in this scenario");
        }
    }

    private void ValidateCall(CallStep call, Dictionary<string, ScenarioStep> defined, ScenarioStep step, Scenario scenario)
    {
        if (set.Operation(call.ApiId, call.OperationId) is not { } operation)
        {
            // An API or operation that could not be read was reported where it is.
            var unread = set.Api(call.ApiId) is null ? _gaps.ContractUnreadable : _gaps.ApisWithUnreadableOperations.Contains(call.ApiId);
            var known = set.Api(call.ApiId)?.Operations.Select(o => o.Id) ?? [];
            if (!unread) Report(call.Where, $"operation '{call.ApiId}.{call.OperationId}' does not exist (known: {string.Join(", ", known)})");
            return;
        }
        var realm = set.Api(call.ApiId)!.Realm;
        foreach (var slot in call.With.Keys.Where(s => operation.FieldFor(s) is null))
            Report(call.WithWhere.TryGetValue(slot, out var key) ? key : call.With[slot].Where,
                $"'{operation.QualifiedId}' has no request field bound to '{KebabName.Of(slot)}'");
        CheckReferences(call.With.Values, defined, realm, step, scenario);
        for (var i = 0; i < call.Mutate.Omit.Count; i++)
            if (!HasField(operation, call.Mutate.Omit[i]))
                Report(call.Mutate.OmitAt(i, call.Where), $"'mutate' names '{call.Mutate.Omit[i]}', which is not a request field of '{operation.QualifiedId}'");
        foreach (var name in call.Mutate.Set.Keys.Where(n => !HasField(operation, n)))
            Report(call.Mutate.SetAt(name, call.Where), $"'mutate' names '{name}', which is not a request field of '{operation.QualifiedId}'");
        CheckReferences(call.Mutate.Set.Values, defined, realm, step, scenario);
        if (call.Mutate.BaseUrl is { } baseUrl) CheckReferences([baseUrl], defined, realm, step, scenario);

        if (call.Outcome is { } expected && call.ExpectedOutcome(operation) is null)
        {
            // Which outcome was meant is unknowable, so coverage does not report the ones of that condition.
            _unresolved.Add((operation, expected.Condition));
            // The field of a missing-field/missing-header outcome defaults to the first omitted name; when that name
            // was reported as unknown above, so is this. An outcome that could not be read may be the one meant.
            var omittedUnknown = expected.Field is null && call.OutcomeField is { } omitted && !HasField(operation, omitted);
            if (!omittedUnknown && !_gaps.OperationsWithUnreadableOutcomes.Contains(operation))
                Report(expected.Where, $"'{operation.QualifiedId}' declares no outcome for '{KebabName.Of(expected.Condition)}'" +
                                       (call.OutcomeField is { } f ? $" (field {f})" : "") + $"; it declares: {string.Join(", ", operation.Outcomes.Select(o => o.Describe()))}");
        }

        // Checks may refer to the step's own response, so it counts as defined while they are validated.
        var withSelf = new Dictionary<string, ScenarioStep>(defined);
        if (call.StepId is { } self) withSelf[self] = call;
        foreach (var check in call.Checks)
        {
            switch (check)
            {
                case HeaderExpectation header when !operation.Response.Headers.Any(h => string.Equals(h.Name, header.Name, StringComparison.OrdinalIgnoreCase)):
                    Report(check.Where, $"'{operation.QualifiedId}' declares no response header '{header.Name}' to check");
                    break;
                case JwtClaimsExpectation jwt:
                    CheckJwtSlot(operation, jwt.Token, check);
                    break;
                case JwtExpiryExpectation exp:
                    CheckJwtSlot(operation, exp.Token, check);
                    CheckReferences([exp.Lifetime], withSelf, realm, step, scenario);
                    break;
                case ComparisonExpectation comparison:
                    CheckReferences([comparison.Value, comparison.Other], withSelf, realm, step, scenario);
                    break;
                case SchemaExpectation schema when !(fileExists ?? File.Exists)(schema.SchemaPath):
                    Report(check.Where, $"schema file '{schema.SchemaPath}' does not exist");
                    break;
            }
        }
    }

    private void CheckJwtSlot(Operation operation, Slot slot, Expectation check)
    {
        if (operation.Response.FieldFor(slot) is not { } field)
            Report(check.Where, $"'{operation.QualifiedId}' has no response field bound to '{KebabName.Of(slot)}'");
        else if (!field.Types.Contains(FieldType.Jwt))
            Report(check.Where, $"'{field.Path}' of '{operation.QualifiedId}' is not declared as a jwt");
    }

    private void CheckReferences(IEnumerable<ValueExpression> expressions, Dictionary<string, ScenarioStep> defined, string realm, ScenarioStep step, Scenario scenario)
    {
        foreach (var reference in expressions.SelectMany(e => e.References))
        {
            var head = reference.Path.Count > 0 ? reference.Path[0] : "";
            switch (reference.Root)
            {
                case ValueReference.TargetRoot when !_gaps.CatalogUnreadable && !set.Catalog.TargetValues.ContainsKey(head):
                    Report(reference.Where, $"{reference} is not a target value in catalog.yaml (known: {string.Join(", ", set.Catalog.TargetValues.Keys)})");
                    break;
                case ValueReference.LifetimeRoot:
                    if (!KebabName.TryParse<TokenKind>(head, out var kind))
                        Report(reference.Where, $"{reference}: lifetime is one of {KebabName.List<TokenKind>()}");
                    else if (set.Policy(realm)?.LifetimeOf(kind) is null)
                        Report(reference.Where, $"{reference}: realm '{realm}' declares no {head} lifetime");
                    break;
                case ValueReference.TargetRoot:
                    break;
                default:
                    if (!defined.ContainsKey(reference.Root))
                    {
                        // A step lost to a problem (reported) may be the one the reference names.
                        if (!_gaps.ScenariosWithUnreadableSteps.Contains(scenario))
                            Report(reference.Where, $"{reference} refers to step '{reference.Root}', which is not defined before this point" +
                                                    (defined.Count > 0 ? $" (defined: {string.Join(", ", defined.Keys)})" : ""));
                    }
                    else if (!StepPaths.Contains(head) && !KebabName.TryParse<Slot>(head, out _))
                        Report(reference.Where, $"{reference}: after the step name comes a slot ({KebabName.List<Slot>()}) or one of {string.Join(", ", StepPaths)}");
                    else if (head == "claims" && (reference.Path.Count < 3 || !KebabName.TryParse<Slot>(reference.Path[1], out _)))
                        Report(reference.Where, $"{reference}: write ${{step.claims.<token slot>.<claim>}}");
                    break;
            }
        }
    }

    private void ValidateCoverage()
    {
        var expected = new HashSet<Outcome>(ReferenceEqualityComparer.Instance);
        foreach (var call in set.Scenarios.SelectMany(s => s.Steps).OfType<CallStep>())
            if (set.Operation(call.ApiId, call.OperationId) is { } op && call.ExpectedOutcome(op) is { } outcome)
                expected.Add(outcome);
        foreach (var api in set.Apis)
        {
            // Scenarios that could not be read (reported) may be the ones that check this API's outcomes.
            if (_gaps.ApisWithUnreadableScenarios.Contains(api.Id)) continue;
            foreach (var operation in api.Operations)
            {
                // An outcome that could not be read (reported) may be the one a scenario checks instead.
                if (_gaps.OperationsWithUnreadableOutcomes.Contains(operation)) continue;
                var seen = new HashSet<(Condition, string?)>();
                foreach (var outcome in operation.Outcomes)
                {
                    // A second outcome for the same condition is reported as a duplicate; no step can reach it.
                    if (!seen.Add((outcome.When, outcome.Field?.ToLowerInvariant()))) continue;
                    if (expected.Contains(outcome) || _unresolved.Contains((operation, outcome.When))) continue;
                    Report(outcome.Where, $"outcome {outcome.Status} '{outcome.Describe()}' of '{operation.QualifiedId}' is not checked by any scenario");
                }
            }
        }
    }

    private static bool HasField(Operation operation, string name) =>
        operation.Field(name) is not null || operation.Request.SelectMany(f => f.Items).Any(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));

    private void Report(Location where, string message) => diagnostics.Add(where.Problem(message));
}
