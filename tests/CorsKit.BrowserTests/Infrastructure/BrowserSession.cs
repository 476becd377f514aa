using System.Text.Json;

namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>
/// One isolated tab in one engine (its own cookies, HTTP cache and preflight cache), the console messages it logged,
/// and the one way scenarios run <c>fetch()</c> in it: <see cref="FetchInFrameAsync"/>.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    // Runs fetch() in the page and reports what script could observe: the promise's verdict, and when it resolved
    // the status, the body and every response header script can read (forEach only yields the readable ones).
    private const string FetchScript = """
        async (json) => {
          const { url, method, headers, body, credentials } = JSON.parse(json);
          const init = { headers };
          if (method !== null) init.method = method;
          if (body !== null) init.body = body;
          if (credentials !== null) init.credentials = credentials;
          try {
            const response = await fetch(url, init);
            const readable = {};
            response.headers.forEach((value, name) => { readable[name] = value; });
            const text = await response.text();
            return JSON.stringify({ resolved: true, status: response.status, body: text, headers: readable, error: null });
          } catch (error) {
            return JSON.stringify({ resolved: false, status: 0, body: null, headers: {}, error: `${error.name}: ${error.message}` });
          }
        }
        """;

    // What a user or a test reads of the page: how many elements a selector matches, or the first one's inner text or
    // attribute (null while nothing matches), or a click on it.
    private const string QueryScript = """
        async (json) => {
          const { selector, action, attribute } = JSON.parse(json);
          if (action === "count") return JSON.stringify(String(document.querySelectorAll(selector).length));
          const element = document.querySelector(selector);
          if (element === null) return JSON.stringify(null);
          if (action === "click") { element.click(); return JSON.stringify("clicked"); }
          return JSON.stringify(action === "text" ? element.innerText : element.getAttribute(attribute));
        }
        """;

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly IBrowserTab _tab;
    private readonly ConsoleLog _console;

    internal BrowserSession(BrowserEngine engine, IBrowserTab tab, ConsoleLog console)
    {
        Engine = engine;
        _tab = tab;
        _console = console;
    }

    /// <summary>The engine this session runs in.</summary>
    public BrowserEngine Engine { get; }

    /// <summary>The page's top-level frame.</summary>
    public BrowserFrame MainFrame => _tab.MainFrame;

    /// <summary>Everything the page's console received so far, including the engine's own CORS error messages.</summary>
    public IReadOnlyList<string> ConsoleMessages => _console.Messages;

    /// <summary>Navigates the page (the origin the fetches will come from).</summary>
    /// <param name="url">The page's URL.</param>
    /// <returns>A task.</returns>
    public async Task GoToAsync(string url)
    {
        var status = await _tab.NavigateAsync(url);
        status.Should().BeInRange(200, 299, $"the test page {url} must load in {Engine}");
    }

    /// <summary>Runs <c>fetch(url, init)</c> in the page's main frame.</summary>
    /// <param name="url">The URL to fetch.</param>
    /// <param name="init">The fetch options.</param>
    /// <returns>What script observed.</returns>
    public Task<FetchOutcome> FetchAsync(string url, FetchInit? init = null) => FetchInFrameAsync(MainFrame, url, init);

    /// <summary>
    /// Runs <c>fetch(url, init)</c> in the given frame (e.g. a sandboxed iframe). Every scenario's fetch goes through
    /// here, in both engines: the one place to observe or cross-check what the browser decided.
    /// </summary>
    /// <param name="frame">The frame.</param>
    /// <param name="url">The URL to fetch.</param>
    /// <param name="init">The fetch options.</param>
    /// <returns>What script observed.</returns>
    public async Task<FetchOutcome> FetchInFrameAsync(BrowserFrame frame, string url, FetchInit? init = null)
    {
        init ??= new FetchInit();
        var request = JsonSerializer.Serialize(new
        {
            url,
            method = init.Method,
            headers = init.Headers.Select(h => new[] { h.Key, h.Value }).ToArray(),
            body = init.Body,
            credentials = init.Credentials,
        });
        var json = await _tab.CallAsync(frame, FetchScript, request);
        await VerdictAgreement.JudgeAsync(Engine, _tab, frame, url, init, json, _console);
        return JsonSerializer.Deserialize<FetchOutcome>(json, JsonOptions)
            ?? throw new InvalidOperationException($"The fetch script returned '{json}'.");
    }

    /// <summary>The iframe of the page whose name is <paramref name="name"/>.</summary>
    /// <param name="name">The iframe's <c>name</c> attribute.</param>
    /// <returns>The frame.</returns>
    public async Task<BrowserFrame> ChildFrameAsync(string name) =>
        await _tab.ChildFrameAsync(name) ?? throw new InvalidOperationException($"The page in {Engine} has no iframe named '{name}'.");

    /// <summary>Stores a cookie for <paramref name="origin"/> in this session's cookie jar.</summary>
    /// <param name="origin">The origin the cookie belongs to.</param>
    /// <param name="name">The cookie's name.</param>
    /// <param name="value">The cookie's value.</param>
    /// <returns>A task.</returns>
    public Task AddCookieAsync(string origin, string name, string value) => _tab.AddCookieAsync(origin, name, value);

    /// <summary>Clicks the element <paramref name="selector"/> matches, as a user would.</summary>
    /// <param name="selector">A CSS selector.</param>
    /// <returns>A task.</returns>
    public async Task ClickAsync(string selector) =>
        (await QueryAsync(selector, "click", attribute: null)).Should().Be("clicked", $"'{selector}' must exist in {Engine}");

    /// <summary>Waits up to ten seconds for <paramref name="selector"/> to match, and reads its inner text.</summary>
    /// <param name="selector">A CSS selector.</param>
    /// <returns>The text.</returns>
    public async Task<string> TextAsync(string selector) => await WaitForAsync(selector, "text", attribute: null);

    /// <summary>Waits up to ten seconds for <paramref name="selector"/> to match, and reads an attribute.</summary>
    /// <param name="selector">A CSS selector.</param>
    /// <param name="attribute">The attribute's name.</param>
    /// <returns>The attribute's value.</returns>
    public async Task<string> AttributeAsync(string selector, string attribute) => await WaitForAsync(selector, "attribute", attribute);

    /// <summary>How many elements <paramref name="selector"/> matches now.</summary>
    /// <param name="selector">A CSS selector.</param>
    /// <returns>The count.</returns>
    public async Task<int> CountAsync(string selector) =>
        int.Parse((await QueryAsync(selector, "count", attribute: null))!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Saves a PNG of the whole page.</summary>
    /// <param name="path">Where to write it.</param>
    /// <returns>A task.</returns>
    public Task ScreenshotAsync(string path) => _tab.ScreenshotAsync(path);

    /// <summary>Waits until a console message contains every fragment (case-insensitive), or returns the messages seen.</summary>
    /// <param name="fragments">Text the message must contain.</param>
    /// <returns>The matching message, or <see langword="null"/> after five seconds.</returns>
    public async Task<string?> WaitForConsoleMessageAsync(params string[] fragments)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var match = _console.Messages.FirstOrDefault(m => fragments.All(f => m.Contains(f, StringComparison.OrdinalIgnoreCase)));
            if (match is not null)
            {
                return match;
            }

            await Task.Delay(100);
        }

        return null;
    }

    public ValueTask DisposeAsync() => _tab.DisposeAsync();

    private async Task<string> WaitForAsync(string selector, string action, string? attribute)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await QueryAsync(selector, action, attribute) is { } value)
            {
                return value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Nothing matched '{selector}' in {Engine} within ten seconds.");
    }

    private async Task<string?> QueryAsync(string selector, string action, string? attribute)
    {
        var json = await _tab.CallAsync(MainFrame, QueryScript, JsonSerializer.Serialize(new { selector, action, attribute }));
        return JsonSerializer.Deserialize<string?>(json);
    }
}
