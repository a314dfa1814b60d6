using Microsoft.Playwright;

namespace CamAgent.Cli.Tests.Reports;

/// <summary>
/// Debian's Chromium (package chromium, installed by ./test.sh), driven by Playwright in headless
/// mode. Playwright's own browser download is not used: the executable path points at Debian's.
/// </summary>
public static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>A4 portrait at 96 CSS pixels per inch: 210 mm by 297 mm.</summary>
    public const int A4WidthPx = 794;
    public const int A4HeightPx = 1123;

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: install Debian's chromium package (./test.sh does).");
        IPlaywright playwright = await Playwright.CreateAsync();
        IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu"],
        });
        return (playwright, browser);
    }

    /// <summary>The repository's artifacts/ folder (not committed), where screenshots and PDFs are kept.</summary>
    public static string ArtifactsFolder(string name)
    {
        string path = Path.Combine(RepositoryRoot(), "artifacts", name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The folder holding CamAgent.sln above the test binaries.</summary>
    public static string RepositoryRoot()
    {
        DirectoryInfo? folder = new(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CamAgent.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new DirectoryNotFoundException("CamAgent.sln not found above " + AppContext.BaseDirectory);
    }
}
