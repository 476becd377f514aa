using VerifyNames = CorsKit.Analyzers.Tests.Verify<CorsKit.Analyzers.PolicyNameAnalyzer>;

namespace CorsKit.Analyzers.Tests;

public sealed class PolicyNameAnalyzerTests
{
    [Fact]
    public Task Names_registered_with_AddPolicy_are_not_reported() => VerifyNames.AnalyzeAsync("""
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddCorsKit(cors =>
        {
            cors.AddPolicy("partners", p => p.WithOrigins("https://partner.example.net"));
            cors.AddPolicy(Names.Public, new CorsKitPolicyBuilder().AllowAnyOrigin().Build());
        });
        var app = builder.Build();
        app.UseCorsKit("partners");
        app.MapGet("/a", () => "a").RequireCorsKit(Names.Public);
        app.Run();

        static class Names { public const string Public = "public"; }

        [EnableCorsKit("partners")]
        public sealed class OrdersController { [EnableCorsKit] public string Get() => "x"; }
        """);

    [Fact]
    public Task Unregistered_names_are_reported_wherever_they_are_selected() => VerifyNames.AnalyzeAsync("""
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddCorsKit(cors => cors.AddPolicy("partners", p => p.WithOrigins("https://partner.example.net")));
        var app = builder.Build();
        app.UseCorsKit({|#0:"partner"|});
        app.MapGet("/a", () => "a").RequireCorsKit({|#1:"public"|});
        app.Run();

        [EnableCorsKit({|#2:"admin"|})]
        public sealed class OrdersController { }
        """,
        VerifyNames.Diagnostic(DiagnosticIds.UnknownPolicyName).WithLocation(0).WithArguments("partner"),
        VerifyNames.Diagnostic(DiagnosticIds.UnknownPolicyName).WithLocation(1).WithArguments("public"),
        VerifyNames.Diagnostic(DiagnosticIds.UnknownPolicyName).WithLocation(2).WithArguments("admin"));

    private const string Provider = """
        sealed class Provider : ICorsKitPolicyProvider
        {
            public ValueTask<CorsKitPolicy?> GetPolicyAsync(HttpContext context, CorsKitPolicySelection selection) => ValueTask.FromResult<CorsKitPolicy?>(null);
        }
        """;

    private const string Elsewhere = """
        static class Elsewhere
        {
            // Stands for code in another assembly that receives the registry and may add any policy.
            public static void Seed(ICorsKitPolicyRegistry registry) => _ = registry;
        }
        """;

    [Theory]
    [InlineData("builder.Services.AddCorsKit(builder.Configuration.GetSection(\"CorsKit\"));", "")]
    [InlineData("builder.Services.AddCorsKit(builder.Configuration.GetSection(\"CorsKit\"), cors => cors.AddPolicy(\"x\", p => p.AllowAnyOrigin()));", "")]
    [InlineData("builder.Services.AddCorsKit().AddCorsKitPolicyProvider<Provider>();", Provider)]
    [InlineData("builder.Services.AddCorsKit();", Provider)]
    [InlineData("builder.Services.AddCorsKit(cors => cors.AddPolicy(Environment.GetEnvironmentVariable(\"NAME\")!, p => p.AllowAnyOrigin()));", "")]
    [InlineData("builder.Services.AddCorsKit(); static void Seed(ICorsKitPolicyRegistry registry) => registry.SetPolicy(\"partners\", new CorsKitPolicyBuilder().AllowAnyOrigin().Build());", "")]
    [InlineData("builder.Services.AddCorsKit(); static void Seed(ICorsKitPolicyRegistry registry) => Elsewhere.Seed(registry);", Elsewhere)]
    public Task Nothing_is_reported_when_something_else_could_supply_the_policy(string registration, string types) => VerifyNames.AnalyzeAsync($$"""
        var builder = WebApplication.CreateBuilder();
        {{registration}}
        var app = builder.Build();
        app.UseCorsKit("partners");
        app.Run();

        {{types}}
        """);

    [Fact]
    public Task The_same_program_without_another_source_is_reported() => VerifyNames.AnalyzeAsync("""
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddCorsKit(cors => cors.AddPolicy("x", p => p.AllowAnyOrigin()));
        var app = builder.Build();
        app.UseCorsKit({|#0:"partners"|});
        app.Run();

        static class Elsewhere
        {
            public static void Seed(ICorsKitPolicyRegistry registry) => _ = registry.GetPolicy("partners");
        }
        """,
        VerifyNames.Diagnostic(DiagnosticIds.UnknownPolicyName).WithLocation(0).WithArguments("partners"));
}
