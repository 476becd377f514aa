using Microsoft.EntityFrameworkCore;

namespace CorsKit.Samples.MultiTenant;

/// <summary>
/// The origin source: one indexed query per lookup, on the scoped <see cref="TenantOriginsDbContext"/> CorsKit resolves
/// in a scope of its own. CorsKit caches the answers, joins concurrent lookups, and limits how many reach the database.
/// </summary>
public sealed class DatabaseOriginSource(TenantOriginsDbContext db) : ICorsKitOriginSource
{
    public async ValueTask<bool> IsOriginAllowedAsync(CorsKitOriginQuery query, CancellationToken cancellationToken) =>
        query.Tenant is { } tenant
        && await db.Origins.AsNoTracking().AnyAsync(o => o.Tenant == tenant && o.Origin == query.Origin, cancellationToken);
}
