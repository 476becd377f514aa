using WebDriverBiDi;
using WebDriverBiDi.Browser;
using WebDriverBiDi.BrowsingContext;
using WebDriverBiDi.Network;
using WebDriverBiDi.Script;
using WebDriverBiDi.Storage;

namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>
/// A tab in its own WebDriver BiDi user context (own cookies, HTTP cache and preflight cache): Firefox's side of
/// <see cref="IBrowserTab"/>. Disposing it removes the user context and everything in it.
/// </summary>
internal sealed class FirefoxTab : IBrowserTab
{
    private const string NavigationStatusScript =
        "async () => String(performance.getEntriesByType('navigation')[0]?.responseStatus ?? 0)";

    private readonly BiDiDriver _driver;
    private readonly string _userContext;
    private readonly string _context;
    private readonly Action _onDispose;

    private FirefoxTab(BiDiDriver driver, string userContext, string context, Action onDispose)
    {
        _driver = driver;
        _userContext = userContext;
        _context = context;
        _onDispose = onDispose;
        MainFrame = new BrowserFrame(context, "main frame");
    }

    public BrowserFrame MainFrame { get; }

    /// <summary>Creates a user context and a tab in it.</summary>
    /// <param name="driver">The connected driver.</param>
    /// <param name="onCreated">Told the new tab's browsing context id before the tab loads any page.</param>
    /// <param name="onDispose">Called once the tab is gone.</param>
    /// <returns>The tab.</returns>
    public static async Task<FirefoxTab> OpenAsync(BiDiDriver driver, Action<string> onCreated, Action onDispose)
    {
        var userContext = (await driver.Browser.CreateUserContextAsync(new CreateUserContextCommandParameters())).UserContextId;
        try
        {
            var tab = await driver.BrowsingContext.CreateAsync(new CreateCommandParameters(CreateType.Tab) { UserContextId = userContext });
            onCreated(tab.BrowsingContextId);
            return new FirefoxTab(driver, userContext, tab.BrowsingContextId, onDispose);
        }
        catch
        {
            await driver.Browser.RemoveUserContextAsync(new RemoveUserContextCommandParameters(userContext));
            throw;
        }
    }

    public async Task<int> NavigateAsync(string url)
    {
        await _driver.BrowsingContext.NavigateAsync(new NavigateCommandParameters(_context, url) { Wait = ReadinessState.Complete });
        var status = await CallAsync(MainFrame, NavigationStatusScript, string.Empty);
        return int.Parse(status, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<string> CallAsync(BrowserFrame frame, string function, string argument)
    {
        var call = new CallFunctionCommandParameters(function, new ContextTarget((string)frame.Handle), awaitPromise: true);
        call.Arguments.Add(LocalValue.String(argument));
        var result = await _driver.Script.CallFunctionAsync(call);
        return result switch
        {
            EvaluateResultSuccess { Result: StringRemoteValue text } => text.Value,
            EvaluateResultSuccess success => throw new InvalidOperationException($"Script in {frame} returned a {success.Result.Type}, not a string."),
            EvaluateResultException failure => throw new InvalidOperationException($"Script in {frame} threw: {failure.ExceptionDetails.Text}"),
            _ => throw new InvalidOperationException($"Script in {frame} ended with {result.ResultType}."),
        };
    }

    public async Task<BrowserFrame?> ChildFrameAsync(string name)
    {
        var tree = await _driver.BrowsingContext.GetTreeAsync(new GetTreeCommandParameters { RootBrowsingContextId = _context });
        foreach (var child in tree.ContextTree.SelectMany(c => c.Children ?? []))
        {
            var frame = new BrowserFrame(child.BrowsingContextId, $"iframe '{name}'");
            if (await CallAsync(frame, "async () => window.name", string.Empty) == name)
            {
                return frame;
            }
        }

        return null;
    }

    public async Task AddCookieAsync(string origin, string name, string value)
    {
        var cookie = new PartialCookie(name, BytesValue.FromString(value), new Uri(origin).Host) { Path = "/" };
        await _driver.Storage.SetCookieAsync(new SetCookieCommandParameters(cookie)
        {
            Partition = new StorageKeyPartitionDescriptor { UserContextId = _userContext },
        });
    }

    public async Task ScreenshotAsync(string path)
    {
        var screenshot = await _driver.BrowsingContext.CaptureScreenshotAsync(
            new CaptureScreenshotCommandParameters(_context) { Origin = ScreenshotOrigin.Document });
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(screenshot.Data));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _driver.Browser.RemoveUserContextAsync(new RemoveUserContextCommandParameters(_userContext));
        }
        finally
        {
            _onDispose();
        }
    }
}
