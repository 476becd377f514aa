using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CorsKit.Tests.Integration;

/// <summary>
/// A real ASP.NET Core application on the in-memory test server, configured per test: services, pipeline and
/// endpoints. Requests go through the full pipeline (routing, MVC, exception handler) as they would on Kestrel.
/// </summary>
internal sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestApp(WebApplication app, TestLoggerProvider logs)
    {
        _app = app;
        Logs = logs;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public TestLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<TestApp> StartAsync(
        Action<CorsKitOptions> configureCors,
        Action<WebApplication> configureApp,
        Action<IServiceCollection>? configureServices = null) =>
        StartAsync(builder => builder.Services.AddCorsKit(configureCors), configureApp, configureServices);

    public static async Task<TestApp> StartAsync(
        Action<WebApplicationBuilder> configureBuilder,
        Action<WebApplication> configureApp,
        Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var logs = new TestLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        configureBuilder(builder);
        builder.Services.AddControllers().AddApplicationPart(typeof(TestApp).Assembly);
        builder.Services.AddProblemDetails();
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        configureApp(app);
        await app.StartAsync();
        return new TestApp(app, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
