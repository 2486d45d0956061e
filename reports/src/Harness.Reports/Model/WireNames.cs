namespace Harness.Reports;

/// <summary>The spellings report.json uses for enums, reused wherever a report prints them.</summary>
public static class WireNames
{
    public static string Of(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Fail => "fail",
        Verdict.Skip => "skip",
        Verdict.Warning => "warning",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    public static string Of(CheckLevel level) => level switch
    {
        CheckLevel.Vendor => "vendor",
        CheckLevel.Must => "must",
        CheckLevel.Should => "should",
        CheckLevel.Inferred => "inferred",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static string Of(CheckSeverity severity) => severity switch
    {
        CheckSeverity.Contract => "contract",
        CheckSeverity.BestPractice => "best-practice",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };
}
