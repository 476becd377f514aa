using CorsKit.BrowserTests.Infrastructure;
using CorsKit.Samples.BrowserDemo;

namespace CorsKit.BrowserTests;

/// <summary>
/// Drives the two-origin demo (samples/CorsKit.Samples.BrowserDemo) as a user would: clicks every button, checks each
/// verdict, and saves the screenshot the README shows (docs/images/browser-demo.png).
/// </summary>
public abstract class BrowserDemoTests(IBrowserEngine browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task Every_demo_button_shows_the_browser_verdict_and_the_screenshot_is_saved()
    {
        await using var demo = await StartDemoAsync();
        await using var session = await NewSessionAsync();
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
            await session.ClickAsync($"#btn-{id}");
            (await session.AttributeAsync($"#row-{id}", "data-verdict")).Should().Be(verdict, $"the '{id}' button");
        }

        (await session.CountAsync("#results tr")).Should().Be(expected.Length);
        (await Text(session, "#row-simple td.server")).Should().Contain($"Access-Control-Allow-Origin: {demo.PageOrigin}");
        (await Text(session, "#row-preflighted td.server")).Should().Contain("OPTIONS (preflight)").And.Contain("PUT /api/items/7");
        (await Text(session, "#row-credentialed td.server")).Should().Contain("Access-Control-Allow-Credentials: true");
        (await Text(session, "#row-credentialed td.read")).Should().Contain("cookieReceived");
        (await Text(session, "#row-exposed td.read")).Should().Contain("X-Total-Count: 2").And.Contain("X-Request-Cost: null");
        (await Text(session, "#row-refused-origin td.server")).Should().Contain("GET /api/partner-only").And.Contain("(no Access-Control-* headers)");
        (await Text(session, "#row-refused-method td.server")).Should().Contain("actual request never sent");
        (await Text(session, "#row-refused-header td.server")).Should().Contain("actual request never sent");

        // The README shows Chromium's rendering; Firefox's goes next to the test output, so both renderings are checked.
        var path = Expect(
            chromium: Path.Combine(RepositoryRoot.Path, "docs", "images", "browser-demo.png"),
            firefox: Path.Combine(AppContext.BaseDirectory, "browser-demo-firefox.png"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await session.ScreenshotAsync(path);
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

    private static Task<string> Text(BrowserSession session, string selector) => session.TextAsync(selector);

    [Collection(ChromiumTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Chromium))]
    public sealed class InChromium(ChromiumFixture browser) : BrowserDemoTests(browser);

    [Collection(FirefoxTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Firefox))]
    public sealed class InFirefox(FirefoxFixture browser) : BrowserDemoTests(browser);
}
