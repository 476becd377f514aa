using VerifyPolicy = CorsKit.Analyzers.Tests.Verify<CorsKit.Analyzers.PolicyBuilderAnalyzer>;

namespace CorsKit.Analyzers.Tests;

public sealed class PolicyBuilderAnalyzerTests
{
    [Fact]
    public Task Valid_origins_and_patterns_are_not_reported() => VerifyPolicy.AnalyzeAsync("""
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddCorsKit(cors =>
        {
            cors.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com", "https://*.example.com", "http://localhost:*", "HTTPS://App.Example.com:443", "null").AllowAnyMethod());
            cors.AddPolicy("creds", p => p.WithOrigins("https://app.example.com", "http://localhost:5173", "http://127.0.0.1:8080").AllowCredentials());
            cors.AddPolicy("any", p => p.AllowAnyOrigin().WithOrigins("*"));
            cors.AddPolicy("opt-in", p => p.WithOrigins("http://intranet.example.com").AllowCredentials().DangerouslyAllowInsecureOriginsWithCredentials());
        });
        """);

    [Theory]
    [InlineData("https://app.example.com/", "has a trailing slash; origins have no path (remove the final '/')")]
    [InlineData("https://app.example.com/api", "has a path; an origin is only scheme://host[:port]")]
    [InlineData("app.example.com", "has no scheme; write it as https://app.example.com (or http:// for a plain-http site)")]
    [InlineData("https://app.*.example.com", "has a misplaced wildcard; '*' may only stand for whole leading labels, as in https://*.example.com")]
    [InlineData("https://*.github.io", "has a wildcard over 'github.io', a suffix under which anyone can register a site; name your own domain, e.g. https://*.yourdomain.github.io")]
    [InlineData("ftp://files.example.com", "has the scheme 'ftp'; only http and https origins can be allowed")]
    public Task Origins_the_library_refuses_are_reported_with_its_message(string origin, string message) =>
        VerifyPolicy.AnalyzeAsync($$"""
            var builder = WebApplication.CreateBuilder();
            builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins("https://ok.example.com", {|#0:"{{origin}}"|})));
            """,
            VerifyPolicy.Diagnostic(DiagnosticIds.InvalidOrigin).WithLocation(0).WithArguments(origin, message));
}
