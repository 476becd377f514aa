using CorsKit.Samples.MultiTenant;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddMemoryCache();
builder.Services.AddSingleton<TenantStore>();

// A conservative default for requests that match no tenant; tenants get their own policy from the provider.
builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins("https://www.example.com")));
builder.Services.AddCorsKitPolicyProvider<TenantPolicyProvider>();

var app = builder.Build();
app.UseCorsKit();

app.MapGet("/api/profile", (HttpContext context) => Results.Ok(new { tenant = context.Request.Host.Host.Split('.')[0] }));
app.MapPut("/api/profile", () => Results.NoContent());

app.Run();
