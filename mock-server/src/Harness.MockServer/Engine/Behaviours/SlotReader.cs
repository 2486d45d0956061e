using Harness.MockServer.Requests;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Engine.Behaviours;

/// <summary>Reads a slot's value from a request wherever the operation's contract puts it (a header, a form field, a name-value item).</summary>
internal static class SlotReader
{
    public static string? Read(Operation operation, IncomingRequest request, Slot slot) =>
        OperationFacts.Of(operation).SourceOf(slot) is not { } source ? null
        : source.Item is { } item ? request.ItemValue(source.Field, item)
        : request.ValueOf(source.Field);
}
