using Microsoft.Playwright;

namespace CamAgent.Cli.Tests.Reports;

/// <summary>
/// The chain-of-custody page in a real headless browser at A4 width: it renders without fetching
/// anything, each camera has a readable timeline, and a tampered store's findings are red.
/// Screenshots and a PDF print are kept under artifacts/report-screenshots/.
/// </summary>
public sealed class HtmlReportBrowserTests : IClassFixture<ReportStores>
{
    /// <summary>Smallest rendered text in the timeline, in CSS pixels: about 6 pt, readable on paper.</summary>
    private const double MinTextPx = 7.5;

    private const string ErrorRed = "rgb(183, 28, 28)";

    private readonly ReportStores _stores;

    public HtmlReportBrowserTests(ReportStores stores)
    {
        _stores = stores;
    }

    [Fact]
    public async Task Demo_Store_Page_Renders_Valid_At_A4_Width_With_A_Readable_Timeline_Per_Camera_And_Fetches_Nothing()
    {
        (IPlaywright playwright, IBrowser browser) = await HeadlessChromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            IPage page = await OpenAsync(browser, _stores.ValidPage, out List<string> requests);
            Assert.Equal("VALID", (await page.InnerTextAsync("#verdict h1")).Trim());
            await AssertTimelinesReadableAsync(page, cameras: 2);
            Assert.Equal(0, await page.Locator("tr.finding.error").CountAsync());
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= HeadlessChromium.A4WidthPx, "the page is wider than A4");
            await KeepAsync(page, "valid");
            Assert.Equal([new Uri(_stores.ValidPage).AbsoluteUri], requests);
        }
    }

    [Fact]
    public async Task Tampered_Store_Page_Says_Not_Valid_And_Shows_Its_Findings_And_Segment_In_Red()
    {
        (IPlaywright playwright, IBrowser browser) = await HeadlessChromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            IPage page = await OpenAsync(browser, _stores.TamperedPage, out List<string> requests);
            Assert.Equal("NOT VALID", (await page.InnerTextAsync("#verdict h1")).Trim());
            Assert.Equal(ErrorRed, await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('#verdict')).backgroundColor"));
            ILocator errors = page.Locator("#device-cam-demo-1 tr.finding.error");
            Assert.True(await errors.CountAsync() >= 1);
            Assert.Contains("content mismatch", await errors.First.InnerTextAsync());
            Assert.Equal(ErrorRed, await errors.First.EvaluateAsync<string>("row => getComputedStyle(row.cells[0]).color"));
            Assert.Equal(1, await page.Locator("#device-cam-demo-1 svg.timeline rect.segment.error").CountAsync());
            await AssertTimelinesReadableAsync(page, cameras: 2);
            await KeepAsync(page, "tampered");
            Assert.Single(requests);
        }
    }

    private static Task<IPage> OpenAsync(IBrowser browser, string file, out List<string> requests)
    {
        var seen = new List<string>();
        requests = seen;
        return Open();

        async Task<IPage> Open()
        {
            IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = HeadlessChromium.A4WidthPx, Height = HeadlessChromium.A4HeightPx } });
            page.Request += (_, request) => seen.Add(request.Url);
            await page.GotoAsync(new Uri(file).AbsoluteUri);
            return page;
        }
    }

    private static async Task AssertTimelinesReadableAsync(IPage page, int cameras)
    {
        ILocator timelines = page.Locator("svg.timeline");
        Assert.Equal(cameras, await timelines.CountAsync());
        for (int i = 0; i < cameras; i++)
        {
            ILocator svg = timelines.Nth(i);
            LocatorBoundingBoxResult box = (await svg.BoundingBoxAsync())!;
            Assert.InRange(box.Width, 500, HeadlessChromium.A4WidthPx);
            Assert.True(await svg.Locator("rect.segment").CountAsync() >= 1, "a timeline without segments");
            Assert.True(await svg.Locator("circle.receipt").CountAsync() >= 1, "a timeline without receipts");
            double smallest = await svg.EvaluateAsync<double>("s => Math.min(...[...s.querySelectorAll('text')].map(t => t.getBoundingClientRect().height))");
            Assert.True(smallest >= MinTextPx, $"timeline text {smallest:0.0} px high is too small to read at A4 width");
        }
    }

    private static async Task KeepAsync(IPage page, string name)
    {
        string folder = HeadlessChromium.ArtifactsFolder("report-screenshots");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        string pdf = Path.Combine(folder, name + ".pdf");
        await page.PdfAsync(new PagePdfOptions { Path = pdf, Format = "A4", PrintBackground = true });
        Assert.StartsWith("%PDF", File.ReadAllText(pdf)[..4]);
    }
}
