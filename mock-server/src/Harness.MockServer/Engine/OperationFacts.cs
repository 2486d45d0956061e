using System.Runtime.CompilerServices;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Engine;

/// <summary>
/// What the request path asks of an operation's contract again and again — its outcomes by condition, the
/// field each slot travels in, its required and fixed fields, its API and realm — worked out once per
/// operation instead of with LINQ over the contract on every request. Each answer is the one the
/// <see cref="Operation"/> helpers give: each table is filled by calling those helpers once per condition or slot,
/// and <c>FastPaths/OperationFactsTests</c> compares every answer with the helper's over every contract.
/// </summary>
internal sealed class OperationFacts
{
    private static readonly ConditionalWeakTable<Operation, OperationFacts> Cache = new();
    private static readonly int Conditions = Enum.GetValues<Condition>().Max(c => (int)c) + 1;
    private static readonly int Slots = Enum.GetValues<Slot>().Max(s => (int)s) + 1;

    private readonly bool[] _hasOutcome;
    private readonly RequestField?[] _fieldFor;
    private readonly (RequestField Field, RequestField? Item)?[] _slotSource;

    private OperationFacts(Operation operation)
    {
        Operation = operation;
        QualifiedId = operation.QualifiedId;
        _hasOutcome = new bool[Conditions];
        foreach (var condition in Enum.GetValues<Condition>()) _hasOutcome[(int)condition] = operation.HasOutcome(condition);
        _fieldFor = new RequestField?[Slots];
        _slotSource = new (RequestField, RequestField?)?[Slots];
        for (var slot = 0; slot < Slots; slot++)
        {
            _fieldFor[slot] = operation.FieldFor((Slot)slot);
            _slotSource[slot] = SourceOf(operation, (Slot)slot);
        }
        FixedFields = [.. operation.FixedFields];
        Required = [.. operation.Request.Where(f => f.Required)];
        RequiredItems = [.. Required.Select(f => f.Items.Where(i => i.Required).ToArray())];
        JsonFields = [.. operation.Request.Where(f => f.In == FieldLocation.Json)];
        ContentIsJson = Requests.RequestReader.IsJson(operation.ContentType);
        Success = operation.OutcomeFor(Condition.Success);
    }

    public static OperationFacts Of(Operation operation) => Cache.GetValue(operation, static o => new OperationFacts(o));

    public Operation Operation { get; }
    public string QualifiedId { get; }

    /// <summary>Fields whose value the contract fixes, as <see cref="Operation.FixedFields"/> lists them.</summary>
    public RequestField[] FixedFields { get; }

    /// <summary>Required fields in contract order, and for each the required members of its name-value array.</summary>
    public RequestField[] Required { get; }
    public RequestField[][] RequiredItems { get; }

    public RequestField[] JsonFields { get; }
    public bool ContentIsJson { get; }

    /// <summary>The success outcome (<c>OutcomeFor(Condition.Success)</c>).</summary>
    public Outcome? Success { get; }

    public bool Has(Condition condition) => _hasOutcome[(int)condition];

    /// <summary><see cref="Operation.FieldFor"/>: the first field binding the slot, else the first name-value member binding it.</summary>
    public RequestField? FieldFor(Slot slot) => _fieldFor[(int)slot];

    /// <summary>Where a slot's value is read from, in the order fields are listed (a field before its own members).</summary>
    public (RequestField Field, RequestField? Item)? SourceOf(Slot slot) => _slotSource[(int)slot];

    private static (RequestField, RequestField?)? SourceOf(Operation operation, Slot slot)
    {
        foreach (var field in operation.Request)
        {
            if (field.Binds == slot) return (field, null);
            foreach (var item in field.Items)
                if (item.Binds == slot) return (field, item);
        }
        return null;
    }
}
