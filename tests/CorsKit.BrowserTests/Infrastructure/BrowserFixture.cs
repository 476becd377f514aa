using Microsoft.Playwright;

namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>
/// One Chromium for the whole suite (launching is the slow part); each test gets its own browser context, so cookies,
/// the HTTP cache and the preflight cache never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Exception? _launchError;

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

    /// <summary>Opens a fresh context and page; dispose it at the end of the test.</summary>
    /// <returns>The page session.</returns>
    public async Task<BrowserSession> NewSessionAsync()
    {
        if (_browser is null)
        {
            throw new InvalidOperationException(
                $"Chromium could not be launched from {Chromium.ExecutablePath} (run .ci/install): {_launchError?.Message}", _launchError);
        }

        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        return await BrowserSession.OpenAsync(context);
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

/// <summary>All browser tests share one Chromium and run one after another (the machine has two cores).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
