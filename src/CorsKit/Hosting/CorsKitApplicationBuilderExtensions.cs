using CorsKit;
using CorsKit.Diagnostics;
using CorsKit.DynamicOrigins;
using CorsKit.Endpoints;
using CorsKit.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the CorsKit middleware to the request pipeline.</summary>
public static class CorsKitApplicationBuilderExtensions
{

    /// <summary>
    /// Adds the CorsKit middleware, applying the default policy to endpoints without CorsKit metadata. Place it after
    /// <c>UseRouting</c> (when called explicitly) and before <c>UseAuthentication</c>/<c>UseAuthorization</c>, which
    /// would otherwise answer preflights with 401/403; a wrong order is reported in the log at startup.
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
        if (services.GetService<PolicyStore>() is not { } store)
        {
            throw new InvalidOperationException(
                "UseCorsKit() needs the CorsKit services: call builder.Services.AddCorsKit(...) when configuring services.");
        }

        var loggerFactory = services.GetRequiredService<ILoggerFactory>();
        ReportPipelineOrder(app, loggerFactory.CreateLogger("CorsKit"));
        DevelopmentEndpointReport.RecordPlacement(app, policyName);
        var provider = services.GetService<ICorsKitPolicyProvider>();
        var metrics = services.GetRequiredService<CorsKitMetrics>();
        var dataSources = (app as IEndpointRouteBuilder)?.DataSources;
        var watch = services.GetService<PreflightWatch>();
        if (watch is not null)
        {
            watch.CorsKitPipeline = app;
        }

        return app.Use(next =>
        {
            // The pipeline is built after every endpoint is mapped: the last moment to refuse a policy that would leak.
            IEnumerable<EndpointDataSource> sources = dataSources ?? (services.GetService<EndpointDataSource>() is { } source ? [source] : []);
            var logger = loggerFactory.CreateLogger("CorsKit");
            var endpoints = PreflightRoutingCheck.ThrowIfUnroutable(sources, logger);
            var originSource = new OriginSourceStep(services.GetService<OriginSourceCache>(), logger);
            var middleware = new CorsKitMiddleware(next, store, provider, metrics, loggerFactory, policyName, watch, originSource);
            StartupChecks.Report(app, endpoints, store, policyName, provider is not null, watch, logger);
            DevelopmentEndpointReport.PipelineBuilt(app, endpoints, watch, logger);
            return middleware.Invoke;
        });
    }

    private static void ReportPipelineOrder(IApplicationBuilder app, ILogger logger)
    {
        if (app.Properties.ContainsKey(StartupChecks.AuthorizationMiddlewareSetKey))
        {
            CorsKitLog.MiddlewareAfterAuthentication(logger, "UseAuthorization()");
        }
        else if (app.Properties.ContainsKey(StartupChecks.AuthenticationMiddlewareSetKey))
        {
            CorsKitLog.MiddlewareAfterAuthentication(logger, "UseAuthentication()");
        }
    }
}
