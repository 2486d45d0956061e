using System.Globalization;
using System.Text;
using System.Xml;
using Harness.Scenarios.Redaction;

namespace Harness.Reports;

/// <summary>
/// Writes junit.xml for CI: one &lt;testsuite&gt; per API, one &lt;testcase classname="Api.Operation"&gt; per check.
/// Kept within the Jenkins xunit-plugin junit-10.xsd dialect, the one most CI servers (Jenkins, GitLab, Azure
/// DevOps, GitHub test reporters) accept.
/// </summary>
public sealed class JUnitXmlWriter(Redactor? redactor = null) : IReportWriter
{
    // Long enough to say what broke in a CI summary line, short enough not to swamp it; the full text is in the body.
    private const int MaxMessageLength = 300;

    private readonly ReportRedaction _redaction = new(redactor ?? new Redactor());

    public string FileName => "junit.xml";

    public void Write(RunReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        report = _redaction.Apply(report);
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            NewLineChars = "\n",
            CloseOutput = false,
        };
        using var xml = XmlWriter.Create(output, settings);
        xml.WriteStartDocument();

        var suites = report.Checks.GroupBy(c => c.Api, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var all = VerdictTally.Of(report.Checks);
        xml.WriteStartElement("testsuites");
        Attribute(xml, "name", $"Refresh Harness {report.RunId} against {report.Target.Name}");
        Attribute(xml, "tests", all.Total);
        Attribute(xml, "failures", all.Failed);
        Attribute(xml, "errors", 0);
        Attribute(xml, "time", Seconds(report.Checks.Sum(c => Milliseconds(c))));

        for (var i = 0; i < suites.Count; i++)
            WriteSuite(xml, report, suites[i].Key, [.. suites[i]], i);

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteSuite(XmlWriter xml, RunReport report, string api, IReadOnlyList<CheckResult> checks, int index)
    {
        var tally = VerdictTally.Of(checks);
        xml.WriteStartElement("testsuite");
        Attribute(xml, "name", api);
        Attribute(xml, "tests", tally.Total);
        // A check that could not reach the server is still a failed expectation, not a harness error.
        Attribute(xml, "failures", tally.Failed);
        Attribute(xml, "errors", 0);
        Attribute(xml, "skipped", tally.Skipped);
        Attribute(xml, "time", Seconds(checks.Sum(c => Milliseconds(c))));
        Attribute(xml, "timestamp", report.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        Attribute(xml, "id", index);

        xml.WriteStartElement("properties");
        Property(xml, "runId", report.RunId);
        Property(xml, "target", report.Target.Name);
        Property(xml, "targetBaseUrl", report.Target.BaseUrl);
        Property(xml, "targetKind", report.Target.Kind);
        Property(xml, "warnings", tally.Warned.ToString(CultureInfo.InvariantCulture));
        xml.WriteEndElement();

        foreach (var check in checks) WriteCase(xml, check);
        xml.WriteEndElement();
    }

    private static void WriteCase(XmlWriter xml, CheckResult check)
    {
        xml.WriteStartElement("testcase");
        // CI servers split classname at the last dot into package and class: API, then operation.
        Attribute(xml, "classname", $"{check.Api}.{check.Operation}");
        // The scenario, not the title: CI keys test history on classname + name, and titles get reworded.
        Attribute(xml, "name", check.Scenario);
        Attribute(xml, "time", Seconds(Milliseconds(check)));
        // A warning is a passing testcase (the junit dialect has no warning element): its findings are in system-out.

        switch (check.Verdict)
        {
            case Verdict.Fail:
                xml.WriteStartElement("failure");
                Attribute(xml, "message", FailureMessage(check));
                Attribute(xml, "type", WireNames.Of(check.Severity));
                Text(xml, FailureText(check));
                xml.WriteEndElement();
                break;
            case Verdict.Skip:
                xml.WriteStartElement("skipped");
                Attribute(xml, "message", check.Reason ?? "skipped");
                xml.WriteEndElement();
                break;
        }

        xml.WriteStartElement("system-out");
        Text(xml, check.Verdict == Verdict.Fail ? Summary(check) : Summary(check) + Warnings(check));
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static string FailureMessage(CheckResult check)
    {
        var message = check.Failures.Count > 0
            ? $"{check.Failures[0].Expectation}: expected {check.Failures[0].Expected}, got {check.Failures[0].Actual}"
              + (check.Failures.Count > 1 ? $" (+{check.Failures.Count - 1} more)" : "")
            : check.Reason ?? "failed";
        message = message.ReplaceLineEndings(" ");
        return message.Length <= MaxMessageLength ? message : message[..(MaxMessageLength - 1)] + "…";
    }

    private static string FailureText(CheckResult check)
    {
        var text = new StringBuilder();
        text.Append(Summary(check));
        if (!string.IsNullOrEmpty(check.Reason)) text.Append("Reason: ").Append(check.Reason).Append('\n');
        for (var i = 0; i < check.Failures.Count; i++)
        {
            var failure = check.Failures[i];
            text.Append(CultureInfo.InvariantCulture, $"\n{(failure.Warning ? "Warning" : "Failure")} {i + 1}: {failure.Expectation}\n");
            text.Append("  Rule: ").Append(failure.Rule ?? List(check.Rules, ", ")).Append('\n');
            if (failure.Level is { } level) text.Append("  Level: ").Append(WireNames.Of(level)).Append('\n');
            text.Append("  Source: ").Append(failure.Source).Append('\n');
            text.Append("  Expected: ").Append(failure.Expected).Append('\n');
            text.Append("  Actual: ").Append(failure.Actual).Append('\n');
        }
        if (check.Transcript.Count > 0)
        {
            text.Append("\nTranscript:\n");
            TranscriptText.Append(text, check.Transcript);
        }
        return text.ToString();
    }

    /// <summary>The findings that did not gate this run, one block each, for a passing testcase's system-out.</summary>
    private static string Warnings(CheckResult check)
    {
        var text = new StringBuilder();
        foreach (var warning in check.Failures.Where(f => f.Warning))
        {
            text.Append("\nWARNING: ").Append(warning.Expectation).Append('\n');
            text.Append("  Level: ").Append(warning.Level is { } level ? WireNames.Of(level) : "(not given)").Append(" (not gated in this run)\n");
            text.Append("  Rule: ").Append(warning.Rule ?? List(check.Rules, ", ")).Append('\n');
            text.Append("  Source: ").Append(warning.Source).Append('\n');
            text.Append("  Expected: ").Append(warning.Expected).Append('\n');
            text.Append("  Actual: ").Append(warning.Actual).Append('\n');
        }
        return text.ToString();
    }

    private static string Summary(CheckResult check) =>
        $"Check: {check.Id}\nTitle: {check.Title}\nSeverity: {WireNames.Of(check.Severity)}\nLevel: {WireNames.Of(check.Level)}\nVerdict: {WireNames.Of(check.Verdict)}\n" +
        $"Rules: {List(check.Rules, ", ")}\nSources: {List(check.Sources, "; ")}\n";

    private static string List(IReadOnlyList<string> items, string separator) => items.Count == 0 ? "(none)" : string.Join(separator, items);

    private static double Milliseconds(CheckResult check) =>
        double.IsFinite(check.DurationMs) && check.DurationMs > 0 ? check.DurationMs : 0;

    // Plain decimal seconds: the schema's SUREFIRE_TIME pattern rejects exponents and locale separators.
    private static string Seconds(double milliseconds) => (milliseconds / 1000).ToString("0.000", CultureInfo.InvariantCulture);

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        Attribute(xml, "name", name);
        Attribute(xml, "value", value);
        xml.WriteEndElement();
    }

    private static void Attribute(XmlWriter xml, string name, string value) => xml.WriteAttributeString(name, XmlSafeText.Of(value));

    private static void Attribute(XmlWriter xml, string name, int value) => xml.WriteAttributeString(name, value.ToString(CultureInfo.InvariantCulture));

    private static void Text(XmlWriter xml, string text) => xml.WriteString(XmlSafeText.Of(text));
}
