using CorsKit.Response;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Tests.Response;

/// <summary>
/// Issue 12: the application's own <c>Access-Control-Expose-Headers</c> is merged with the policy's, never overwritten,
/// each name once (case-insensitive), through a real Kestrel host.
/// </summary>
public sealed class ExposeHeadersMergeTests
{
    private const string App = "https://app.example.com";

    private static Task<TestHost> StartAsync(Action<CorsKitPolicyBuilder> policy, string? appValue) => TestHost.StartKestrelAsync(
        cors => cors.AddDefaultPolicy(policy),
        app =>
        {
            app.UseCorsKit();
            app.MapGet("/report", (HttpContext context) =>
            {
                context.Response.Headers["X-Total"] = "3";
                context.Response.Headers["X-App-Only"] = "a";
                if (appValue is not null)
                {
                    context.Response.Headers.AccessControlExposeHeaders = appValue;
                }

                return "report";
            });
        });

    [Theory]
    [InlineData(null, "X-Total, X-Page")]
    [InlineData("X-App-Only", "X-App-Only, X-Total, X-Page")]
    [InlineData("x-total", "x-total, X-Page")]
    [InlineData("X-Page, X-TOTAL", "X-Page, X-TOTAL")]
    [InlineData(" X-App-Only ,  ", "X-App-Only, X-Total, X-Page")]
    public async Task The_policy_adds_its_names_to_the_applications_list(string? appValue, string expected)
    {
        await using var host = await StartAsync(p => p.WithOrigins(App).WithExposedHeaders("X-Total", "X-Page"), appValue);

        using var response = await host.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/report", App));

        response.Header("Access-Control-Allow-Origin").Should().Be(App);
        response.Header("Access-Control-Expose-Headers").Should().Be(expected);
    }

    [Fact]
    public async Task The_applications_list_stays_when_the_policy_exposes_nothing()
    {
        await using var host = await StartAsync(p => p.WithOrigins(App), "X-App-Only");

        using var response = await host.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/report", App));

        response.Header("Access-Control-Expose-Headers").Should().Be("X-App-Only");
    }

    [Fact]
    public async Task A_policy_star_is_added_as_its_own_item_not_read_as_covering_names()
    {
        await using var host = await StartAsync(p => p.AllowAnyOrigin().WithExposedHeaders("*"), "X-App-Only");

        using var response = await host.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/report", App));

        response.Header("Access-Control-Expose-Headers").Should().Be("X-App-Only, *");
    }

    [Fact]
    public void Merge_returns_null_when_the_application_already_names_everything() =>
        ExposeHeadersHeader.Merge(new StringValues(["X-Page", "x-total"]), "X-Total, X-Page").Should().BeNull();

    [Fact]
    public void Merge_reads_every_line_of_the_applications_value() =>
        ExposeHeadersHeader.Merge(new StringValues(["X-A", "X-B, x-total"]), "X-Total, X-Page").Should().Be("X-A, X-B, x-total, X-Page");

    [Fact]
    public void Merge_lists_a_name_the_policy_repeats_once() =>
        ExposeHeadersHeader.Merge("X-A", "X-Page, x-page").Should().Be("X-A, X-Page");
}
