using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CorsKit.Testing.Tests.Apps;

/// <summary>
/// Real Kestrel servers on 127.0.0.1 (port chosen by the OS) that the verdict engine and the corskit tool judge: a
/// CorsKit API, the same API with Microsoft.AspNetCore.Cors, and deliberately broken servers. Shared by the
/// CorsKit.Testing and CorsKit.Tool tests (linked source).
/// </summary>
public sealed class SampleServer : IAsyncDisposable
{
    /// <summary>The trusted front end.</summary>
    public const string AppOrigin = "https://app.example.com";

    /// <summary>An origin no policy allows.</summary>
    public const string EvilOrigin = "https://evil.example.net";

    private readonly WebApplication _app;

    private SampleServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The app's services (for the whole-app check).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri BaseAddress { get; }

    /// <summary>An absolute URL on this server.</summary>
    public string Url(string path) => new Uri(BaseAddress, path).AbsoluteUri;

    /// <summary>A client that, like a browser's network stack for CORS, never follows redirects on its own.</summary>
    public HttpClient CreateClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };

    /// <summary>The API with CorsKit: PUT/DELETE, X-Request-Id, credentials, X-Total-Count exposed, max-age 600.</summary>
    public static Task<SampleServer> StartCorsKitAsync() => StartAsync(
        builder => builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p
            .WithOrigins(AppOrigin)
            .WithMethods("PUT", "DELETE")
            .WithHeaders("X-Request-Id", "Content-Type")
            .WithExposedHeaders("X-Total-Count")
            .AllowCredentials()
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10)))),
        app =>
        {
            app.UseCorsKit();
            MapTodos(app);
        });

    /// <summary>The same API with Microsoft.AspNetCore.Cors.</summary>
    public static Task<SampleServer> StartMicrosoftCorsAsync() => StartAsync(
        builder => builder.Services.AddCors(cors => cors.AddDefaultPolicy(p => p
            .WithOrigins(AppOrigin)
            .WithMethods("GET", "PUT", "DELETE")
            .WithHeaders("X-Request-Id", "Content-Type")
            .WithExposedHeaders("X-Total-Count")
            .AllowCredentials()
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10)))),
        app =>
        {
            app.UseCors();
            MapTodos(app);
        });

    /// <summary>A hand-written CORS layer with one classic mistake.</summary>
    public static Task<SampleServer> StartBrokenAsync(BrokenCors mistake) => StartAsync(_ => { }, app =>
    {
        app.Use((context, next) =>
        {
            var request = context.Request;
            var response = context.Response;
            var origin = request.Headers.Origin.ToString();
            var isPreflight = HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method");
            switch (mistake)
            {
                case BrokenCors.WildcardWithCredentials:
                    response.Headers.AccessControlAllowOrigin = "*";
                    response.Headers.AccessControlAllowCredentials = "true";
                    break;
                case BrokenCors.PreflightAnswered401 when !request.Headers.ContainsKey("Authorization"):
                    // An authentication layer in front of CORS: the preflight carries no token.
                    response.StatusCode = StatusCodes.Status401Unauthorized;
                    response.Headers.WWWAuthenticate = "Bearer";
                    return Task.CompletedTask;
                case BrokenCors.PreflightRedirected when isPreflight:
                    response.StatusCode = StatusCodes.Status307TemporaryRedirect;
                    response.Headers.Location = "https://" + request.Host + request.Path;
                    return Task.CompletedTask;
                case BrokenCors.MissingMethod:
                    response.Headers.AccessControlAllowOrigin = origin;
                    response.Headers.Vary = "Origin";
                    break;
            }

            if (isPreflight)
            {
                response.Headers.AccessControlAllowOrigin = mistake == BrokenCors.WildcardWithCredentials ? "*" : origin;
                response.Headers.AccessControlAllowMethods = "GET, POST";
                response.Headers.AccessControlAllowHeaders = "X-Request-Id";
                response.StatusCode = StatusCodes.Status204NoContent;
                return Task.CompletedTask;
            }

            return next(context);
        });
        MapTodos(app);
    });

    /// <summary>Starts any app (e.g. for a test that needs its own pipeline).</summary>
    public static async Task<SampleServer> StartAsync(Action<WebApplicationBuilder> configureServices, Action<WebApplication> configureApp)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        configureServices(builder);
        var app = builder.Build();
        configureApp(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new SampleServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static void MapTodos(WebApplication app)
    {
        app.MapGet("/api/todos", (HttpResponse response) =>
        {
            response.Headers["X-Total-Count"] = "2";
            response.Headers["X-Internal"] = "secret";
            return Results.Ok(new[] { "write tests", "ship" });
        });
        app.MapPut("/api/todos/{id:int}", (int id) => Results.Ok(new { id, saved = true }));
        app.MapDelete("/api/todos/{id:int}", (int id) => Results.NoContent());
    }
}

/// <summary>The mistakes <see cref="SampleServer.StartBrokenAsync"/> can make.</summary>
public enum BrokenCors
{
    /// <summary><c>Access-Control-Allow-Origin: *</c> with <c>Access-Control-Allow-Credentials: true</c>.</summary>
    WildcardWithCredentials,

    /// <summary>Authentication runs first and answers the preflight 401.</summary>
    PreflightAnswered401,

    /// <summary>HTTPS redirection runs first and redirects the preflight.</summary>
    PreflightRedirected,

    /// <summary>The preflight answer lists GET and POST, not PUT or DELETE.</summary>
    MissingMethod,
}
