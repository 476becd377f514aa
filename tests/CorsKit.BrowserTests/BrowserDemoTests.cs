using CorsKit.BrowserTests.Infrastructure;
using CorsKit.Samples.BrowserDemo;
using Microsoft.Playwright;

namespace CorsKit.BrowserTests;

/// <summary>
/// Drives the two-origin demo (samples/CorsKit.Samples.BrowserDemo) as a user would: clicks every button, checks each
/// verdict, and saves the screenshot the README shows (docs/images/browser-demo.png).
/// </summary>
public sealed class BrowserDemoTests(BrowserFixture browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task Every_demo_button_shows_the_browser_verdict_and_the_screenshot_is_saved()
    {
        await using var demo = await StartDemoAsync();
        await using var session = await Browser.NewSessionAsync();
        await session.GoToAsync(demo.PageOrigin + "/");

        var expected = new (string Id, string Verdict)[]
        {
            ("simple", "allowed"),
            ("preflighted", "allowed"),
            ("credentialed", "allowed"),
            ("exposed", "allowed"),
            ("refused-origin", "blocked"),
            ("refused-method", "blocked"),
            ("refused-header", "blocked"),
        };
        foreach (var (id, verdict) in expected)
        {
            await session.Page.ClickAsync($"#btn-{id}");
            var row = session.Page.Locator($"#row-{id}");
            await row.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
            (await row.GetAttributeAsync("data-verdict")).Should().Be(verdict, $"the '{id}' button");
        }

        var rows = session.Page.Locator("#results tr");
        (await rows.CountAsync()).Should().Be(expected.Length);
        (await Text(session, "#row-simple td.server")).Should().Contain($"Access-Control-Allow-Origin: {demo.PageOrigin}");
        (await Text(session, "#row-preflighted td.server")).Should().Contain("OPTIONS (preflight)").And.Contain("PUT /api/items/7");
        (await Text(session, "#row-credentialed td.server")).Should().Contain("Access-Control-Allow-Credentials: true");
        (await Text(session, "#row-credentialed td.read")).Should().Contain("cookieReceived");
        (await Text(session, "#row-exposed td.read")).Should().Contain("X-Total-Count: 2").And.Contain("X-Request-Cost: null");
        (await Text(session, "#row-refused-origin td.server")).Should().Contain("GET /api/partner-only").And.Contain("(no Access-Control-* headers)");
        (await Text(session, "#row-refused-method td.server")).Should().Contain("actual request never sent");
        (await Text(session, "#row-refused-header td.server")).Should().Contain("actual request never sent");

        var path = Path.Combine(RepositoryRoot(), "docs", "images", "browser-demo.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await session.Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        new FileInfo(path).Length.Should().BeGreaterThan(10_000);
    }

    // The demo's default ports make the screenshot match what `dotnet run` shows (and keep the PNG stable between
    // runs); if they are taken, e.g. by a running demo, any free ports do.
    private static async Task<DemoServers> StartDemoAsync()
    {
        try
        {
            return await DemoServers.StartAsync(DemoServers.DefaultPagePort, DemoServers.DefaultApiPort);
        }
        catch (IOException)
        {
            return await DemoServers.StartAsync(pagePort: 0, apiPort: 0);
        }
    }

    private static Task<string> Text(BrowserSession session, string selector) => session.Page.Locator(selector).InnerTextAsync();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CorsKit.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CorsKit.sln not found above " + AppContext.BaseDirectory);
    }
}
