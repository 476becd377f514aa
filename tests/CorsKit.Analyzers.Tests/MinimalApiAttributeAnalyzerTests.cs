using VerifyAttribute = CorsKit.Analyzers.Tests.Verify<CorsKit.Analyzers.MinimalApiAttributeAnalyzer>;

namespace CorsKit.Analyzers.Tests;

public sealed class MinimalApiAttributeAnalyzerTests
{
    private const string Unnamed = "remove it (an endpoint without CorsKit metadata gets the app-wide policy), or name a policy with .RequireCorsKit(\"name\")";

    [Fact]
    public Task Attributes_on_lambda_and_method_handlers_are_reported() => VerifyAttribute.AnalyzeAsync("""
        var app = WebApplication.Create();
        app.MapGet("/a", [{|#0:EnableCorsKit("partners")|}] () => "a");
        app.MapPut("/b", [{|#1:DisableCorsKit|}] (int id) => Results.NoContent());
        app.MapGroup("/c").MapDelete("/{id}", Handlers.Delete);
        app.Run();

        static class Handlers
        {
            [{|#2:EnableCorsKit|}]
            public static IResult Delete(int id) => Results.NoContent();
        }
        """,
        VerifyAttribute.Diagnostic(DiagnosticIds.AttributeOnMinimalApiHandler).WithLocation(0).WithArguments("EnableCorsKit", "use .RequireCorsKit(\"partners\") on the endpoint or its route group instead"),
        VerifyAttribute.Diagnostic(DiagnosticIds.AttributeOnMinimalApiHandler).WithLocation(1).WithArguments("DisableCorsKit", "use .DisableCorsKit() on the endpoint or its route group instead"),
        VerifyAttribute.Diagnostic(DiagnosticIds.AttributeOnMinimalApiHandler).WithLocation(2).WithArguments("EnableCorsKit", Unnamed));

    [Fact]
    public Task Conventions_controllers_and_routes_that_accept_OPTIONS_are_not_reported() => VerifyAttribute.AnalyzeAsync("""
        var app = WebApplication.Create();
        app.MapGet("/a", () => "a").RequireCorsKit("partners");
        app.MapPut("/b", (int id) => Results.NoContent()).DisableCorsKit();
        app.MapMethods("/c", new[] { "PATCH", "OPTIONS" }, [EnableCorsKit] () => "c");
        app.Map("/d", [EnableCorsKit] () => "d");
        app.MapGet("/e", [Obsolete("other attributes are fine")] () => "e");
        app.Run();

        [EnableCorsKit("partners")]
        public sealed class OrdersController
        {
            [DisableCorsKit]
            public string Get() => "x";
        }
        """);

    [Fact]
    public Task Attributes_next_to_a_convention_on_the_endpoint_or_its_group_are_not_reported() => VerifyAttribute.AnalyzeAsync("""
        var app = WebApplication.Create();
        app.MapGet("/a", [EnableCorsKit("partners")] () => "a").WithName("a").RequireCorsKit("partners");
        app.MapGroup("/b").RequireCorsKit("partners").MapPut("/", [EnableCorsKit("partners")] () => "b");
        var group = app.MapGroup("/c");
        group.DisableCorsKit();
        group.MapDelete("/", [DisableCorsKit] () => "c");
        var nested = app.MapGroup("/d").RequireCorsKit("partners");
        nested.MapGroup("/e").MapPatch("/", [EnableCorsKit] () => "e");
        Routes.Map(app.MapGroup("/f"));
        app.Run();

        static class Routes
        {
            // The caller may have added a convention to the group.
            public static void Map(Microsoft.AspNetCore.Routing.RouteGroupBuilder group) => group.MapGet("/", [EnableCorsKit] () => "f");
        }
        """);

    [Fact]
    public Task Attributes_in_a_group_without_a_convention_are_reported() => VerifyAttribute.AnalyzeAsync("""
        var app = WebApplication.Create();
        var group = app.MapGroup("/c").WithTags("c");
        group.MapDelete("/", [{|#0:DisableCorsKit|}] () => "c");
        app.Run();
        """,
        VerifyAttribute.Diagnostic(DiagnosticIds.AttributeOnMinimalApiHandler).WithLocation(0).WithArguments("DisableCorsKit", "use .DisableCorsKit() on the endpoint or its route group instead"));

    [Fact]
    public Task MapMethods_without_OPTIONS_is_reported() => VerifyAttribute.AnalyzeAsync("""
        var app = WebApplication.Create();
        app.MapMethods("/c", ["PATCH"], [{|#0:EnableCorsKit|}] () => "c");
        app.Run();
        """,
        VerifyAttribute.Diagnostic(DiagnosticIds.AttributeOnMinimalApiHandler).WithLocation(0).WithArguments("EnableCorsKit", Unnamed));
}
