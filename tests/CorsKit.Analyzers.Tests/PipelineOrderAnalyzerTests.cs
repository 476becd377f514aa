using CorsKit.Analyzers.CodeFixes;
using VerifyPipeline = CorsKit.Analyzers.Tests.Verify<CorsKit.Analyzers.PipelineOrderAnalyzer>;

namespace CorsKit.Analyzers.Tests;

public sealed class PipelineOrderAnalyzerTests
{
    [Fact]
    public Task Documented_order_is_not_reported() => VerifyPipeline.AnalyzeAsync("""
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddCorsKit();
        var app = builder.Build();
        app.UseHttpsRedirection();
        app.UseRateLimiter();
        app.UseRouting();
        app.UseCorsKit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Run();
        """);

    [Fact]
    public Task Different_pipelines_are_not_compared() => VerifyPipeline.AnalyzeAsync("""
        var app = WebApplication.Create();
        {|#1:app.UseAuthentication()|};
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), branch => branch.UseCorsKit());
        app.Map("/legacy", legacy => legacy.UseCors());
        app.{|#0:UseCorsKit("public")|};
        app.Run();
        """,
        VerifyPipeline.Diagnostic(DiagnosticIds.CorsAfterAuthentication).WithLocation(0).WithLocation(1).WithArguments("UseAuthentication"));

    [Fact]
    public Task UseCorsKit_after_authorization_is_reported_and_moved() => VerifyPipeline.FixAsync<PipelineOrderCodeFix>(
        """
        var app = WebApplication.Create();
        app.UseRouting();
        {|#1:app.UseAuthentication()|};
        app.UseAuthorization();
        // CORS for the SPA
        app.{|#0:UseCorsKit()|};
        app.Run();
        """,
        """
        var app = WebApplication.Create();
        app.UseRouting();
        // CORS for the SPA
        app.UseCorsKit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Run();
        """,
        VerifyPipeline.Diagnostic(DiagnosticIds.CorsAfterAuthentication).WithLocation(0).WithLocation(1).WithArguments("UseAuthentication"));

    [Fact]
    public Task UseCorsKit_after_authorization_inside_a_method_is_reported_and_moved() => VerifyPipeline.FixAsync<PipelineOrderCodeFix>(
        """
        public static class Pipeline
        {
            public static void Configure(IApplicationBuilder app)
            {
                {|#1:app.UseAuthorization()|};
                app.{|#0:UseCorsKit()|};
            }
        }
        """,
        """
        public static class Pipeline
        {
            public static void Configure(IApplicationBuilder app)
            {
                app.UseCorsKit();
                app.UseAuthorization();
            }
        }
        """,
        VerifyPipeline.Diagnostic(DiagnosticIds.CorsAfterAuthentication).WithLocation(0).WithLocation(1).WithArguments("UseAuthorization"));

    [Fact]
    public Task Chained_calls_and_a_variable_are_one_pipeline() => VerifyPipeline.NoFixAsync<PipelineOrderCodeFix>(
        """
        var app = WebApplication.Create();
        IApplicationBuilder pipeline = app;
        var authenticated = {|#1:pipeline.UseRouting().UseAuthentication()|};
        authenticated.{|#0:UseCorsKit()|}.UseAuthorization();
        app.Run();
        """,
        VerifyPipeline.Diagnostic(DiagnosticIds.CorsAfterAuthentication).WithLocation(0).WithLocation(1).WithArguments("UseAuthentication"));

    [Fact]
    public Task UseCorsKit_before_UseRouting_is_reported_and_moved() => VerifyPipeline.FixAsync<PipelineOrderCodeFix>(
        """
        var app = WebApplication.Create();
        app.{|#0:UseCorsKit()|};
        {|#1:app.UseRouting()|};
        app.UseAuthorization();
        app.Run();
        """,
        """
        var app = WebApplication.Create();
        app.UseRouting();
        app.UseCorsKit();
        app.UseAuthorization();
        app.Run();
        """,
        VerifyPipeline.Diagnostic(DiagnosticIds.CorsBeforeRouting).WithLocation(0).WithLocation(1));

    [Fact]
    public Task Both_CORS_middlewares_are_reported() => VerifyPipeline.AnalyzeAsync("""
        var app = WebApplication.Create();
        app.{|#0:UseCors()|};
        app.UseCorsKit();
        app.Run();
        """,
        VerifyPipeline.Diagnostic(DiagnosticIds.TwoCorsMiddlewares).WithLocation(0));

    [Fact]
    public Task UseCors_alone_is_not_a_pipeline_order_problem() => VerifyPipeline.AnalyzeAsync("""
        var app = WebApplication.Create();
        app.UseAuthorization();
        app.UseCors();
        app.Run();
        """);
}
