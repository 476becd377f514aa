using CorsKit.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CorsKit.Hosting;

/// <summary>
/// The CORS failures that can be known before the first request, checked when the pipeline is built (every endpoint is
/// mapped by then): authorization that WebApplication will insert before CorsKit, a pipeline where no policy applies,
/// and a configuration section that does not exist. Each is logged once, with its fix. No reflection over the
/// pipeline's private state: only the builder's documented properties, the services and the endpoints.
/// </summary>
internal static class StartupChecks
{
    // Set in IApplicationBuilder.Properties by UseAuthentication() and UseAuthorization(); WebApplication reads the same
    // keys to decide whether to insert them itself.
    public const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";
    public const string AuthorizationMiddlewareSetKey = "__AuthorizationMiddlewareSet";

    public static void Report(IApplicationBuilder app, IReadOnlyList<Endpoint> endpoints, PolicyStore store, string? appWidePolicyName, bool hasProvider, PreflightWatch? watch, ILogger logger)
    {
        ReportImplicitAuthorization(app, endpoints, watch, logger);
        ReportNoPolicy(endpoints, store, appWidePolicyName, hasProvider, logger);
        foreach (var path in store.MissingConfigurationSections)
        {
            CorsKitLog.ConfigurationSectionMissing(logger, path);
        }
    }

    // WebApplication inserts UseAuthentication()/UseAuthorization() at the start of the pipeline when their services are
    // registered and the app never calls them. That is harmless until something requires an authenticated user (a
    // fallback policy, [Authorize]); then every preflight is answered 401/403 before CorsKit sees it.
    private static void ReportImplicitAuthorization(IApplicationBuilder app, IReadOnlyList<Endpoint> endpoints, PreflightWatch? watch, ILogger logger)
    {
        var services = app.ApplicationServices;
        if (app is not WebApplication
            || watch?.AppCalledUseAuthorization is not false
            || services.GetService<IServiceProviderIsService>() is not { } isService
            || !isService.IsService(typeof(IAuthorizationHandlerProvider)))
        {
            return;
        }

        string? requirement = null;
        if (services.GetService<IOptions<AuthorizationOptions>>()?.Value.FallbackPolicy is not null)
        {
            requirement = "a fallback authorization policy requires an authenticated user on every endpoint without [AllowAnonymous]";
        }
        else
        {
            var protectedEndpoints = endpoints
                .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
                .Select(e => e.DisplayName ?? "(unnamed)")
                .Take(5)
                .ToList();
            if (protectedEndpoints.Count > 0)
            {
                requirement = "these endpoints require authorization: " + string.Join(", ", protectedEndpoints);
            }
        }

        if (requirement is not null)
        {
            var registered = isService.IsService(typeof(Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider))
                ? "authentication and authorization are" : "authorization is";
            var calls = watch.AppCalledUseAuthentication is true ? "UseAuthorization()" : "UseAuthentication()/UseAuthorization()";
            CorsKitLog.ImplicitAuthorizationBeforeCorsKit(logger, registered, calls, requirement);
        }
    }

    private static void ReportNoPolicy(IReadOnlyList<Endpoint> endpoints, PolicyStore store, string? appWidePolicyName, bool hasProvider, ILogger logger)
    {
        var snapshot = store.Current;
        if (appWidePolicyName is not null || snapshot.DefaultPolicy is not null || hasProvider
            || endpoints.Any(e => e.Metadata.GetMetadata<ICorsKitMetadata>() is ICorsKitPolicyMetadata))
        {
            return;
        }

        var registered = snapshot.Policies.Count == 0 ? string.Empty
            : " (named policies are registered — " + string.Join(", ", snapshot.Policies.Keys.Select(k => $"'{k}'")) + " — but nothing selects them)";
        CorsKitLog.NoPolicyApplies(logger, registered);
    }
}
