using System.Globalization;
using System.Text;
using Harness.Scenarios.Redaction;

namespace Harness.Reports;

/// <summary>Prints a <see cref="RunComparison"/> as an aligned plain-text table (terminals, CI logs) or as markdown (PR comments).</summary>
public sealed class ComparisonWriter(Redactor? redactor = null)
{
    private const int TextDetailWidth = 120;
    private const int MarkdownDetailWidth = 200;

    private static readonly string[] Columns = ["Change", "Check", "Before", "After", "Detail"];

    private readonly Redactor _redactor = redactor ?? new Redactor();

    public void WriteText(RunComparison comparison, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(Heading(comparison));
        output.WriteLine(Counts(comparison));
        var rows = Rows(comparison, TextDetailWidth);
        if (rows.Count == 0)
        {
            output.WriteLine("No verdict changed.");
            return;
        }
        output.WriteLine();
        var widths = Columns.Select((c, i) => Math.Max(c.Length, rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(Line(Columns, widths));
        // The last column is not padded, so its rule only spans the heading.
        output.WriteLine(Line([.. widths.Select((w, i) => new string('-', i == widths.Length - 1 ? Columns[i].Length : w))], widths));
        foreach (var row in rows) output.WriteLine(Line(row, widths));
    }

    public void WriteMarkdown(RunComparison comparison, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("### " + Markdown(Heading(comparison)));
        output.WriteLine();
        output.WriteLine(Markdown(Counts(comparison)));
        var rows = Rows(comparison, MarkdownDetailWidth);
        output.WriteLine();
        if (rows.Count == 0)
        {
            output.WriteLine("No verdict changed.");
            return;
        }
        output.WriteLine("| " + string.Join(" | ", Columns) + " |");
        output.WriteLine("|" + string.Concat(Columns.Select(_ => "---|")));
        foreach (var row in rows)
            output.WriteLine($"| {Markdown(row[0])} | {Code(row[1])} | {Markdown(row[2])} | {Markdown(row[3])} | {Markdown(row[4])} |");
    }

    public string ToText(RunComparison comparison)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        WriteText(comparison, text);
        return text.ToString();
    }

    public string ToMarkdown(RunComparison comparison)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        WriteMarkdown(comparison, text);
        return text.ToString();
    }

    public static string Label(ChangeKind kind) => kind switch
    {
        ChangeKind.NewlyFailing => "newly failing",
        ChangeKind.StillFailing => "still failing",
        ChangeKind.NewlySkipped => "newly skipped",
        ChangeKind.NewlyWarning => "newly warning",
        ChangeKind.StillWarning => "still warning",
        ChangeKind.Fixed => "fixed",
        ChangeKind.NoLongerSkipped => "no longer skipped",
        ChangeKind.Added => "added",
        ChangeKind.Removed => "removed",
        ChangeKind.Unchanged => "unchanged",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private string Heading(RunComparison comparison) =>
        _redactor.Redact($"Comparing run {comparison.Before.RunId} ({Html.Time(comparison.Before.StartedAt)}) " +
                         $"with run {comparison.After.RunId} ({Html.Time(comparison.After.StartedAt)})");

    private static string Counts(RunComparison comparison) =>
        string.Join(", ", Enum.GetValues<ChangeKind>().Select(kind =>
            string.Create(CultureInfo.InvariantCulture, $"{comparison.Changes.Count(c => c.Kind == kind)} {Label(kind)}")));

    private List<string[]> Rows(RunComparison comparison, int detailWidth) =>
    [
        .. comparison.Changes
            .Where(c => c.Kind != ChangeKind.Unchanged)
            .Select(c => new[]
            {
                Label(c.Kind),
                c.Id,
                c.BeforeVerdict is { } before ? WireNames.Of(before) : "-",
                c.AfterVerdict is { } after ? WireNames.Of(after) : "-",
                Shorten(_redactor.Redact(Detail(c)), detailWidth),
            }),
    ];

    /// <summary>The one line a reader needs: what fails now, why it is skipped, or what the check is.</summary>
    private static string Detail(CheckChange change)
    {
        var check = change.Latest;
        if (change.Kind == ChangeKind.Removed) return check.Title;
        return check.Verdict switch
        {
            Verdict.Fail or Verdict.Warning when check.Failures.Count > 0 =>
                $"{(check.Verdict == Verdict.Warning ? "warning: " : "")}{check.Failures[0].Expectation}: expected {check.Failures[0].Expected}, got {check.Failures[0].Actual}",
            Verdict.Fail or Verdict.Skip when !string.IsNullOrWhiteSpace(check.Reason) => check.Reason,
            _ => check.Title,
        };
    }

    private static string Shorten(string text, int width)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= width ? text : text[..(width - 1)] + "…";
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) line.Append("  ");
            line.Append(i == cells.Count - 1 ? cells[i] : cells[i].PadRight(widths[i]));
        }
        return line.ToString().TrimEnd();
    }

    private static string Markdown(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            if (c is '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#') escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static string Code(string text) =>
        text.Contains('`', StringComparison.Ordinal) ? Markdown(text) : "`" + text.Replace("|", "\\|", StringComparison.Ordinal) + "`";
}
