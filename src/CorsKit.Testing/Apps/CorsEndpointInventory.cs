using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MicrosoftCorsPolicy = Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicy;

namespace CorsKit.Testing.Apps;

/// <summary>
/// Lists the endpoints of an application that a CORS policy applies to, with the policy, whether it is CorsKit's or
/// Microsoft's. This is the reusable core of the whole-app check (<see cref="CorsAppCheck"/>), meant to be shared
/// with a Development startup report.
/// </summary>
/// <remarks>
/// Which policy applies, first match wins: the endpoint's CorsKit metadata (<c>RequireCorsKit</c>,
/// <c>[EnableCorsKit]</c>; <c>DisableCorsKit</c> removes the endpoint), then its Microsoft metadata
/// (<c>RequireCors</c>, <c>[EnableCors]</c>; <c>[DisableCors]</c> removes it), then CorsKit's default policy, then
/// Microsoft's default policy. An app-wide named policy (<c>UseCorsKit("name")</c>, <c>UseCors("name")</c>) lives in
/// the pipeline, not in services, so it is not seen: such endpoints are listed only if they carry metadata.
/// The endpoints are complete once the application has started (its pipeline built).
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

        var corsKit = services.GetService<ICorsKitPolicyRegistry>();
        var microsoft = services.GetService<ICorsService>() is null ? null : services.GetService<IOptions<CorsOptions>>()?.Value;

        var endpoints = new List<CorsEndpoint>();
        foreach (var endpoint in dataSource.Endpoints.OfType<RouteEndpoint>())
        {
            var policy = PolicyOf(endpoint, corsKit, microsoft);
            if (policy is null)
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods
                .Where(m => !HttpMethods.IsOptions(m)).Distinct(StringComparer.Ordinal).ToList() ?? [];
            endpoints.Add(new CorsEndpoint(endpoint.DisplayName ?? endpoint.RoutePattern.RawText ?? "(unnamed)",
                endpoint.RoutePattern.RawText ?? string.Empty, methods, policy, endpoint.RoutePattern));
        }

        return endpoints;
    }

    private static CorsEndpointPolicy? PolicyOf(RouteEndpoint endpoint, ICorsKitPolicyRegistry? corsKit, CorsOptions? microsoft)
    {
        var kitMetadata = endpoint.Metadata.GetMetadata<ICorsKitMetadata>();
        if (kitMetadata is IDisableCorsKitMetadata)
        {
            return null;
        }

        if (kitMetadata is ICorsKitPolicyMetadata selected)
        {
            var policy = selected.Policy ?? (selected.PolicyName is { } name ? corsKit?.GetPolicy(name) : corsKit?.DefaultPolicy);
            return policy is null ? null : FromCorsKit(policy, selected.Policy is null ? selected.PolicyName : null);
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

        if (corsKit?.DefaultPolicy is { } kitDefault)
        {
            return FromCorsKit(kitDefault, null);
        }

        return microsoft?.GetPolicy(microsoft.DefaultPolicyName) is { } msDefault ? FromMicrosoft(msDefault, null) : null;
    }

    private static CorsEndpointPolicy FromCorsKit(CorsKitPolicy policy, string? name) =>
        new(CorsPolicySource.CorsKit, name, policy.Origins, policy.AllowsAnyOrigin, policy.HasOriginPredicate, policy.Headers, policy.AllowsAnyHeader, policy.SupportsCredentials);

    private static CorsEndpointPolicy FromMicrosoft(MicrosoftCorsPolicy policy, string? name) =>
        new(CorsPolicySource.MicrosoftCors, name, [.. policy.Origins], policy.AllowAnyOrigin, hasPredicate: false, [.. policy.Headers], policy.AllowAnyHeader, policy.SupportsCredentials);
}
