using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CorsKit.Hosting;

/// <summary>
/// Puts <see cref="PreflightSentinel"/> in front of the whole pipeline. Startup filters wrap everything the application
/// configures, including the authentication and authorization middleware that WebApplication inserts by itself, so the
/// sentinel sees a preflight before any of them can answer it.
/// </summary>
internal sealed class PreflightSentinelStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var services = app.ApplicationServices;
        var watch = services.GetRequiredService<PreflightWatch>();

        // This runs before WebApplication inserts the authentication and authorization middleware it adds by itself
        // (and marks them as set): the last moment to know whether the application called them.
        if (watch.CorsKitPipeline is { } pipeline)
        {
            watch.AppCalledUseAuthorization = pipeline.Properties.ContainsKey(StartupChecks.AuthorizationMiddlewareSetKey);
            watch.AppCalledUseAuthentication = pipeline.Properties.ContainsKey(StartupChecks.AuthenticationMiddlewareSetKey);
        }

        var loggerFactory = services.GetRequiredService<ILoggerFactory>();
        app.Use(inner => new PreflightSentinel(inner, watch, loggerFactory).Invoke);
        next(app);
    };
}
