using Microsoft.Extensions.Caching.Memory;

namespace CorsKit.Samples.MultiTenant;

/// <summary>
/// Resolves each tenant's CORS policy from the tenant store. The caching pattern: build a tenant's policy once (building
/// validates and precomputes everything), keep the instance in a cache with an expiry so store changes show up within
/// minutes, and return the same instance on every request so CorsKit reuses its per-policy state.
/// </summary>
public sealed class TenantPolicyProvider(TenantStore store, IMemoryCache cache) : ICorsKitPolicyProvider
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public async ValueTask<CorsKitPolicy?> GetPolicyAsync(HttpContext context, CorsKitPolicySelection selection)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Tenants replace the default policy only: an endpoint that names a policy or defines its own (an admin API,
        // say) keeps it, so a tenant's origin is never granted where the endpoint asked for something stricter.
        if (selection.Kind != CorsKitPolicySelectionKind.Default)
        {
            return null;
        }

        // The tenant comes from the host name: acme.api.example -> "acme".
        var tenantId = context.Request.Host.Host.Split('.')[0];
        var key = "corskit-tenant:" + tenantId;
        if (cache.TryGetValue(key, out CorsKitPolicy? cached))
        {
            return cached;
        }

        var origins = await store.FindOriginsAsync(tenantId, context.RequestAborted);
        var policy = origins is null
            ? null
            : new CorsKitPolicyBuilder().WithOrigins(origins).WithMethods("PUT", "DELETE").WithHeaders("Content-Type").AllowCredentials().Build();

        // Unknown tenants are cached too (as null), so a flood of bogus hosts cannot hammer the store.
        cache.Set(key, policy, CacheFor);
        return policy;
    }
}
