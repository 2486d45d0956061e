using System.Text;

namespace Harness.Reports;

/// <summary>
/// In-page anchor ids for checks and API groups. Derived from the stable check id so a link to
/// "report.html#check-…" keeps working from one run to the next; collisions get a numeric suffix.
/// </summary>
internal sealed class HtmlAnchors
{
    private readonly Dictionary<CheckResult, string> _checks = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, string> _apis = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public HtmlAnchors(RunReport report)
    {
        foreach (var check in report.Checks)
        {
            if (!_apis.ContainsKey(check.Api)) _apis[check.Api] = Unique("api-" + Slug(check.Api));
            _checks[check] = Unique("check-" + Slug(check.Id));
        }
    }

    public string Check(CheckResult check) => _checks[check];

    public string Api(string api) => _apis[api];

    private string Unique(string candidate)
    {
        var id = candidate;
        for (var n = 2; !_used.Add(id); n++) id = $"{candidate}-{n}";
        return id;
    }

    private static string Slug(string value)
    {
        var slug = new StringBuilder(value.Length);
        foreach (var c in value)
            slug.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        return slug.Length == 0 ? "x" : slug.ToString();
    }
}
