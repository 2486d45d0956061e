using Microsoft.Playwright;

namespace Harness.Reports.Tests;

/// <summary>Opens report.html in a real Chromium: what a person sees, and that the page asks the network for nothing.</summary>
[Category("Browser")]
public class HtmlReportBrowserTests
{

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private static RunReport OnePassingApiOneFailingCheck() => SampleReports.Run(
        SampleReports.Passing(api: "ags-session", operation: "login"),
        SampleReports.Failing());

    [Test]
    public async Task Open_OnePassingApiAndOneFailingCheck_ShowsSummaryAndFailureDetails()
    {
        var chromium = RequiredTool.Chromium.RequireFile(RequiredTool.ChromiumPath);
        using var folder = new TempFolder();
        ReportSet.WriteAll(OnePassingApiOneFailingCheck(), folder.Path);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var offPage = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith("file:", StringComparison.Ordinal)) offPage.Add(request.Url);
        };
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") consoleErrors.Add(message.Text);
        };

        await page.GotoAsync(new Uri(Path.Combine(folder.Path, "report.html")).AbsoluteUri);

        (await page.GetByTestId("summary-totals").InnerTextAsync()).Should().Be("2 checks: 1 passed, 1 failed, 0 with warnings, 0 skipped");
        (await page.GetByTestId("summary-api-ags-session").GetAttributeAsync("data-verdict")).Should().Be("pass");
        (await page.GetByTestId("summary-api-ags-refresh").GetAttributeAsync("data-verdict")).Should().Be("fail");
        (await page.GetByTestId("matrix").Locator("td[data-verdict=fail]").CountAsync()).Should().Be(2, "the failing check enforces two rules");

        var failing = page.GetByTestId("check-ags-refresh/refresh-rotates-token#refresh");
        var expected = failing.GetByTestId("failure-expected");
        (await expected.IsVisibleAsync()).Should().BeFalse("checks start collapsed");
        await failing.Locator("summary").ClickAsync();
        (await expected.IsVisibleAsync()).Should().BeTrue();
        (await expected.InnerTextAsync()).Should().Be("HTTP 400 with error=invalid_grant");
        (await failing.GetByTestId("failure-actual").InnerTextAsync()).Should().Be("HTTP 200");
        (await failing.GetByTestId("exchange-request").InnerTextAsync()).Should().StartWith("POST http://127.0.0.1:5080/oauth/token");
        (await failing.GetByTestId("exchange-curl").InnerTextAsync()).Should().StartWith("curl -i -X POST 'http://127.0.0.1:5080/oauth/token'");

        var screenshot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots", "html-report-1280.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        TestContext.AddTestAttachment(screenshot, "report.html at 1280px, failing check expanded");

        await page.GetByTestId("filter-failed").ClickAsync();
        (await page.GetByTestId("check-ags-session/refresh-returns-new-token#login").IsVisibleAsync()).Should().BeFalse();
        (await failing.IsVisibleAsync()).Should().BeTrue();

        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        scrollWidth.Should().BeLessThanOrEqualTo(1280, "the page should not scroll sideways at 1280px");
        offPage.Should().BeEmpty("the report must not touch the network");
        consoleErrors.Should().BeEmpty();
    }
}
