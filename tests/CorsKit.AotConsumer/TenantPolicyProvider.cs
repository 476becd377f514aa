using CorsKit;

namespace AotConsumer;

/// <summary>Decides the policy of /tenants/{tenant}/... from the tenant directory; other paths use the registered
/// policies. Created by the container through its constructor, which is what Native AOT must keep.</summary>
/// <remarks>Reads the tenant from the path, not from route values: a preflight to a PUT-only endpoint is routed to
/// routing's 405 endpoint, which has no route values.</remarks>
public sealed class TenantPolicyProvider(TenantDirectory tenants) : ICorsKitPolicyProvider
{
    public ValueTask<CorsKitPolicy?> GetPolicyAsync(HttpContext context, CorsKitPolicySelection selection) =>
        ValueTask.FromResult(TenantOf(context.Request.Path) is { } tenant ? tenants.Find(tenant) : null);

    private static string? TenantOf(PathString path)
    {
        if (!path.StartsWithSegments("/tenants", out var rest) || !rest.HasValue)
        {
            return null;
        }

        var segments = rest.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length > 0 ? segments[0] : null;
    }
}
