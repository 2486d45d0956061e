namespace Harness.Reports;

/// <summary>How many checks in a group passed, failed and were skipped.</summary>
public readonly record struct VerdictTally(int Passed, int Failed, int Skipped)
{
    public int Total => Passed + Failed + Skipped;

    /// <summary>The verdict a group shows at a glance: any failure fails it; otherwise any pass passes it.</summary>
    public Verdict Overall => Failed > 0 ? Verdict.Fail : Passed > 0 ? Verdict.Pass : Verdict.Skip;

    public static VerdictTally Of(IEnumerable<CheckResult> checks)
    {
        int passed = 0, failed = 0, skipped = 0;
        foreach (var check in checks)
        {
            switch (check.Verdict)
            {
                case Verdict.Pass: passed++; break;
                case Verdict.Fail: failed++; break;
                default: skipped++; break;
            }
        }
        return new VerdictTally(passed, failed, skipped);
    }
}
