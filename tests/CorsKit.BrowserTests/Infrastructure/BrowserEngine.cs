namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>The browser engines the suite runs every scenario in.</summary>
public enum BrowserEngine
{
    /// <summary>Debian's chromium, driven by Playwright over the DevTools protocol.</summary>
    Chromium,

    /// <summary>Debian's firefox-esr, driven over WebDriver BiDi.</summary>
    Firefox,
}
