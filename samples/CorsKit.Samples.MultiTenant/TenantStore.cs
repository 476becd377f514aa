namespace CorsKit.Samples.MultiTenant;

/// <summary>Stands in for a tenant database: which front-end origins each tenant has registered.</summary>
public sealed class TenantStore
{
    private readonly Dictionary<string, string[]> _origins = new(StringComparer.OrdinalIgnoreCase)
    {
        ["acme"] = ["https://app.acme.example", "https://*.acme.example"],
        ["globex"] = ["https://portal.globex.example"],
    };

    /// <summary>Looks up a tenant's origins (asynchronously, as a database would).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The origins, or <see langword="null"/> for an unknown tenant.</returns>
    public async Task<string[]?> FindOriginsAsync(string tenantId, CancellationToken cancellationToken)
    {
        await Task.Delay(5, cancellationToken);
        return _origins.GetValueOrDefault(tenantId);
    }
}
