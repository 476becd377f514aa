using Microsoft.EntityFrameworkCore;

namespace CorsKit.Samples.MultiTenant;

/// <summary>
/// The admin API that manages tenant origins. Every change invalidates CorsKit's cached answer for that origin, so it
/// takes effect on the next request to this instance (other instances: see README.md). Guarded by an API key header
/// (<c>X-Admin-Key</c>, configured as <c>Admin:ApiKey</c>); a real app would use its own authorization.
/// </summary>
public static class AdminEndpoints
{
    public sealed record OriginRequest(string Origin);

    public static void MapTenantOriginAdmin(this WebApplication app)
    {
        var admin = app.MapGroup("/admin/tenants/{tenant}/origins").DisableCorsKit().AddEndpointFilter(async (context, next) =>
        {
            var expected = context.HttpContext.RequestServices.GetRequiredService<IConfiguration>()["Admin:ApiKey"];
            return !string.IsNullOrEmpty(expected) && context.HttpContext.Request.Headers["X-Admin-Key"] == expected
                ? await next(context)
                : Results.Unauthorized();
        });

        admin.MapGet("/", async (string tenant, TenantOriginsDbContext db, CancellationToken cancellationToken) =>
            await db.Origins.Where(o => o.Tenant == tenant).Select(o => o.Origin).OrderBy(o => o).ToListAsync(cancellationToken));

        admin.MapPost("/", async (string tenant, OriginRequest request, TenantOriginsDbContext db, ICorsKitOriginCache cors, CancellationToken cancellationToken) =>
        {
            if (ValidationProblem(request.Origin) is { } problem)
            {
                return problem;
            }

            if (!await db.Origins.AnyAsync(o => o.Tenant == tenant && o.Origin == request.Origin, cancellationToken))
            {
                db.Origins.Add(new TenantOrigin { Tenant = tenant, Origin = request.Origin });
                await db.SaveChangesAsync(cancellationToken);
            }

            // Forget the cached refusal (if a browser already tried): the next request from this origin is allowed.
            await cors.InvalidateOriginAsync(tenant, request.Origin, cancellationToken);
            return Results.Created($"/admin/tenants/{tenant}/origins", new { tenant, request.Origin });
        });

        admin.MapDelete("/", async (string tenant, string origin, TenantOriginsDbContext db, ICorsKitOriginCache cors, CancellationToken cancellationToken) =>
        {
            await db.Origins.Where(o => o.Tenant == tenant && o.Origin == origin).ExecuteDeleteAsync(cancellationToken);
            await cors.InvalidateOriginAsync(tenant, origin, cancellationToken);
            return Results.NoContent();
        });
    }

    // Stored origins must be what browsers send (lower-case scheme://host[:port], https unless loopback, since the
    // policy allows credentials): CorsKit's own policy validation says whether a listed origin would be accepted.
    private static IResult? ValidationProblem(string? origin)
    {
        try
        {
            _ = new CorsKitPolicyBuilder().WithOrigins(origin ?? string.Empty).AllowCredentials().Build();
            return origin!.Contains('*', StringComparison.Ordinal)
                ? Results.ValidationProblem(new Dictionary<string, string[]> { ["origin"] = ["Patterns are not stored origins: add each origin."] })
                : null;
        }
        catch (CorsKitConfigurationException exception)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["origin"] = [exception.Message] });
        }
    }
}
