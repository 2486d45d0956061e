using System.Net;
using System.Text.RegularExpressions;
using Harness.Scenarios.Redaction;

namespace Harness.Reports.Tests;

public partial class HtmlReportWriterTests
{
    private static RunReport Sample() => SampleReports.Run(
        SampleReports.Passing(),
        SampleReports.Failing(),
        SampleReports.Skipped(api: "ags-session", operation: "login"));

    private static string Write(RunReport report) => SampleReports.Serialize(new HtmlReportWriter(), report);

    [Test]
    public void Write_Always_HasStableTestIds()
    {
        var html = Write(Sample());

        html.Should().Contain("data-testid=\"summary\"")
            .And.Contain("data-testid=\"summary-api-ags-refresh\"")
            .And.Contain("data-testid=\"summary-api-ags-session\"")
            .And.Contain("data-testid=\"matrix\"")
            .And.Contain("data-testid=\"check-ags-refresh/refresh-rotates-token#refresh\"")
            .And.Contain("data-testid=\"check-ags-session/refresh-with-expired-token#login\"");
    }

    [Test]
    public void Write_Summary_CountsPerApiAndSeverity()
    {
        var html = Write(Sample());

        html.Should().Contain("<strong>3</strong> checks: <span class=\"count pass\">1 passed</span>, <span class=\"count fail\">1 failed</span>, <span class=\"count warning\">0 with warnings</span>, <span class=\"count skip\">1 skipped</span>");
        // passed, failed, warnings, skipped, total
        Row(html, "summary-api-ags-refresh").Should().MatchRegex(@"data-verdict=""fail"".*>1</td>.*>1</td>.*>0</td>.*>0</td>.*>2</td>");
        Row(html, "summary-severity-best-practice").Should().MatchRegex(@"data-verdict=""skip"".*>0</td>.*>0</td>.*>0</td>.*>1</td>.*>1</td>");
    }

    [Test]
    public void Write_Matrix_ColoursEachRuleAndApiCellByVerdict()
    {
        var html = Write(Sample());

        html.Should().MatchRegex(@"<td class=""cell fail"" data-testid=""matrix-cell"" data-api=""ags-refresh"" data-rule=""refresh.rotation"" data-verdict=""fail""");
        html.Should().MatchRegex(@"<td class=""cell pass"" data-testid=""matrix-cell"" data-api=""ags-refresh"" data-rule=""refresh.returns-access-token"" data-verdict=""pass""");
        html.Should().MatchRegex(@"<td class=""cell none"" data-testid=""matrix-cell"" data-api=""ags-session"" data-rule=""refresh.rotation""");
    }

    [Test]
    public void Write_FailedCheck_ShowsRuleSourcesExpectedActualTranscriptAndCurl()
    {
        var html = Write(Sample());
        var check = Between(html, "data-testid=\"check-ags-refresh/refresh-rotates-token#refresh\"", "</details>");

        check.Should().Contain("<code>refresh.rotation</code>")
            .And.Contain("<li>RFC 6749 §10.4</li>")
            .And.Contain("data-testid=\"failure-expected\">HTTP 400 with error=invalid_grant<")
            .And.Contain("data-testid=\"failure-actual\">HTTP 200<")
            .And.Contain("POST http://127.0.0.1:5080/oauth/token")
            .And.Contain(Redactor.Mask("second-access-value"))
            .And.Contain("curl -i -X POST &#x27;http://127.0.0.1:5080/oauth/token&#x27;");
    }

    [Test]
    public void Write_Always_ReferencesNoExternalResource()
    {
        var hostile = SampleReports.Failing() with
        {
            Reason = "<img src=\"https://evil.example/x.png\"> @import url(https://evil.example/a.css)",
            Transcript =
            [
                SampleReports.RefreshExchange(200, "<html><script src=\"https://cdn.example/app.js\"></script><link href='https://cdn.example/a.css'><style>body{background:url(http://evil.example/b.png)}</style></html>"),
            ],
        };

        var html = Write(SampleReports.Run(SampleReports.Passing(), hostile));

        ExternalReference().Matches(html).Select(m => m.Value).Should().BeEmpty();
        Regex.Matches(html, @"<(?:link|img|iframe|object|embed|source|video|audio|base)\b", RegexOptions.IgnoreCase).Should().BeEmpty();
        Regex.Matches(html, @"style\s*=\s*""[^""]*url\(", RegexOptions.IgnoreCase).Should().BeEmpty();
        var style = Between(html, "<style>", "</style>");
        style.Should().NotContain("url(").And.NotContain("@import").And.NotContain("http").And.NotContain("//");
        var script = Between(html, "<script>", "</script>");
        script.Should().NotContain("http").And.NotContain("fetch(").And.NotContain("XMLHttpRequest").And.NotContain("import(");
        html.Should().Contain(WebUtility.HtmlEncode("<script src=\"https://cdn.example/app.js\">"), "hostile markup is shown as escaped text");
    }

    [Test]
    public void Write_Always_OnlyInlineScriptAndStyleAndALockedDownPolicy()
    {
        var html = Write(Sample());

        Regex.Matches(html, "<script[^>]*>").Select(m => m.Value).Should().Equal("<script>");
        Regex.Matches(html, "<style[^>]*>").Select(m => m.Value).Should().Equal("<style>");
        html.Should().Contain("content=\"default-src 'none';");
        AttributeValues().Matches(html).Select(m => m.Groups["value"].Value)
            .Should().OnlyContain(v => v.Length == 0 || v.StartsWith('#'), "the only links are in-page anchors");
    }

    [Test]
    public void Write_EmptyRun_RendersAPageSayingSo()
    {
        var html = Write(SampleReports.Run());

        html.Should().Contain("<strong>0</strong> checks").And.Contain("No checks in this run.").And.EndWith("</html>\n");
    }

    [Test]
    public void Write_IdsThatSlugToTheSameAnchor_GetDistinctAnchors()
    {
        var first = SampleReports.Passing() with { Id = "a/b#c" };
        var second = SampleReports.Passing() with { Id = "a/b/c" };

        var html = Write(SampleReports.Run(first, second));

        html.Should().Contain("id=\"check-a-b-c\"").And.Contain("id=\"check-a-b-c-2\"");
    }

    [Test]
    public void Write_WarningCheck_ShowsWarningBadgeLevelsAndAWarningMatrixCell()
    {
        var html = Write(SampleReports.Run(SampleReports.Passing(), SampleReports.Warned()));

        html.Should().Contain("<span class=\"count warning\">1 with warnings</span>")
            .And.Contain("<span class=\"badge warning\">warning</span>")
            .And.Contain("data-finding=\"warning\"")
            .And.Contain("<span class=\"level inferred\"")
            .And.Contain("data-testid=\"filter-warnings\"")
            .And.MatchRegex(@"data-rule=""transport"" data-verdict=""warning""");
    }

    private static string Row(string html, string testId) => Between(html, $"data-testid=\"{testId}\"", "</tr>");

    private static string Between(string html, string start, string end)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        from.Should().BeGreaterThanOrEqualTo(0, $"the page should contain {start}");
        var to = html.IndexOf(end, from, StringComparison.Ordinal);
        return html[from..to];
    }

    // src=/href=/action=/poster= whose value is absolute or protocol-relative, in any quoting.
    [GeneratedRegex(@"\b(?:src|href|action|poster|srcset|data)\s*=\s*[""']?\s*(?:[a-z][a-z0-9+.-]*:|//)", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex(@"\b(?:src|href)\s*=\s*""(?<value>[^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex AttributeValues();
}
