using CorsKit.Testing.Apps;
using Microsoft.AspNetCore.Routing.Patterns;

namespace CorsKit.Testing.Tests;

/// <summary>How the whole-app check turns a route template into a path it can preflight.</summary>
public sealed class SampleRouteTests
{
    [Theory]
    [InlineData("/api/todos", "/api/todos")]
    [InlineData("/api/todos/{id:int}", "/api/todos/1")]
    [InlineData("/api/todos/{id:long:min(5)}", "/api/todos/5")]
    [InlineData("/orders/{id:guid}", "/orders/00000000-0000-0000-0000-000000000001")]
    [InlineData("/flags/{on:bool}", "/flags/true")]
    [InlineData("/days/{day:datetime}", "/days/2026-01-01")]
    [InlineData("/codes/{code:length(3)}", "/codes/aaa")]
    [InlineData("/names/{name:alpha}", "/names/sample")]
    [InlineData("/pages/{slug}", "/pages/sample")]
    [InlineData("/pages/{slug=home}", "/pages/home")]
    [InlineData("/files/{**path}", "/files/sample")]
    [InlineData("/r/{a}.{b:int}", "/r/sample.1")]
    [InlineData("/", "/")]
    public void A_sample_value_satisfies_each_constraint(string template, string expected)
    {
        SampleRoute.Build(RoutePatternFactory.Parse(template), new Dictionary<string, string>(), out var missing).Should().Be(expected);
        missing.Should().BeNull();
    }

    [Fact]
    public void A_given_value_wins_and_is_escaped()
    {
        var path = SampleRoute.Build(RoutePatternFactory.Parse("/pages/{slug}/{id:int}"), new Dictionary<string, string> { ["slug"] = "a b", ["id"] = "42" }, out _);

        path.Should().Be("/pages/a%20b/42");
    }

    [Fact]
    public void A_regex_constraint_has_no_sample_and_names_the_parameter()
    {
        SampleRoute.Build(RoutePatternFactory.Parse("/files/{name:regex(^[a-z]+$)}"), new Dictionary<string, string>(), out var missing).Should().BeNull();
        missing.Should().Be("name");
    }
}
