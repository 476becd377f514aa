namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>Base of every browser test: shares the suite's Chromium and names the origins the tests use.</summary>
[Collection(BrowserTestGroup.Name)]
public abstract class BrowserTest(BrowserFixture browser)
{
    /// <summary>The API's host.</summary>
    protected const string ApiHost = "api.example.test";

    /// <summary>The trusted page's host.</summary>
    protected const string AppHost = "app.example.test";

    /// <summary>An untrusted page's host.</summary>
    protected const string EvilHost = "evil.example.test";

    protected BrowserFixture Browser { get; } = browser;
}
