using CorsKit.Diagnostics;
using CorsKit.Reporting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CorsKit.Hosting;

/// <summary>
/// Records what <c>UseCorsKit()</c> knows about its pipeline for <see cref="CorsKitEndpointReport"/>, and logs the report
/// once when the pipeline is built in Development. Production apps never build it (nothing is computed or logged).
/// </summary>
internal static class DevelopmentEndpointReport
{
    /// <summary>Called by <c>UseCorsKit()</c>, before the pipeline is built.</summary>
    /// <param name="app">The application builder.</param>
    /// <param name="policyName">The app-wide policy name, or <see langword="null"/>.</param>
    public static void RecordPlacement(IApplicationBuilder app, string? policyName)
    {
        if (app.ApplicationServices.GetService<PipelineRecord>() is not { } record)
        {
            return;
        }

        record.AppWidePolicyName = policyName;
        record.AuthorizationCalledBeforeCorsKit = app.Properties.ContainsKey(StartupChecks.AuthorizationMiddlewareSetKey);
    }

    /// <summary>Called when the pipeline containing <c>UseCorsKit()</c> is built (every endpoint is mapped by then).</summary>
    /// <param name="app">The application builder.</param>
    /// <param name="endpoints">Every endpoint.</param>
    /// <param name="watch">The preflight watch, which knows whether the app called <c>UseAuthorization()</c>.</param>
    /// <param name="logger">CorsKit's logger.</param>
    public static void PipelineBuilt(IApplicationBuilder app, IReadOnlyList<Endpoint> endpoints, PreflightWatch? watch, ILogger logger)
    {
        var services = app.ApplicationServices;
        if (services.GetService<PipelineRecord>() is not { } record)
        {
            return;
        }

        record.CorsKitInPipeline = true;
        record.AuthorizationInsertedBeforeCorsKit = app is WebApplication
            && watch?.AppCalledUseAuthorization is false
            && services.GetService<IServiceProviderIsService>() is { } isService
            && isService.IsService(typeof(IAuthorizationHandlerProvider));

        if (services.GetService<IHostEnvironment>()?.IsDevelopment() is true && logger.IsEnabled(LogLevel.Information) && record.ClaimStartupReport())
        {
            var report = CorsKitEndpointReport.Create(services, endpoints);
            CorsKitLog.EndpointReport(logger, report.Endpoints.Count, report.ToString());
        }
    }
}
