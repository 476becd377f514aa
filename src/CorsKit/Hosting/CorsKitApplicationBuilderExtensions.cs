using CorsKit;
using CorsKit.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the CorsKit middleware to the request pipeline.</summary>
public static class CorsKitApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the CorsKit middleware, applying the default policy to endpoints without CorsKit metadata. Place it after
    /// <c>UseRouting</c> (when called explicitly) and before <c>UseAuthentication</c>/<c>UseAuthorization</c>, which
    /// would otherwise answer preflights with 401/403.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The application builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddCorsKit</c> was not called.</exception>
    public static IApplicationBuilder UseCorsKit(this IApplicationBuilder app) => UseCorsKitCore(app, policyName: null);

    /// <summary>Adds the CorsKit middleware, applying the named policy to endpoints without CorsKit metadata.</summary>
    /// <param name="app">The application builder.</param>
    /// <param name="policyName">A policy registered with <c>AddCorsKit</c>.</param>
    /// <returns>The application builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddCorsKit</c> was not called, or no policy has that name.</exception>
    public static IApplicationBuilder UseCorsKit(this IApplicationBuilder app, string policyName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        return UseCorsKitCore(app, policyName);
    }

    private static IApplicationBuilder UseCorsKitCore(IApplicationBuilder app, string? policyName)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.ApplicationServices;
        if (services.GetService<CorsKitMarkerService>() is null)
        {
            throw new InvalidOperationException(
                "UseCorsKit() needs the CorsKit services: call builder.Services.AddCorsKit(...) when configuring services.");
        }

        var options = services.GetRequiredService<IOptions<CorsKitOptions>>().Value;
        var loggerFactory = services.GetRequiredService<ILoggerFactory>();
        return app.Use(next => new CorsKitMiddleware(next, options, loggerFactory, policyName).Invoke);
    }
}
