var builder = WebApplication.CreateBuilder(args);

builder.Services.AddControllers();
builder.Services.AddCorsKit(cors =>
{
    // Default policy: the app's own front end, with cookies.
    cors.AddDefaultPolicy(p => p
        .WithOrigins("https://app.example.test")
        .WithMethods("PUT", "DELETE")
        .WithHeaders("Content-Type", "X-Request-Id")
        .WithExposedHeaders("X-Total-Count")
        .AllowCredentials()
        .SetPreflightMaxAge(TimeSpan.FromMinutes(10)));

    // Named policy used by the controller attribute.
    cors.AddPolicy("partners", p => p
        .WithOrigins("https://partner.example.test", "https://*.partners.example.test")
        .WithMethods("PATCH")
        .WithHeaders("Authorization", "Content-Type"));

    // Named policy used by a minimal-API convention.
    cors.AddPolicy("public", p => p.AllowAnyOrigin().AllowAnyMethod().AllowAnyHeader());
});

var app = builder.Build();

app.UseCorsKit();

app.MapControllers();

// Minimal APIs: a PUT-only endpoint under the default policy, one under a named policy, one with CORS off.
app.MapPut("/api/items/{id:int}", (int id) => Results.Ok(new { id }));
app.MapPut("/public/items/{id:int}", (int id) => Results.Ok(new { id })).RequireCorsKit("public");
app.MapGet("/internal/health", () => "ok").DisableCorsKit();

app.Run();
