using CorsKit;
using CorsKit.Samples.MultiTenant;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);

// The database: PostgreSQL when ConnectionStrings:Postgres is set, otherwise a SQLite file (runs with no set-up).
var postgres = builder.Configuration.GetConnectionString("Postgres");
builder.Services.AddDbContext<TenantOriginsDbContext>(options =>
{
    if (!string.IsNullOrEmpty(postgres))
    {
        options.UseNpgsql(postgres);
    }
    else
    {
        options.UseSqlite(builder.Configuration.GetConnectionString("Sqlite") ?? "Data Source=tenant-origins.db");
    }
});

// Optional fleet cache: with ConnectionStrings:Redis, allowed answers are shared by every instance through HybridCache.
var redis = builder.Configuration.GetConnectionString("Redis");
if (!string.IsNullOrEmpty(redis))
{
    builder.Services.AddStackExchangeRedisCache(options => { options.Configuration = redis; options.InstanceName = "corskit-sample:"; });
    builder.Services.AddHybridCache();
}

// The policy lists the company's own front end; each tenant's origins come from the database. The tenant is the first
// label of the host name (acme.localhost -> "acme"), so no Vary header is needed: caches key on the host already.
builder.Services.AddCorsKit(cors =>
{
    cors.AddDefaultPolicy(p => p
        .WithOrigins("https://www.example.com")
        .AllowOriginsFromSource(CorsKitTenantSelector.Custom(context => context.Request.Host.Host.Split('.')[0]))
        .WithMethods("PUT", "DELETE")
        .WithHeaders("Content-Type")
        .AllowCredentials());
    cors.IncludeRefusalReasonHeader = builder.Environment.IsDevelopment();
});
builder.Services.AddCorsKitOriginSource<DatabaseOriginSource>(options =>
    builder.Configuration.GetSection("CorsKit:OriginSource").Bind(options));

var app = builder.Build();

await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<TenantOriginsDbContext>();
    await db.Database.EnsureCreatedAsync();
    if (!await db.Origins.AnyAsync())
    {
        db.Origins.AddRange(
            new TenantOrigin { Tenant = "acme", Origin = "https://app.acme.example" },
            new TenantOrigin { Tenant = "globex", Origin = "https://portal.globex.example" });
        await db.SaveChangesAsync();
    }
}

app.UseCorsKit();

app.MapGet("/api/profile", (HttpContext context) => Results.Ok(new { tenant = context.Request.Host.Host.Split('.')[0] }));
app.MapPut("/api/profile", () => Results.NoContent());
app.MapTenantOriginAdmin();

app.Run();

/// <summary>The sample's entry point (public for the tests' WebApplicationFactory).</summary>
public partial class Program;
