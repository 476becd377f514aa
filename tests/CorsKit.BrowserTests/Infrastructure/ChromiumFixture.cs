using Microsoft.Playwright;

namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>
/// One Chromium for the Chromium collection (launching is the slow part); each session gets its own browser context,
/// so cookies, the HTTP cache and the preflight cache never leak between tests.
/// </summary>
public sealed class ChromiumFixture : IBrowserEngine, IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Exception? _launchError;

    public BrowserEngine Engine => BrowserEngine.Chromium;

    public async Task InitializeAsync()
    {
        if (Chromium.SkipReason is not null)
        {
            return;
        }

        try
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium.ExecutablePath,
                Headless = true,
                Args = Chromium.Arguments,
            });
        }
#pragma warning disable CA1031 // Reported by every test that needs the browser, with the cause.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _launchError = exception;
        }
    }

    public async Task<BrowserSession> NewSessionAsync()
    {
        if (_browser is null)
        {
            throw new InvalidOperationException(
                $"Chromium could not be launched from {Chromium.ExecutablePath} (run .ci/install): {_launchError?.Message}", _launchError);
        }

        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var console = new ConsoleLog();
        return new BrowserSession(Engine, await ChromiumTab.OpenAsync(context, console), console);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
