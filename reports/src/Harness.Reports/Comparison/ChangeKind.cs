namespace Harness.Reports;

/// <summary>How one check moved between two runs. Declared in the order a reader should look at them.</summary>
public enum ChangeKind
{
    /// <summary>Passed or was skipped before, fails now.</summary>
    NewlyFailing,

    /// <summary>Failed before and still fails.</summary>
    StillFailing,

    /// <summary>Ran before (pass or fail), is skipped now: coverage was lost.</summary>
    NewlySkipped,

    /// <summary>Passed, failed or was skipped before, passes its gate with warnings now.</summary>
    NewlyWarning,

    /// <summary>Had warnings before and still has.</summary>
    StillWarning,

    /// <summary>Failed (or warned) before, passes now.</summary>
    Fixed,

    /// <summary>Was skipped before, passes now.</summary>
    NoLongerSkipped,

    /// <summary>Only in the later run.</summary>
    Added,

    /// <summary>Only in the earlier run.</summary>
    Removed,

    /// <summary>Same verdict, pass or skip, in both runs.</summary>
    Unchanged,
}
