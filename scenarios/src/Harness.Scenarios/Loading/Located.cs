namespace Harness.Scenarios.Loading;

/// <summary>Where a model element came from, so cross-reference errors found after parsing can still be located.</summary>
public readonly record struct Location(string File, int Line, int Column)
{
    public static Location None { get; } = new("", 0, 0);
    public Diagnostic Problem(string message) => new(File, Line, Column, message);
    public override string ToString() => $"{File}:{Line}:{Column}";
}
