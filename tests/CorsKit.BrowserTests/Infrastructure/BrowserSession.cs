using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>A browser context with one page, the console messages it logged, and a way to run <c>fetch()</c> in it.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    // Runs fetch() in the page and reports what script could observe: the promise's verdict, and when it resolved
    // the status, the body and every response header script can read (forEach only yields the readable ones).
    private const string FetchScript = """
        async ({ url, method, headers, body, credentials }) => {
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

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private readonly ConcurrentQueue<string> _console = new();

    private BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) => _console.Enqueue(message.Text);
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Everything the page's console received so far, including Chromium's own CORS error messages.</summary>
    public IReadOnlyList<string> ConsoleMessages => [.. _console];

    internal static async Task<BrowserSession> OpenAsync(IBrowserContext context) => new(context, await context.NewPageAsync());

    /// <summary>Navigates the page (the origin the fetches will come from).</summary>
    /// <param name="url">The page's URL.</param>
    /// <returns>A task.</returns>
    public async Task GoToAsync(string url)
    {
        var response = await Page.GotoAsync(url);
        response.Should().NotBeNull();
        response!.Ok.Should().BeTrue($"the test page {url} must load");
    }

    /// <summary>Runs <c>fetch(url, init)</c> in the page's main frame.</summary>
    /// <param name="url">The URL to fetch.</param>
    /// <param name="init">The fetch options.</param>
    /// <returns>What script observed.</returns>
    public Task<FetchOutcome> FetchAsync(string url, FetchInit? init = null) => FetchInFrameAsync(Page.MainFrame, url, init);

    /// <summary>Runs <c>fetch(url, init)</c> in the given frame (e.g. a sandboxed iframe).</summary>
    /// <param name="frame">The frame.</param>
    /// <param name="url">The URL to fetch.</param>
    /// <param name="init">The fetch options.</param>
    /// <returns>What script observed.</returns>
    public static async Task<FetchOutcome> FetchInFrameAsync(IFrame frame, string url, FetchInit? init = null)
    {
        init ??= new FetchInit();
        var json = await frame.EvaluateAsync<string>(FetchScript, new
        {
            url,
            method = init.Method,
            headers = init.Headers.Select(h => new[] { h.Key, h.Value }).ToArray(),
            body = init.Body,
            credentials = init.Credentials,
        });
        await VerdictAgreement.JudgeAsync(frame, url, init, json);
        return JsonSerializer.Deserialize<FetchOutcome>(json, JsonOptions)!;
    }

    /// <summary>Waits until a console message contains every fragment (case-insensitive), or returns the messages seen.</summary>
    /// <param name="fragments">Text the message must contain.</param>
    /// <returns>The matching message, or <see langword="null"/> after five seconds.</returns>
    public async Task<string?> WaitForConsoleMessageAsync(params string[] fragments)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var match = _console.FirstOrDefault(m => fragments.All(f => m.Contains(f, StringComparison.OrdinalIgnoreCase)));
            if (match is not null)
            {
                return match;
            }

            await Task.Delay(100);
        }

        return null;
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}

/// <summary>The options of one <c>fetch()</c> call.</summary>
public sealed record FetchInit
{
    /// <summary>The method exactly as script passes it (<c>"patch"</c> stays lower-case), or null for GET.</summary>
    public string? Method { get; init; }

    /// <summary>Request headers script sets.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The request body.</summary>
    public string? Body { get; init; }

    /// <summary><c>omit</c>, <c>same-origin</c> (the default) or <c>include</c>.</summary>
    public string? Credentials { get; init; }
}

/// <summary>What script could observe of one <c>fetch()</c>.</summary>
public sealed record FetchOutcome
{
    /// <summary>True when the promise resolved; false when it rejected (a CORS failure is a TypeError).</summary>
    public bool Resolved { get; init; }

    /// <summary>The status script read (0 when rejected).</summary>
    public int Status { get; init; }

    /// <summary>The body script read (null when rejected).</summary>
    public string? Body { get; init; }

    /// <summary>The response headers script could read, by lower-case name.</summary>
    public Dictionary<string, string> Headers { get; init; } = [];

    /// <summary>The rejection, e.g. <c>TypeError: Failed to fetch</c>.</summary>
    public string? Error { get; init; }
}
