using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MicrosoftCorsPolicy = Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicy;

namespace CorsKit.Testing.Apps;

/// <summary>
/// Lists the endpoints of an application that a CORS policy applies to, with the policy, whether it is CorsKit's or
/// Microsoft's. This is the listing of the whole-app check (<see cref="CorsAppCheck"/>). CorsKit's side comes from the
/// library's own <see cref="CorsKitEndpointReport"/> (the component behind the Development startup report), so a test
/// and the running app agree on which policy applies; the check then probes what the report can only infer.
/// </summary>
/// <remarks>
/// Which policy applies, first match wins: the endpoint's CorsKit metadata (<c>RequireCorsKit</c>,
/// <c>[EnableCorsKit]</c>; <c>DisableCorsKit</c> removes the endpoint), then its Microsoft metadata
/// (<c>RequireCors</c>, <c>[EnableCors]</c>; <c>[DisableCors]</c> removes it), then CorsKit's app-wide policy
/// (<c>UseCorsKit()</c>'s default or <c>UseCorsKit("name")</c>), then Microsoft's default policy. Microsoft's app-wide
/// <c>UseCors("name")</c> lives in its pipeline and is not seen. The endpoints are complete once the application has
/// started (its pipeline built).
/// </remarks>
public static class CorsEndpointInventory
{
    /// <summary>Lists the endpoints with a CORS policy.</summary>
    /// <param name="services">The application's services (<c>app.Services</c>, <c>factory.Services</c>).</param>
    /// <returns>The endpoints, in routing's order.</returns>
    public static IReadOnlyList<CorsEndpoint> Discover(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var dataSource = services.GetService<EndpointDataSource>();
        if (dataSource is null)
        {
            return [];
        }

        var microsoft = services.GetService<ICorsService>() is null ? null : services.GetService<IOptions<CorsOptions>>()?.Value;
        IEnumerable<(RouteEndpoint Endpoint, CorsKitEndpointReportEntry? CorsKit)> listed = services.GetService<ICorsKitPolicyRegistry>() is null
            ? dataSource.Endpoints.OfType<RouteEndpoint>().Select(e => (e, (CorsKitEndpointReportEntry?)null))
            : CorsKitEndpointReport.Create(services).Endpoints.Select(e => (e.Endpoint, (CorsKitEndpointReportEntry?)e));

        var endpoints = new List<CorsEndpoint>();
        foreach (var (endpoint, corsKit) in listed)
        {
            var policy = PolicyOf(endpoint, corsKit, microsoft);
            if (policy is null)
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods
                .Where(m => !HttpMethods.IsOptions(m)).Distinct(StringComparer.Ordinal).ToList() ?? [];
            endpoints.Add(new CorsEndpoint(endpoint.DisplayName ?? endpoint.RoutePattern.RawText ?? "(unnamed)",
                endpoint.RoutePattern.RawText ?? string.Empty, methods, policy, endpoint.RoutePattern, corsKit));
        }

        return endpoints;
    }

    private static CorsEndpointPolicy? PolicyOf(RouteEndpoint endpoint, CorsKitEndpointReportEntry? corsKit, CorsOptions? microsoft)
    {
        if (corsKit is { PolicyKind: CorsKitEndpointPolicyKind.Disabled })
        {
            return null;
        }

        if (corsKit is { DeclaredByEndpoint: true })
        {
            // An endpoint that names an unregistered policy fails closed: nothing to preflight it with.
            return corsKit.Policy is { } declared ? FromCorsKit(declared, corsKit.PolicyName) : null;
        }

        var msMetadata = endpoint.Metadata.GetMetadata<ICorsMetadata>();
        if (msMetadata is IDisableCorsAttribute)
        {
            return null;
        }

        if (msMetadata is ICorsPolicyMetadata inline)
        {
            return FromMicrosoft(inline.Policy, null);
        }

        if (msMetadata is IEnableCorsAttribute enable && microsoft is not null)
        {
            var policy = microsoft.GetPolicy(enable.PolicyName ?? microsoft.DefaultPolicyName);
            return policy is null ? null : FromMicrosoft(policy, enable.PolicyName);
        }

        if (corsKit?.Policy is { } appWide)
        {
            return FromCorsKit(appWide, corsKit.PolicyName);
        }

        return microsoft?.GetPolicy(microsoft.DefaultPolicyName) is { } msDefault ? FromMicrosoft(msDefault, null) : null;
    }

    private static CorsEndpointPolicy FromCorsKit(CorsKitPolicy policy, string? name) =>
        new(CorsPolicySource.CorsKit, name, policy.Origins, policy.AllowsAnyOrigin, policy.HasOriginPredicate, policy.Headers, policy.AllowsAnyHeader, policy.SupportsCredentials);

    private static CorsEndpointPolicy FromMicrosoft(MicrosoftCorsPolicy policy, string? name) =>
        new(CorsPolicySource.MicrosoftCors, name, [.. policy.Origins], policy.AllowAnyOrigin, hasPredicate: false, [.. policy.Headers], policy.AllowAnyHeader, policy.SupportsCredentials);
}
