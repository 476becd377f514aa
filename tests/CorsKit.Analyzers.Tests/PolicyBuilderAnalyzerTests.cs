using CorsKit.Analyzers.CodeFixes;
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
            cors.AddPolicy("browser-spellings", p => p.WithOrigins("https://my_app.example.com", "http://*.localhost:*", "https://example.com.:3999", "https://app.example.com:", "https://xn--bcher-kva.example.com").AllowCredentials());
        });
        """);

    [Theory]
    [InlineData("https://app.example.com/", "has a trailing slash; origins have no path (remove the final '/')")]
    [InlineData("https://app.example.com/api", "has a path; an origin is only scheme://host[:port]")]
    [InlineData("app.example.com", "has no scheme; write it as https://app.example.com (or http:// for a plain-http site)")]
    [InlineData("https://app.*.example.com", "has a misplaced wildcard; '*' may only stand for whole leading labels, as in https://*.example.com")]
    [InlineData("https://*.github.io", "has a wildcard over 'github.io', a suffix under which anyone can register a site; name your own domain, e.g. https://*.yourdomain.github.io")]
    [InlineData("ftp://files.example.com", "has the scheme 'ftp'; only http and https origins can be allowed")]
    [InlineData("http://0x7f000001", "has the host '0x7f000001', which browsers read as the IPv4 address 127.0.0.1 and send as such; write it as 127.0.0.1")]
    [InlineData("https://xn--.example.com", "has the invalid host name 'xn--.example.com'; a name is dot-separated labels of 1-63 letters, digits, '-' and '_', and a label that starts with 'xn--' must be valid Punycode")]
    public Task Origins_the_library_refuses_are_reported_with_its_message(string origin, string message) =>
        VerifyPolicy.AnalyzeAsync($$"""
            var builder = WebApplication.CreateBuilder();
            builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins("https://ok.example.com", {|#0:"{{origin}}"|})));
            """,
            VerifyPolicy.Diagnostic(DiagnosticIds.InvalidOrigin).WithLocation(0).WithArguments(origin, message));
}

public sealed class PolicyBuilderChainTests
{
    private const string PlainHttp = "is plain http and the policy allows credentials: anyone on the network path can run script in that origin and read your users' responses. Use https, or call DangerouslyAllowInsecureOriginsWithCredentials() if you accept the risk";
    private const string AnyOriginWithCredentials = "AllowAnyOrigin() cannot be combined with AllowCredentials(): browsers reject '*' with credentials, and echoing every origin would hand any site your users' sessions. List the trusted origins with WithOrigins()";

    [Fact]
    public Task Plain_http_origin_with_credentials_in_one_fluent_chain_is_reported() => VerifyPolicy.AnalyzeAsync("""
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins("https://a.example.com", {|#0:"http://b.example.com"|}).AllowCredentials()));
        """,
        VerifyPolicy.Diagnostic(DiagnosticIds.InvalidOrigin).WithLocation(0).WithArguments("http://b.example.com", PlainHttp));

    [Fact]
    public Task Plain_http_origin_with_credentials_in_a_statement_lambda_is_reported() => VerifyPolicy.AnalyzeAsync("""
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddCorsKit(cors => cors.AddPolicy("partners", p =>
        {
            p.WithOrigins({|#0:"null"|});
            p.WithMethods("PUT");
            p.AllowCredentials();
        }));
        """,
        VerifyPolicy.Diagnostic(DiagnosticIds.InvalidOrigin).WithLocation(0).WithArguments("null",
            "is sent by sandboxed iframes and file: or data: pages of any site, and the policy allows credentials: every such page could read your users' responses. Remove it, or call DangerouslyAllowInsecureOriginsWithCredentials() if you accept the risk"));

    [Fact]
    public Task Chain_continued_through_a_variable_is_one_policy() => VerifyPolicy.AnalyzeAsync("""
        public static class Policies
        {
            public static CorsKitPolicy Partners()
            {
                var builder = new CorsKitPolicyBuilder();
                var withOrigins = builder.WithOrigins({|#0:"http://partner.example.net"|});
                withOrigins.WithMethods("PATCH");
                builder.AllowCredentials();
                return builder.Build();
            }
        }
        """,
        VerifyPolicy.Diagnostic(DiagnosticIds.InvalidOrigin).WithLocation(0).WithArguments("http://partner.example.net", PlainHttp));

    [Fact]
    public Task Separate_builders_are_separate_policies() => VerifyPolicy.AnalyzeAsync("""
        public static class Policies
        {
            public static (CorsKitPolicy, CorsKitPolicy) Two()
            {
                var plain = new CorsKitPolicyBuilder().WithOrigins("http://partner.example.net");
                var withCredentials = new CorsKitPolicyBuilder().WithOrigins("https://partner.example.net").AllowCredentials();
                var any = new CorsKitPolicyBuilder().AllowAnyOrigin();
                _ = any;
                return (plain.Build(), withCredentials.Build());
            }

            public static void Configure(CorsKitOptions cors)
            {
                cors.AddPolicy("a", p => p.WithOrigins("http://a.example.net"));
                cors.AddPolicy("b", p => p.AllowCredentials().WithOrigins("https://b.example.net"));
            }
        }
        """);

    [Fact]
    public Task Combinations_on_exclusive_paths_are_not_reported_but_bad_literals_are() => VerifyPolicy.AnalyzeAsync("""
        public sealed record Shape(bool AnyOrigin, bool Credentials, bool Lan)
        {
            public void Apply(CorsKitPolicyBuilder p)
            {
                if (AnyOrigin)
                {
                    p.AllowAnyOrigin();
                }
                else
                {
                    p.WithOrigins("https://app.example.com", {|#0:"https://b.example.com/"|});
                }

                _ = Lan ? p.WithOrigins("http://printer.example.lan") : p;
                if (Credentials)
                {
                    p.AllowCredentials();
                }
            }
        }
        """,
        TrailingSlash(0, "https://b.example.com/"));

    [Fact]
    public Task Origins_that_are_not_literals_are_not_guessed() => VerifyPolicy.AnalyzeAsync("""
        public static class Policies
        {
            public static void Configure(CorsKitOptions cors, string fromConfig, string[] many) =>
                cors.AddPolicy("a", p => p.WithOrigins(fromConfig).WithOrigins(many).AllowCredentials());
        }
        """);

    [Fact]
    public Task Origins_in_explicit_arrays_and_collection_expressions_are_checked() => VerifyPolicy.AnalyzeAsync("""
        public static class Policies
        {
            private const string Trailing = "https://c.example.com/";

            public static void Configure(CorsKitOptions cors)
            {
                cors.AddPolicy("a", p => p.WithOrigins(new[] { {|#0:"https://a.example.com/"|} }));
                cors.AddPolicy("b", p => p.WithOrigins([{|#1:"https://b.example.com/"|}]));
                cors.AddPolicy("c", p => p.WithOrigins({|#2:Trailing|}));
            }
        }
        """,
        TrailingSlash(0, "https://a.example.com/"),
        TrailingSlash(1, "https://b.example.com/"),
        TrailingSlash(2, "https://c.example.com/"));

    [Fact]
    public Task Any_origin_with_credentials_is_reported_across_statements() => VerifyPolicy.AnalyzeAsync("""
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddCorsKit(cors =>
        {
            cors.AddDefaultPolicy(p => p.{|#0:AllowAnyOrigin()|}.AllowAnyMethod().AllowCredentials());
            cors.AddPolicy("star", p =>
            {
                p.WithOrigins({|#1:"*"|});
                p.AllowCredentials();
            });
        });
        """,
        VerifyPolicy.Diagnostic(DiagnosticIds.AnyOriginWithCredentials).WithLocation(0).WithArguments(AnyOriginWithCredentials),
        VerifyPolicy.Diagnostic(DiagnosticIds.AnyOriginWithCredentials).WithLocation(1).WithArguments(AnyOriginWithCredentials));

    [Fact]
    public Task Inline_endpoint_policy_is_checked() => VerifyPolicy.AnalyzeAsync("""
        var app = WebApplication.Create();
        app.MapGet("/x", () => "x").RequireCorsKit(p => p.WithOrigins({|#0:"https://partner.example.net/"|}));
        """,
        TrailingSlash(0, "https://partner.example.net/"));

    [Fact]
    public Task Fix_drops_the_trailing_slash() => VerifyPolicy.FixAsync<OriginLiteralCodeFix>(
        """
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins({|#0:"https://App.Example.com/"|}, {|#1:"localhost:5173"|})));
        """,
        """
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com", "https://localhost:5173")));
        """,
        TrailingSlash(0, "https://App.Example.com/"),
        VerifyPolicy.Diagnostic(DiagnosticIds.InvalidOrigin).WithLocation(1).WithArguments("localhost:5173", "has no scheme; write it as https://localhost:5173 (or http:// for a plain-http site)"));

    [Fact]
    public Task No_fix_where_there_is_no_unambiguous_spelling() => VerifyPolicy.NoFixAsync<OriginLiteralCodeFix>(
        """
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins({|#0:"https://app.example.com/api"|})));
        """,
        VerifyPolicy.Diagnostic(DiagnosticIds.InvalidOrigin).WithLocation(0).WithArguments("https://app.example.com/api", "has a path; an origin is only scheme://host[:port]"));

    [Fact]
    public Task No_fix_when_the_corrected_origin_would_still_be_refused() => VerifyPolicy.NoFixAsync<OriginLiteralCodeFix>(
        """
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins({|#0:"http://a.example.com/"|}).AllowCredentials()));
        """,
        TrailingSlash(0, "http://a.example.com/"));

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult TrailingSlash(int location, string origin) =>
        VerifyPolicy.Diagnostic(DiagnosticIds.InvalidOrigin).WithLocation(location)
            .WithArguments(origin, "has a trailing slash; origins have no path (remove the final '/')");
}
