// The same app with two mistakes the analyzers must report: CK0001 (trailing slash) and CK0003 (UseCorsKit() after
// UseAuthorization()).
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthorization();
builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p
    .WithOrigins("https://app.example.test/")
    .WithMethods("PUT")
    .AllowCredentials()));

var app = builder.Build();
app.UseAuthorization();
app.UseCorsKit();
app.MapPut("/api/items/{id:int}", (int id) => Results.Ok(new { id }));
app.Run();
