// The same minimal-API app four ways (see CorsVariant in the project file). The CorsKit variant is the one the AOT
// tests run: a configuration-bound default policy and named policy (appsettings.json), an endpoint policy, a policy
// provider that decides per tenant, and the refusal header. CorsKitInCode and Microsoft have the same two policies in
// code and nothing else, for a like-for-like size comparison; None has no CORS at all.
#if CORS_CORSKIT
using AotConsumer;
#endif

var builder = WebApplication.CreateSlimBuilder(args);

#if CORS_CORSKIT
builder.Services.AddSingleton<TenantDirectory>();
builder.Services.AddCorsKit(builder.Configuration.GetSection("CorsKit"));
builder.Services.AddCorsKitPolicyProvider<TenantPolicyProvider>();
#elif CORS_CORSKITINCODE
builder.Services.AddCorsKit(cors =>
{
    cors.AddDefaultPolicy(p => p
        .WithOrigins("https://app.example.test")
        .WithMethods("PUT", "DELETE")
        .WithHeaders("Content-Type", "X-Request-Id")
        .WithExposedHeaders("X-Total-Count")
        .AllowCredentials()
        .SetPreflightMaxAge(TimeSpan.FromMinutes(10)));
    cors.AddPolicy("partners", p => p.WithOrigins("https://partner.example.test").WithMethods("PATCH").WithHeaders("Authorization"));
});
#elif CORS_MICROSOFT
builder.Services.AddCors(cors =>
{
    cors.AddDefaultPolicy(p => p
        .WithOrigins("https://app.example.test")
        .WithMethods("PUT", "DELETE")
        .WithHeaders("Content-Type", "X-Request-Id")
        .WithExposedHeaders("X-Total-Count")
        .AllowCredentials()
        .SetPreflightMaxAge(TimeSpan.FromMinutes(10)));
    cors.AddPolicy("partners", p => p.WithOrigins("https://partner.example.test").WithMethods("PATCH").WithHeaders("Authorization"));
});
#endif

var app = builder.Build();

#if CORS_CORSKIT || CORS_CORSKITINCODE
app.UseCorsKit();
#elif CORS_MICROSOFT
app.UseCors();
#endif

var items = app.MapGroup("/api/items");
items.MapGet("/", () => "items");
items.MapPut("/{id:int}", (int id) => $"item {id} saved");

var partners = app.MapPatch("/partners/orders/{id:int}", (int id) => $"order {id} patched");
var tenants = app.MapPut("/tenants/{tenant}/settings", (string tenant) => $"settings of {tenant} saved");
var health = app.MapGet("/health", () => "ok");
#if CORS_CORSKIT || CORS_CORSKITINCODE
partners.RequireCorsKit("partners");
health.DisableCorsKit();
// The Development endpoint report (404 in other environments): its listing and policy resolution must survive AOT too.
app.MapCorsKitReport();
#elif CORS_MICROSOFT
partners.RequireCors("partners");
#endif

app.Run();
