namespace Harness.Reports;

/// <summary>The spellings report.json uses for enums, reused wherever a report prints them.</summary>
public static class WireNames
{
    public static string Of(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Fail => "fail",
        Verdict.Skip => "skip",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    public static string Of(CheckSeverity severity) => severity switch
    {
        CheckSeverity.Contract => "contract",
        CheckSeverity.BestPractice => "best-practice",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };
}
