using Microsoft.Extensions.Logging.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Primitives;

namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a port picked by the OS (<c>http://127.0.0.1:0</c>), reached by the browsers
/// under <c>*.example.test</c> host names. Any host name reaches it, so one server serves several origins
/// (<c>http://app.example.test:port</c>, <c>http://evil.example.test:port</c>, ...). Every request is logged in
/// <see cref="Log"/> before anything else runs.
/// </summary>
public sealed class KestrelSite : IAsyncDisposable
{
    /// <summary>A tiny page; tests run their fetch() calls from it.</summary>
    public const string PageHtml = "<!doctype html><html><head><meta charset=\"utf-8\"><title>test page</title></head><body><p>test page</p></body></html>";

    /// <summary>A page whose iframe is sandboxed without allow-same-origin: its fetches send <c>Origin: null</c>.</summary>
    public const string SandboxedPageHtml =
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>sandbox</title></head><body>"
        + "<iframe name=\"sandboxed\" sandbox=\"allow-scripts\" srcdoc=\"<p>sandboxed frame</p>\"></iframe></body></html>";

    private readonly WebApplication _app;

    private KestrelSite(WebApplication app, string host, int port, RequestLog log)
    {
        _app = app;
        Host = host;
        Port = port;
        Log = log;
    }

    /// <summary>Every log record of the server (CorsKit's events among them).</summary>
    public FakeLogCollector Logs => _app.Services.GetFakeLogCollector();

    /// <summary>The host name tests use for this server by default.</summary>
    public string Host { get; }

    /// <summary>The port Kestrel bound.</summary>
    public int Port { get; }

    /// <summary>The server's default origin, e.g. <c>http://api.example.test:41234</c>.</summary>
    public string Origin => OriginFor(Host);

    /// <summary>What the server received.</summary>
    public RequestLog Log { get; }

    /// <summary>The origin for another host name served by this same server.</summary>
    /// <param name="host">A host under example.test, listed in <see cref="TestHosts.All"/>.</param>
    /// <returns>The origin.</returns>
    /// <exception cref="ArgumentException">The host is not one of <see cref="TestHosts.All"/> (Firefox could not resolve it).</exception>
    public string OriginFor(string host) =>
        TestHosts.All.Contains(host)
            ? $"http://{host}:{Port}"
            : throw new ArgumentException($"'{host}' is not in TestHosts.All, so Firefox would not resolve it to loopback; add it there.", nameof(host));

    /// <summary>A URL on the default origin.</summary>
    /// <param name="path">The path, starting with '/'.</param>
    /// <returns>The URL.</returns>
    public string Url(string path) => Origin + path;

    /// <summary>
    /// Starts a CorsKit API exactly as an application would: <c>AddCorsKit</c>, <c>UseExceptionHandler</c> (so errors
    /// are real problem-details responses), <c>UseCorsKit</c>, then the endpoints.
    /// </summary>
    /// <param name="host">The host name of the API's origin.</param>
    /// <param name="configureCors">Registers the policies.</param>
    /// <param name="mapEndpoints">Maps the endpoints.</param>
    /// <returns>The running server.</returns>
    public static Task<KestrelSite> StartApiAsync(string host, Action<CorsKitOptions> configureCors, Action<WebApplication> mapEndpoints) =>
        StartAsync(host, builder =>
        {
            builder.Services.AddProblemDetails();
            builder.Services.AddCorsKit(configureCors);
        }, app =>
        {
            app.UseExceptionHandler();
            app.UseCorsKit();
            mapEndpoints(app);
        });

    /// <summary>Starts a page server: <c>/</c> is a tiny HTML page, <c>/sandboxed</c> one with a sandboxed iframe.</summary>
    /// <param name="host">The host name of the page's origin.</param>
    /// <returns>The running server.</returns>
    public static Task<KestrelSite> StartPageAsync(string host = "app.example.test") =>
        StartAsync(host, _ => { }, MapPages);

    /// <summary>Starts a server with any services and pipeline (e.g. a deliberately broken CORS implementation).</summary>
    /// <param name="host">The host name of the server's origin.</param>
    /// <param name="configureServices">Configures the services.</param>
    /// <param name="configureApp">Configures the pipeline and endpoints (after the request log).</param>
    /// <returns>The running server.</returns>
    public static async Task<KestrelSite> StartAsync(string host, Action<WebApplicationBuilder> configureServices, Action<WebApplication> configureApp)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddFakeLogging();
        configureServices(builder);
        var app = builder.Build();
        var log = new RequestLog();
        app.Use((context, next) => Record(log, context, next));
        configureApp(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        VerdictAgreement.Register(new Uri(address).Port, log);
        return new KestrelSite(app, host, new Uri(address).Port, log);
    }

    /// <summary>Maps the test pages on an app (page servers, and APIs that also serve same-origin pages).</summary>
    /// <param name="app">The app.</param>
    public static void MapPages(WebApplication app)
    {
        app.MapGet("/", () => Results.Content(PageHtml, "text/html; charset=utf-8"));
        app.MapGet("/sandboxed", () => Results.Content(SandboxedPageHtml, "text/html; charset=utf-8"));
        app.MapGet("/favicon.ico", () => Results.NoContent());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static Task Record(RequestLog log, HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var entry = new RecordedRequest(request.Method, request.Path.Value ?? "/", Snapshot(request.Headers));
        log.Add(entry);

        // Registered first, so it runs last: it sees the headers CorsKit writes when the response starts, and the
        // entry is complete before a single byte reaches the browser.
        context.Response.OnStarting(() =>
        {
            entry.SetResponse(context.Response.StatusCode, Snapshot(context.Response.Headers));
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static Dictionary<string, string> Snapshot(IHeaderDictionary headers) =>
        headers.ToDictionary(h => h.Key, h => StringValues.IsNullOrEmpty(h.Value) ? string.Empty : h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
}
