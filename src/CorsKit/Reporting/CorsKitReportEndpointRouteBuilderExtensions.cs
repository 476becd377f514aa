using CorsKit;
using CorsKit.Reporting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the page that shows the <see cref="CorsKitEndpointReport"/> in Development.</summary>
public static class CorsKitReportEndpointRouteBuilderExtensions
{
    /// <summary>The route of the report when none is given.</summary>
    public const string DefaultPattern = "/_corskit/report";

    /// <summary>
    /// Maps a <c>GET</c> endpoint that answers the <see cref="CorsKitEndpointReport"/> as plain text, in the Development
    /// environment only: in every other environment it answers 404, so the application's CORS set-up is never shown
    /// to the world. CORS is disabled on it, so other origins cannot read it either.
    /// </summary>
    /// <param name="endpoints">The application (<c>app</c>) or a route group.</param>
    /// <param name="pattern">The route; <see cref="DefaultPattern"/> by default.</param>
    /// <returns>The endpoint's convention builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddCorsKit</c> was not called.</exception>
    public static IEndpointConventionBuilder MapCorsKitReport(this IEndpointRouteBuilder endpoints, string pattern = DefaultPattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (endpoints.ServiceProvider.GetService<PipelineRecord>() is null)
        {
            throw new InvalidOperationException(
                "MapCorsKitReport() needs the CorsKit services: call builder.Services.AddCorsKit(...) when configuring services.");
        }

        // A RequestDelegate, not a lambda with parameters: no request delegate factory, so nothing for trimming or AOT to lose.
        return endpoints.MapGet(pattern, WriteReportAsync)
            .WithDisplayName("CorsKit endpoint report")
            .DisableCorsKit();
    }

    private static Task WriteReportAsync(HttpContext context)
    {
        var response = context.Response;
        if (context.RequestServices.GetService<IHostEnvironment>()?.IsDevelopment() is not true)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        response.ContentType = "text/plain; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        return response.WriteAsync(CorsKitEndpointReport.Create(context.RequestServices).ToString(), context.RequestAborted);
    }
}
