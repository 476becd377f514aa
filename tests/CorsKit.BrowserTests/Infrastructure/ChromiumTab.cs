using Microsoft.Playwright;

namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>A Playwright browser context with one page: Chromium's side of <see cref="IBrowserTab"/>.</summary>
internal sealed class ChromiumTab : IBrowserTab
{
    private readonly IBrowserContext _context;
    private readonly IPage _page;

    private ChromiumTab(IBrowserContext context, IPage page, ConsoleLog console)
    {
        _context = context;
        _page = page;
        page.Console += (_, message) => console.Add(message.Text);
        MainFrame = new BrowserFrame(page.MainFrame, "main frame");
    }

    public BrowserFrame MainFrame { get; }

    public static async Task<ChromiumTab> OpenAsync(IBrowserContext context, ConsoleLog console) =>
        new(context, await context.NewPageAsync(), console);

    public async Task<int> NavigateAsync(string url)
    {
        var response = await _page.GotoAsync(url);
        return response?.Status ?? 0;
    }

    public Task<string> CallAsync(BrowserFrame frame, string function, string argument) =>
        ((IFrame)frame.Handle).EvaluateAsync<string>(function, argument);

    public async Task<BrowserFrame?> ChildFrameAsync(string name)
    {
        var element = await _page.QuerySelectorAsync($"iframe[name='{name}']");
        return element is not null && await element.ContentFrameAsync() is { } frame ? new BrowserFrame(frame, $"iframe '{name}'") : null;
    }

    public Task AddCookieAsync(string origin, string name, string value) =>
        _context.AddCookiesAsync([new Cookie { Name = name, Value = value, Url = origin }]);

    public Task ScreenshotAsync(string path) => _page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });

    public ValueTask DisposeAsync() => _context.DisposeAsync();
}
