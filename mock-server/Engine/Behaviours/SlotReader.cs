using Harness.MockServer.Requests;
using Harness.Scenarios.Model;

namespace Harness.MockServer.Engine.Behaviours;

/// <summary>Reads a slot's value from a request wherever the operation's contract puts it (a header, a form field, a name-value item).</summary>
internal static class SlotReader
{
    public static string? Read(Operation operation, IncomingRequest request, Slot slot)
    {
        foreach (var field in operation.Request)
        {
            if (field.Binds == slot) return request.ValueOf(field);
            foreach (var item in field.Items.Where(i => i.Binds == slot)) return request.ItemValue(field, item);
        }
        return null;
    }
}
