namespace Harness.Reports;

/// <summary>One check id seen in either run, with its result in each (null where the run did not have it).</summary>
public sealed record CheckChange(string Id, ChangeKind Kind, CheckResult? Before, CheckResult? After)
{
    public Verdict? BeforeVerdict => Before?.Verdict;

    public Verdict? AfterVerdict => After?.Verdict;

    /// <summary>The result to describe the check by: the later one where there is one.</summary>
    public CheckResult Latest => After ?? Before ?? throw new InvalidOperationException("A change needs a result from at least one run.");
}
