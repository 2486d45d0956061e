namespace Harness.Reports;

/// <summary>What changed between two runs, matched by check id.</summary>
public sealed class RunComparison
{
    private RunComparison(RunReport before, RunReport after, IReadOnlyList<CheckChange> changes)
    {
        Before = before;
        After = after;
        Changes = changes;
    }

    public RunReport Before { get; }

    public RunReport After { get; }

    /// <summary>Every check id from either run, ordered by <see cref="ChangeKind"/> then id.</summary>
    public IReadOnlyList<CheckChange> Changes { get; }

    public IReadOnlyList<CheckChange> NewlyFailing => Of(ChangeKind.NewlyFailing);

    public IReadOnlyList<CheckChange> StillFailing => Of(ChangeKind.StillFailing);

    public IReadOnlyList<CheckChange> NewlySkipped => Of(ChangeKind.NewlySkipped);

    public IReadOnlyList<CheckChange> Fixed => Of(ChangeKind.Fixed);

    public IReadOnlyList<CheckChange> NoLongerSkipped => Of(ChangeKind.NoLongerSkipped);

    public IReadOnlyList<CheckChange> Added => Of(ChangeKind.Added);

    public IReadOnlyList<CheckChange> Removed => Of(ChangeKind.Removed);

    public IReadOnlyList<CheckChange> Unchanged => Of(ChangeKind.Unchanged);

    /// <summary>
    /// True when the later run fails something the earlier one did not: a regression, or a new check that fails
    /// (a failure nobody has seen before is news whether or not the check existed).
    /// </summary>
    public bool HasNewFailures => Changes.Any(IsNewFailure);

    public static bool IsNewFailure(CheckChange change) =>
        change.Kind == ChangeKind.NewlyFailing || (change.Kind == ChangeKind.Added && change.After?.Verdict == Verdict.Fail);

    public static RunComparison Compare(RunReport before, RunReport after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var earlier = ById(before, nameof(before));
        var later = ById(after, nameof(after));

        var changes = new List<CheckChange>();
        foreach (var (id, was) in earlier)
        {
            later.TryGetValue(id, out var now);
            changes.Add(new CheckChange(id, now is null ? ChangeKind.Removed : Classify(was.Verdict, now.Verdict), was, now));
        }
        foreach (var (id, now) in later)
        {
            if (!earlier.ContainsKey(id)) changes.Add(new CheckChange(id, ChangeKind.Added, null, now));
        }
        changes.Sort((a, b) => a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : string.CompareOrdinal(a.Id, b.Id));
        return new RunComparison(before, after, changes);
    }

    private static ChangeKind Classify(Verdict was, Verdict now) => (was, now) switch
    {
        (Verdict.Fail, Verdict.Fail) => ChangeKind.StillFailing,
        (_, Verdict.Fail) => ChangeKind.NewlyFailing,
        (Verdict.Warning, Verdict.Warning) => ChangeKind.StillWarning,
        (_, Verdict.Warning) => ChangeKind.NewlyWarning,
        (Verdict.Fail or Verdict.Warning, Verdict.Pass) => ChangeKind.Fixed,
        (Verdict.Skip, Verdict.Pass) => ChangeKind.NoLongerSkipped,
        (not Verdict.Skip, Verdict.Skip) => ChangeKind.NewlySkipped,
        _ => ChangeKind.Unchanged,
    };

    private static Dictionary<string, CheckResult> ById(RunReport report, string name)
    {
        var byId = new Dictionary<string, CheckResult>(StringComparer.Ordinal);
        foreach (var check in report.Checks)
        {
            if (!byId.TryAdd(check.Id, check))
                throw new ArgumentException($"Run {report.RunId} has check id \"{check.Id}\" more than once; runs are compared by id.", name);
        }
        return byId;
    }

    private IReadOnlyList<CheckChange> Of(ChangeKind kind) => [.. Changes.Where(c => c.Kind == kind)];
}
