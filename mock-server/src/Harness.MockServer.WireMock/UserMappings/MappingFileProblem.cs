namespace Harness.MockServer.WireMock.UserMappings;

/// <summary>
/// A mapping file of <c>--mappings</c> that could not be loaded, and why (WireMock.Net's own reason), with the line and
/// column where its JSON breaks when it is not JSON at all.
/// </summary>
public sealed record MappingFileProblem(string File, string Reason, int? Line = null, int? Column = null)
{
    /// <summary>file:line:column: reason, as the harness reports every bad input file.</summary>
    public override string ToString() => Line is { } line ? $"{File}:{line}:{Column}: {Reason}" : $"{File}: {Reason}";
}
