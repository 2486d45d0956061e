namespace Harness.Reports;

/// <summary>How many checks in a group passed, failed, were skipped, and passed their gate with warnings.</summary>
public readonly record struct VerdictTally(int Passed, int Failed, int Skipped, int Warned = 0)
{
    public int Total => Passed + Failed + Skipped + Warned;

    /// <summary>The verdict a group shows at a glance: any failure fails it; then any warning warns; otherwise any pass passes it.</summary>
    public Verdict Overall => Failed > 0 ? Verdict.Fail : Warned > 0 ? Verdict.Warning : Passed > 0 ? Verdict.Pass : Verdict.Skip;

    public static VerdictTally Of(IEnumerable<CheckResult> checks)
    {
        int passed = 0, failed = 0, skipped = 0, warned = 0;
        foreach (var check in checks)
        {
            switch (check.Verdict)
            {
                case Verdict.Pass: passed++; break;
                case Verdict.Fail: failed++; break;
                case Verdict.Warning: warned++; break;
                default: skipped++; break;
            }
        }
        return new VerdictTally(passed, failed, skipped, warned);
    }
}
