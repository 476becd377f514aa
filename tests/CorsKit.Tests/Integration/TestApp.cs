using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CorsKit.Tests.Integration;

/// <summary>
/// The suite's <see cref="TestHost"/> with this assembly's test controllers and problem details registered, so every
/// app can map controllers and exercise the exception handler. Requests go through the full pipeline (routing, MVC,
/// exception handler) in memory, as they would on Kestrel.
/// </summary>
internal static class TestApp
{
    public static Task<TestHost> StartAsync(
        Action<CorsKitOptions> configureCors,
        Action<WebApplication> configureApp,
        Action<IServiceCollection>? configureServices = null) =>
        StartAsync(builder => builder.Services.AddCorsKit(configureCors), configureApp, configureServices);

    public static Task<TestHost> StartAsync(
        Action<WebApplicationBuilder> configureBuilder,
        Action<WebApplication> configureApp,
        Action<IServiceCollection>? configureServices = null) =>
        TestHost.StartAsync(
            configureBuilder,
            configureApp,
            configureServices: services =>
            {
                services.AddControllers().AddApplicationPart(typeof(TestApp).Assembly);
                services.AddProblemDetails();
                configureServices?.Invoke(services);
            });
}
