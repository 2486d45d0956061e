namespace Harness.MockServer.BrowserTests;

/// <summary>
/// One mock (on the fixture's <see cref="MockHost"/>, one fixture per host in <see cref="MockHosts.Hosts"/>) and one headless Chromium (the machine's <c>/usr/bin/chromium</c> or <c>HARNESS_CHROMIUM</c>, never a downloaded one) for the
/// fixture; a reset mock and a fresh browser context for every test. Every page a test opened is screenshotted
/// into the test's attachments when it ends, pass or fail.
/// </summary>
public abstract class BrowserFixture(MockHost host)
{
    public static string ChromiumPath => RequiredTool.ChromiumPath;
    protected const int Width = 1280;
    protected const int Height = 800;

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _context;
    private readonly List<(string Name, IPage Page)> _pages = [];

    protected MockHost Host => host;

    protected RunningMock Mock { get; private set; } = null!;
    protected HttpClient Http { get; private set; } = null!;

    /// <summary>The mock's origin without a trailing slash, as the demo page shows it.</summary>
    protected string MockOrigin => Mock.BaseAddress.GetLeftPart(UriPartial.Authority);

    protected IBrowserContext Context => _context ?? throw new InvalidOperationException("no browser context outside a test");

    [OneTimeSetUp]
    public async Task StartBrowserAndMock()
    {
        Mark("one-time setup");
        RequiredTool.Chromium.RequireFile(ChromiumPath);
        Mock = await StartMockAsync(new MockServerOptions { Port = 0 });
        Http = new HttpClient { BaseAddress = Mock.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    [OneTimeTearDown]
    public async Task StopBrowserAndMock()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        Http?.Dispose();
        if (Mock is not null) await Mock.DisposeAsync();
    }

    /// <summary>Another mock on the fixture's host (a test that needs other options than the fixture's).</summary>
    protected Task<RunningMock> StartMockAsync(MockServerOptions options) => MockHosts.StartAsync(host, options);

    private static readonly System.Diagnostics.Stopwatch Clock = System.Diagnostics.Stopwatch.StartNew();
    protected static void Mark(string what) => TestContext.Progress.WriteLine($"[{Clock.ElapsedMilliseconds,6} ms] {what}");

    [SetUp]
    public async Task FreshContext()
    {
        Mark("setup " + TestContext.CurrentContext.Test.MethodName);
        Mock.Reset();
        _pages.Clear();
        _context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = Width, Height = Height },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
    }

    [TearDown]
    public async Task ScreenshotAndClose()
    {
        Mark("teardown");
        if (_context is null) return;
        try
        {
            var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            foreach (var (name, page) in _pages.Where(p => !p.Page.IsClosed))
            {
                var file = Path.Combine(folder, $"{TestContext.CurrentContext.Test.MethodName}-{name}.png");
                await page.BringToFrontAsync(); // a background page paints nothing new
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
                TestContext.AddTestAttachment(file, $"{name} at the end of the test");
            }
        }
        finally
        {
            Mark("screenshots done");
            await _context.CloseAsync();
            _context = null;
        }
    }

    /// <summary>Opens a page in the test's context; it is screenshotted when the test ends.</summary>
    protected async Task<IPage> OpenAsync(string name, string url, Func<IPage, Task>? beforeLoad = null)
    {
        var page = await Context.NewPageAsync();
        _pages.Add((name, page));
        if (beforeLoad is not null) await beforeLoad(page);
        Mark("goto " + url);
        var response = await page.GotoAsync(url);
        Mark("loaded " + url);
        Assert.That(response?.Status, Is.EqualTo(200), $"GET {url}");
        return page;
    }

    protected Task<IPage> OpenDashboardAsync() => OpenAsync("dashboard", MockOrigin + "/__harness/dashboard");

    protected Task<IPage> OpenDemoAsync(string? url = null, Func<IPage, Task>? beforeLoad = null) =>
        OpenAsync("demo", url ?? MockOrigin + "/__harness/demo", beforeLoad);

    /// <summary>The repository root (where Harness.sln is), for the README screenshots.</summary>
    protected static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Harness.sln not found above " + AppContext.BaseDirectory);
    }
}
