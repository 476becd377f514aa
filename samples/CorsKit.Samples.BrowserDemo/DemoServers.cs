using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CorsKit.Samples.BrowserDemo;

/// <summary>
/// The demo's two origins, each a Kestrel app: the page (origin A, <c>http://localhost:port</c>) and the CorsKit API
/// (origin B, <c>http://127.0.0.1:port</c>). Port 0 picks free ports (the browser tests use that).
/// </summary>
public sealed class DemoServers : IAsyncDisposable
{
    /// <summary>The page's port when none is given.</summary>
    public const int DefaultPagePort = 5290;

    /// <summary>The API's port when none is given.</summary>
    public const int DefaultApiPort = 5291;

    /// <summary>The partner origin the refused-origin endpoint allows (and the page is not).</summary>
    public const string PartnerOrigin = "https://partner.example.net";

    private readonly DemoPageHost _page;
    private readonly WebApplication _api;

    private DemoServers(DemoPageHost page, WebApplication api, string apiOrigin)
    {
        _page = page;
        _api = api;
        ApiOrigin = apiOrigin;
    }

    /// <summary>The page's origin, e.g. <c>http://localhost:5290</c>.</summary>
    public string PageOrigin => _page.PageOrigin;

    /// <summary>The API's origin, e.g. <c>http://127.0.0.1:5291</c>.</summary>
    public string ApiOrigin { get; }

    /// <summary>Starts the page, then the API with a policy that allows the page's origin.</summary>
    /// <param name="pagePort">The page's port, or 0 for a free one.</param>
    /// <param name="apiPort">The API's port, or 0 for a free one.</param>
    /// <returns>The running servers.</returns>
    public static async Task<DemoServers> StartAsync(int pagePort, int apiPort)
    {
        // The page can be asked for before the API has bound its port: it says so (503, retry) until it is connected.
        var page = await DemoPageHost.StartAsync(pagePort);
        WebApplication? api = null;
        try
        {
            api = CreateApi(page.PageOrigin, apiPort);
            await api.StartAsync();
            var apiOrigin = "http://127.0.0.1:" + BoundPort(api);
            page.ConnectApi(apiOrigin);
            return new DemoServers(page, api, apiOrigin);
        }
        catch
        {
            if (api is not null)
            {
                await api.DisposeAsync();
            }

            await page.DisposeAsync();
            throw;
        }
    }

    /// <summary>Completes when either app is asked to stop (Ctrl+C, SIGTERM).</summary>
    /// <returns>A task.</returns>
    public Task WaitForShutdownAsync() => Task.WhenAny(_page.WaitForShutdownAsync(), _api.WaitForShutdownAsync());

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await _page.DisposeAsync();
    }

    private static WebApplication CreateApi(string pageOrigin, int apiPort)
    {
        var builder = WebApplication.CreateSlimBuilder();
        ConfigureHost(builder, $"http://127.0.0.1:{apiPort}");
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<ResponseLog>();
        builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p
            .WithOrigins(pageOrigin)
            .WithMethods("GET", "PUT")
            .WithHeaders("Content-Type")
            .WithExposedHeaders("X-Total-Count")
            .AllowCredentials()
            // No preflight caching, so every click shows its preflight in the table. Real apps cache for minutes.
            .SetPreflightMaxAge(TimeSpan.Zero)));

        var api = builder.Build();
        api.Use(RecordExchange);
        api.UseCorsKit();

        api.MapGet("/api/simple", () => Results.Ok(new { message = "Hello from the API" }));
        api.MapPut("/api/items/{id:int}", (int id, Item item) => Results.Ok(item with { Id = id }));
        api.MapDelete("/api/items/{id:int}", (int id) => Results.NoContent());
        api.MapPost("/api/login", (HttpContext context) =>
        {
            // localhost and 127.0.0.1 are different sites, so only a SameSite=None cookie can travel on the page's
            // credentialed fetches (browsers require Secure with it), and only where third-party cookies are allowed.
            context.Response.Cookies.Append("demo_session", "s3cr3t", new CookieOptions
            {
                HttpOnly = true,
                Secure = true,
                SameSite = SameSiteMode.None,
                Path = "/",
            });
            return Results.Ok(new { loggedIn = true });
        });
        api.MapGet("/api/me", (HttpContext context) =>
            Results.Ok(new { cookieReceived = context.Request.Cookies["demo_session"] ?? "(none)" }));
        api.MapGet("/api/todos", (HttpContext context) =>
        {
            context.Response.Headers["X-Total-Count"] = "2";
            context.Response.Headers["X-Request-Cost"] = "3";
            return Results.Ok(new[] { new Item(1, "Write the policy"), new Item(2, "Ship it") });
        });
        api.MapGet("/api/partner-only", () => Results.Ok(new { secret = "partner data" }))
            .RequireCorsKit(p => p.WithOrigins(PartnerOrigin));

        // The page reads back what the API sent for a demo request (script cannot see blocked responses).
        api.MapGet("/_demo/log/{demoId}", (string demoId, ResponseLog log) => Results.Ok(log.For(demoId)))
            .RequireCorsKit(p => p.WithOrigins(pageOrigin));
        return api;
    }

    private static async Task RecordExchange(HttpContext context, RequestDelegate next)
    {
        await next(context);
        var demoId = context.Request.Query["demo"].ToString();
        if (demoId.Length == 0)
        {
            return;
        }

        var request = context.Request;
        var response = context.Response;
        var corsHeaders = response.Headers
            .Where(h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("Vary", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var isPreflight = HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method");
        context.RequestServices.GetRequiredService<ResponseLog>().Add(demoId, new ResponseLogEntry(
            request.Method,
            request.Path.Value ?? "/",
            isPreflight,
            request.Headers.Origin.Count > 0 ? request.Headers.Origin.ToString() : null,
            request.Headers.Cookie.Count > 0,
            response.StatusCode,
            corsHeaders));
    }

    internal static WebApplication CreateApp(string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        ConfigureHost(builder, url);
        return builder.Build();
    }

    private static void ConfigureHost(WebApplicationBuilder builder, string url)
    {
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // CorsKit explains every refusal at Information level: keep those on the console.
        builder.Logging.AddFilter("CorsKit", LogLevel.Information);
    }

    internal static int BoundPort(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)).Port;
    }
}

/// <summary>An item the demo API returns.</summary>
/// <param name="Id">The identifier.</param>
/// <param name="Title">The title.</param>
public sealed record Item(int Id, string Title);
