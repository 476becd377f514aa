// The app without the mistakes: builds with no CK diagnostic.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthorization();
builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p
    .WithOrigins("https://app.example.test")
    .WithMethods("PUT")
    .AllowCredentials()));

var app = builder.Build();
app.UseCorsKit();
app.UseAuthorization();
app.MapPut("/api/items/{id:int}", (int id) => Results.Ok(new { id }));
app.Run();
