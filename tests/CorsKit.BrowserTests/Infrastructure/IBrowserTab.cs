namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>
/// What an engine driver provides for one isolated tab: the few primitives <see cref="BrowserSession"/> builds every
/// scenario step from. Script always takes one JSON string and returns a string, so both protocols carry it alike.
/// </summary>
internal interface IBrowserTab : IAsyncDisposable
{
    /// <summary>The tab's top-level frame.</summary>
    BrowserFrame MainFrame { get; }

    /// <summary>Navigates the tab and waits for the load event.</summary>
    /// <param name="url">The page's URL.</param>
    /// <returns>The HTTP status of the page's response.</returns>
    Task<int> NavigateAsync(string url);

    /// <summary>Calls <paramref name="function"/> (an async JavaScript function of one string) in a frame.</summary>
    /// <param name="frame">The frame whose realm runs the function.</param>
    /// <param name="function">The function's source.</param>
    /// <param name="argument">The argument.</param>
    /// <returns>The string the function's promise resolved to.</returns>
    Task<string> CallAsync(BrowserFrame frame, string function, string argument);

    /// <summary>The child frame whose window name is <paramref name="name"/>, or null.</summary>
    /// <param name="name">The iframe's name.</param>
    /// <returns>The frame.</returns>
    Task<BrowserFrame?> ChildFrameAsync(string name);

    /// <summary>Stores a cookie for an origin in this tab's cookie jar.</summary>
    /// <param name="origin">The origin, e.g. <c>http://api.example.test:41234</c>.</param>
    /// <param name="name">The cookie's name.</param>
    /// <param name="value">The cookie's value.</param>
    /// <returns>A task.</returns>
    Task AddCookieAsync(string origin, string name, string value);

    /// <summary>Saves a PNG of the whole page.</summary>
    /// <param name="path">Where to write it.</param>
    /// <returns>A task.</returns>
    Task ScreenshotAsync(string path);
}
