using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CorsKit.TestKit;

/// <summary>
/// The one host helper of the test suites: a real ASP.NET Core application configured per test (services, pipeline,
/// endpoints), served in memory or by Kestrel on loopback, with every log record captured by the framework's
/// <see cref="FakeLogCollector"/>. Nothing here touches anything but loopback.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHost(WebApplication app, HttpClient client, Uri? address)
    {
        _app = app;
        Client = client;
        Address = address;
        Logs = app.Services.GetFakeLogCollector();
    }

    /// <summary>A client for the host (in memory, or on its loopback address).</summary>
    public HttpClient Client { get; }

    /// <summary>The loopback address of a Kestrel host; <see langword="null"/> in memory.</summary>
    public Uri? Address { get; }

    /// <summary>The loopback port of a Kestrel host.</summary>
    public int Port => Address?.Port ?? throw new InvalidOperationException("An in-memory host has no port.");

    /// <summary>Every log record of the application.</summary>
    public FakeLogCollector Logs { get; }

    /// <summary>The application's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host whose only configuration is CorsKit's.</summary>
    /// <param name="configureCors">CorsKit's options.</param>
    /// <param name="configureApp">The pipeline and endpoints.</param>
    /// <param name="transport">In memory or Kestrel.</param>
    /// <param name="configureServices">More services.</param>
    /// <param name="configureKestrel">Kestrel limits, for a Kestrel host.</param>
    /// <param name="minimumLevel">The lowest log level recorded.</param>
    /// <returns>The started host.</returns>
    public static Task<TestHost> StartAsync(
        Action<CorsKitOptions> configureCors,
        Action<WebApplication> configureApp,
        TestTransport transport = TestTransport.InMemory,
        Action<IServiceCollection>? configureServices = null,
        Action<KestrelServerOptions>? configureKestrel = null,
        LogLevel minimumLevel = LogLevel.Debug) =>
        StartAsync(builder => builder.Services.AddCorsKit(configureCors), configureApp, transport, configureServices, configureKestrel, minimumLevel);

    /// <summary>Starts a Kestrel host on loopback whose only configuration is CorsKit's.</summary>
    /// <param name="configureCors">CorsKit's options.</param>
    /// <param name="configureApp">The pipeline and endpoints.</param>
    /// <param name="configureKestrel">Kestrel limits.</param>
    /// <param name="minimumLevel">The lowest log level recorded.</param>
    /// <returns>The started host.</returns>
    public static Task<TestHost> StartKestrelAsync(
        Action<CorsKitOptions> configureCors,
        Action<WebApplication> configureApp,
        Action<KestrelServerOptions>? configureKestrel = null,
        LogLevel minimumLevel = LogLevel.Debug) =>
        StartAsync(configureCors, configureApp, TestTransport.Kestrel, configureKestrel: configureKestrel, minimumLevel: minimumLevel);

    /// <summary>Starts a host.</summary>
    /// <param name="configureBuilder">Services and configuration.</param>
    /// <param name="configureApp">The pipeline and endpoints.</param>
    /// <param name="transport">In memory or Kestrel.</param>
    /// <param name="configureServices">More services, after <paramref name="configureBuilder"/>.</param>
    /// <param name="configureKestrel">Kestrel limits, for a Kestrel host.</param>
    /// <param name="minimumLevel">The lowest log level recorded.</param>
    /// <returns>The started host.</returns>
    public static async Task<TestHost> StartAsync(
        Action<WebApplicationBuilder> configureBuilder,
        Action<WebApplication> configureApp,
        TestTransport transport = TestTransport.InMemory,
        Action<IServiceCollection>? configureServices = null,
        Action<KestrelServerOptions>? configureKestrel = null,
        LogLevel minimumLevel = LogLevel.Debug)
    {
        var builder = WebApplication.CreateSlimBuilder();
        if (transport == TestTransport.InMemory)
        {
            builder.WebHost.UseTestServer();
        }
        else
        {
            builder.WebHost.UseKestrel(options => configureKestrel?.Invoke(options)).UseUrls("http://127.0.0.1:0");
        }

        builder.Logging.ClearProviders().AddFakeLogging().SetMinimumLevel(minimumLevel);
        configureBuilder(builder);
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        configureApp(app);
        await app.StartAsync();
        if (transport == TestTransport.InMemory)
        {
            return new TestHost(app, app.GetTestClient(), address: null);
        }

        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        // Redirects are answers under test (a redirected preflight is a failure to report), never followed.
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = address };
        return new TestHost(app, client, address);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
