using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CorsKit.HardeningTests.Infrastructure;

/// <summary>
/// A real Kestrel server with CorsKit, listening on an ephemeral loopback port (<c>http://127.0.0.1:0</c>); the port is
/// read back from <see cref="IServerAddressesFeature"/>. Nothing here touches anything but loopback.
/// </summary>
internal sealed class KestrelApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelApp(WebApplication app, CapturingLoggerProvider logs, Uri address)
    {
        _app = app;
        Logs = logs;
        Address = address;
    }

    public Uri Address { get; }

    public int Port => Address.Port;

    public CapturingLoggerProvider Logs { get; }

    public static async Task<KestrelApp> StartAsync(
        Action<CorsKitOptions> configureCors,
        Action<WebApplication> configureApp,
        Action<KestrelServerOptions>? configureKestrel = null,
        LogLevel minimumLevel = LogLevel.Debug)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => configureKestrel?.Invoke(options)).UseUrls("http://127.0.0.1:0");
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(minimumLevel);
        builder.Services.AddCorsKit(configureCors);
        var app = builder.Build();
        configureApp(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new KestrelApp(app, logs, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
