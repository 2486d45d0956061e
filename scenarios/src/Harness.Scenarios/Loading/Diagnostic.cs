namespace Harness.Scenarios.Loading;

/// <summary>One problem found in a scenario file, located the way compilers locate theirs.</summary>
public sealed record Diagnostic(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
