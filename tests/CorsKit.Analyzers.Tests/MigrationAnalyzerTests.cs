using CorsKit.Analyzers.CodeFixes;
using VerifyMigration = CorsKit.Analyzers.Tests.Verify<CorsKit.Analyzers.MigrationAnalyzer>;

namespace CorsKit.Analyzers.Tests;

public sealed class MigrationAnalyzerTests
{
    [Fact]
    public Task Microsoft_CORS_calls_are_renamed_to_CorsKit() => VerifyMigration.FixAsync<MigrationCodeFix>(
        """
        var builder = WebApplication.CreateBuilder();
        builder.Services.{|#0:AddCors(options =>
        {
            options.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com").WithMethods("PUT").AllowCredentials());
            options.AddPolicy("public", p =>
            {
                p.AllowAnyOrigin();
                p.AllowAnyHeader().SetPreflightMaxAge(TimeSpan.FromMinutes(10));
            });
        })|};
        var app = builder.Build();
        app.{|#1:UseCors("public")|};
        app.MapGet("/a", () => "a").{|#2:RequireCors("public")|};
        app.MapGet("/b", () => "b").{|#3:RequireCors(p => p.WithOrigins("https://b.example.com"))|};
        app.Run();
        """,
        """
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddCorsKit(options =>
        {
            options.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com").WithMethods("PUT").AllowCredentials());
            options.AddPolicy("public", p =>
            {
                p.AllowAnyOrigin();
                p.AllowAnyHeader().SetPreflightMaxAge(TimeSpan.FromMinutes(10));
            });
        });
        var app = builder.Build();
        app.UseCorsKit("public");
        app.MapGet("/a", () => "a").RequireCorsKit("public");
        app.MapGet("/b", () => "b").RequireCorsKit(p => p.WithOrigins("https://b.example.com"));
        app.Run();
        """,
        VerifyMigration.Diagnostic(DiagnosticIds.MigrateToCorsKit).WithLocation(0).WithArguments("AddCors()", "AddCorsKit()"),
        VerifyMigration.Diagnostic(DiagnosticIds.MigrateToCorsKit).WithLocation(1).WithArguments("UseCors()", "UseCorsKit()"),
        VerifyMigration.Diagnostic(DiagnosticIds.MigrateToCorsKit).WithLocation(2).WithArguments("RequireCors()", "RequireCorsKit()"),
        VerifyMigration.Diagnostic(DiagnosticIds.MigrateToCorsKit).WithLocation(3).WithArguments("RequireCors()", "RequireCorsKit()"));

    [Fact]
    public Task Attributes_are_renamed_and_the_namespace_imported() => VerifyMigration.FixAsync<MigrationCodeFix>(
        """
        using Microsoft.AspNetCore.Cors;

        [{|#0:EnableCors("partners")|}]
        public sealed class OrdersController
        {
            [{|#1:EnableCors|}]
            public string Get() => "x";

            [{|#2:DisableCors|}]
            public string Delete() => "x";
        }
        """,
        """
        using Microsoft.AspNetCore.Cors;
        using CorsKit;

        [EnableCorsKit("partners")]
        public sealed class OrdersController
        {
            [EnableCorsKit]
            public string Get() => "x";

            [DisableCorsKit]
            public string Delete() => "x";
        }
        """,
        withUsings: false,
        VerifyMigration.Diagnostic(DiagnosticIds.MigrateToCorsKit).WithLocation(0).WithArguments("[EnableCors]", "[EnableCorsKit]"),
        VerifyMigration.Diagnostic(DiagnosticIds.MigrateToCorsKit).WithLocation(1).WithArguments("[EnableCors]", "[EnableCorsKit]"),
        VerifyMigration.Diagnostic(DiagnosticIds.MigrateToCorsKit).WithLocation(2).WithArguments("[DisableCors]", "[DisableCorsKit]"));

    [Fact]
    public Task Uses_without_a_faithful_equivalent_get_no_fix_and_say_why() => VerifyMigration.NoFixAsync<MigrationCodeFix>(
        """
        var builder = WebApplication.CreateBuilder();
        builder.Services.{|#0:AddCors(options =>
        {
            options.DefaultPolicyName = "main";
            options.AddPolicy("main", p => p.WithOrigins("https://*.example.com").{|#1:SetIsOriginAllowedToAllowWildcardSubdomains()|});
        })|};
        builder.Services.{|#2:AddCors(Configure)|};
        var app = builder.Build();
        app.{|#3:UseCors(p => p.AllowAnyOrigin())|};
        app.Run();

        static void Configure(Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions options) { }
        """,
        VerifyMigration.Diagnostic(DiagnosticIds.NoCorsKitEquivalent).WithLocation(0).WithArguments("AddCors()",
            "DefaultPolicyName, SetIsOriginAllowedToAllowWildcardSubdomains() have no CorsKit counterpart; move this configuration by hand (see docs/migration-from-microsoft-cors.md)"),
        VerifyMigration.Diagnostic(DiagnosticIds.NoCorsKitEquivalent).WithLocation(1).WithArguments("SetIsOriginAllowedToAllowWildcardSubdomains()",
            "CorsKit matches a wildcard origin from the pattern alone; keep https://*.example.com in WithOrigins and drop this call when moving the policy to CorsKit"),
        VerifyMigration.Diagnostic(DiagnosticIds.NoCorsKitEquivalent).WithLocation(2).WithArguments("AddCors()",
            "the CORS options are configured outside this call (a method or a variable); move that configuration to AddCorsKit by hand (see docs/migration-from-microsoft-cors.md)"),
        VerifyMigration.Diagnostic(DiagnosticIds.NoCorsKitEquivalent).WithLocation(3).WithArguments("UseCors(p => ...)",
            "CorsKit has no inline policies in the middleware call; register the policy with AddCorsKit(cors => cors.AddDefaultPolicy(p => ...)) and call UseCorsKit()"));

    [Fact]
    public Task Projects_without_CorsKit_get_no_migration_diagnostics() => VerifyMigration.AnalyzeWithoutCorsKitAsync("""
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin()));
        var app = builder.Build();
        app.UseCors();
        app.Run();
        """);

    [Fact]
    public Task CorsKit_code_is_not_reported() => VerifyMigration.AnalyzeAsync("""
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddCorsKit(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin()));
        var app = builder.Build();
        app.UseCorsKit();
        app.Run();
        """);
}
