namespace Harness.Scenarios.Model;

/// <summary>What a successful call answers.</summary>
public sealed record ResponseSpec(int Status, IReadOnlyList<ResponseField> Fields, IReadOnlyList<ResponseHeader> Headers)
{
    public ResponseField? FieldFor(Slot slot) => Fields.FirstOrDefault(f => f.Binds == slot);
}
