namespace Harness.ConformanceTests.Suite;

/// <summary>
/// The target cannot be checked at all (the preflight failed), or strict mode found nothing checked. Thrown with its
/// message alone: a stack trace of the suite's own code would only bury the one line the user must read.
/// </summary>
public sealed class TargetNotCheckable(string message) : Exception(message)
{
    public override string? StackTrace => null;
}
