namespace Harness.Reports;

/// <summary>
/// Checks the deserializer cannot: nulls inside lists and dictionaries, and duplicate check ids
/// (which would make two runs impossible to compare).
/// </summary>
internal static class RunReportValidation
{
    public static IEnumerable<string> Problems(RunReport report)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < report.Checks.Count; i++)
        {
            var check = report.Checks[i];
            var at = $"checks[{i}]";
            if (check is null)
            {
                yield return $"{at} is null";
                continue;
            }
            if (!seen.Add(check.Id)) yield return $"{at}: duplicate check id \"{check.Id}\"";
            if (check.Rules.Any(r => r is null)) yield return $"{at}.rules contains null";
            if (check.Sources.Any(s => s is null)) yield return $"{at}.sources contains null";
            if (check.Failures.Any(f => f is null)) yield return $"{at}.failures contains null";
            for (var j = 0; j < check.Transcript.Count; j++)
            {
                var exchange = check.Transcript[j];
                if (exchange is null)
                {
                    yield return $"{at}.transcript[{j}] is null";
                    continue;
                }
                if (exchange.Request.Headers.Values.Any(v => v is null)) yield return $"{at}.transcript[{j}].request.headers has a null value";
                if (exchange.Response.Headers.Values.Any(v => v is null)) yield return $"{at}.transcript[{j}].response.headers has a null value";
            }
        }
    }
}
