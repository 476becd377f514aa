namespace CorsKit.Samples.BrowserDemo;

/// <summary>
/// The demo page's app (origin A). It starts before the API, so for a moment it has no API to point the page at: until
/// <see cref="ConnectApi"/> is called it answers <c>/</c> with 503 Service Unavailable, a <c>Retry-After</c> header and a
/// page that says so and reloads itself, never with a 500.
/// </summary>
public sealed class DemoPageHost : IAsyncDisposable
{
    /// <summary>The seconds a browser (or a client honouring <c>Retry-After</c>) waits before asking again.</summary>
    public const int RetryAfterSeconds = 1;

    private readonly WebApplication _app;
    private volatile string? _apiOrigin;

    private DemoPageHost(WebApplication app) => _app = app;

    /// <summary>The page's origin, e.g. <c>http://localhost:5290</c>.</summary>
    public string PageOrigin { get; private set; } = string.Empty;

    /// <summary>The API's origin once connected; <see langword="null"/> before.</summary>
    public string? ApiOrigin => _apiOrigin;

    /// <summary>Starts the page's app, answering 503 until the API is connected.</summary>
    /// <param name="port">The port, or 0 for a free one.</param>
    /// <returns>The running page.</returns>
    public static async Task<DemoPageHost> StartAsync(int port)
    {
        // Kestrel cannot pick a free port for "localhost" (it binds two addresses), so port 0 binds 127.0.0.1 only;
        // browsers still reach it as http://localhost:port, which is a different origin from http://127.0.0.1:port.
        var app = DemoServers.CreateApp(port == 0 ? "http://127.0.0.1:0" : $"http://localhost:{port}");
        var host = new DemoPageHost(app);
        app.MapGet("/", host.Render);
        await app.StartAsync();
        host.PageOrigin = "http://localhost:" + DemoServers.BoundPort(app);
        return host;
    }

    /// <summary>Points the page at the API, once it listens.</summary>
    /// <param name="apiOrigin">The API's origin, e.g. <c>http://127.0.0.1:5291</c>.</param>
    public void ConnectApi(string apiOrigin)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiOrigin);
        _apiOrigin = apiOrigin;
    }

    /// <summary>Completes when the app is asked to stop (Ctrl+C, SIGTERM).</summary>
    /// <returns>A task.</returns>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private IResult Render(HttpContext context)
    {
        if (_apiOrigin is not { } apiOrigin)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Content(
                $"<!doctype html><meta http-equiv=\"refresh\" content=\"{RetryAfterSeconds}\"><title>CorsKit demo</title>"
                + "<p>The demo API is still starting; this page reloads in a second.</p>",
                "text/html; charset=utf-8",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Content(DemoPage.Render(apiOrigin), "text/html; charset=utf-8");
    }
}
