using Microsoft.EntityFrameworkCore;

namespace CorsKit.Samples.MultiTenant;

/// <summary>The tenants' origins: SQLite by default, PostgreSQL when a connection string is given (see Program.cs).</summary>
public sealed class TenantOriginsDbContext(DbContextOptions<TenantOriginsDbContext> options) : DbContext(options)
{
    public DbSet<TenantOrigin> Origins => Set<TenantOrigin>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var origin = modelBuilder.Entity<TenantOrigin>();
        origin.ToTable("tenant_origins");
        origin.HasIndex(o => new { o.Tenant, o.Origin }).IsUnique();
        origin.Property(o => o.Tenant).HasMaxLength(63);
        origin.Property(o => o.Origin).HasMaxLength(300);
    }
}
