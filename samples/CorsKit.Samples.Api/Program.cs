var builder = WebApplication.CreateBuilder(args);

builder.Services.AddControllers();
builder.Services.AddProblemDetails();
// Policies come from the "CorsKit" section of appsettings*.json (the "partners" policy lives there, and edits to the
// file apply without a restart) and from code below.
builder.Services.AddCorsKit(builder.Configuration.GetSection("CorsKit"), cors =>
{
    // The default policy: the app's own front ends, with cookies.
    cors.AddDefaultPolicy(p => p
        .WithOrigins("https://app.example.com", "https://*.example.com", "http://localhost:*")
        .WithMethods("GET", "PUT", "DELETE")
        .WithHeaders("Content-Type", "X-Request-Id")
        .WithExposedHeaders("X-Total-Count")
        .AllowCredentials()
        .SetPreflightMaxAge(TimeSpan.FromMinutes(10)));

    // A named policy for public, cookie-less data: any origin gets a constant "*".
    cors.AddPolicy("public", p => p.AllowAnyOrigin().AllowAnyMethod().AllowAnyHeader());
});

var app = builder.Build();

// Error responses keep their CORS headers, so browsers show the real error instead of a CORS failure.
app.UseExceptionHandler();
app.UseStatusCodePages();

app.UseCorsKit();

app.MapControllers();

// Minimal APIs: the default policy applies unless an endpoint or group says otherwise.
app.MapGet("/api/todos", (HttpContext context) =>
{
    context.Response.Headers["X-Total-Count"] = "2";
    return Results.Ok(new[] { new Todo(1, "Write the policy"), new Todo(2, "Ship it") });
});
app.MapPut("/api/todos/{id:int}", (int id, Todo todo) => Results.Ok(todo with { Id = id }));
app.MapDelete("/api/todos/{id:int}", (int id) => Results.NoContent());
app.MapGet("/api/fail", IResult () => throw new InvalidOperationException("Something broke on the server."));

var publicApi = app.MapGroup("/public").RequireCorsKit("public");
publicApi.MapGet("/status", () => Results.Ok(new { status = "ok" }));
publicApi.MapPost("/echo", (Todo todo) => Results.Ok(todo));

app.MapPatch("/partners/orders/{id:int}", (int id) => Results.Ok(new { id, updated = true })).RequireCorsKit("partners");
app.MapPost("/internal/jobs", () => Results.Accepted()).DisableCorsKit();

app.Run();

/// <summary>A to-do item.</summary>
/// <param name="Id">The identifier.</param>
/// <param name="Title">What to do.</param>
public sealed record Todo(int Id, string Title);

/// <summary>The sample's entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
