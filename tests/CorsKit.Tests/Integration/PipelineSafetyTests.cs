using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CorsKit.Tests.Integration;

/// <summary>Pipeline situations where a less careful middleware would grant, run or log the wrong thing.</summary>
public sealed class PipelineSafetyTests
{
    private const string App = "https://app.example.com";

    [Fact]
    public async Task A_policy_attribute_on_a_minimal_api_handler_stops_the_app_at_startup_with_the_fix()
    {
        var act = () => TestApp.StartAsync(
            cors => cors.AddDefaultPolicy(p => p.WithOrigins(App).WithMethods("PUT")),
            a =>
            {
                a.UseCorsKit();
                a.MapPut("/strict", [EnableCorsKit("strict")] () => "put");
            });

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message
            .Should().Contain("/strict").And.Contain(".RequireCorsKit(\"policy\")");
    }

    [Fact]
    public async Task A_preflight_whose_origin_names_this_host_is_still_answered_and_never_runs_the_endpoint()
    {
        var ran = 0;
        await using var app = await TestApp.StartAsync(
            cors => cors.AddDefaultPolicy(p => p.WithOrigins(App).WithMethods("PUT")),
            a =>
            {
                a.UseCorsKit();
                a.MapPut("/items", () =>
                {
                    Interlocked.Increment(ref ran);
                    return "put";
                }).RequireCorsKit(p => p.WithOrigins(App).WithMethods("PUT"));
            });

        using var response = await app.Client.SendAsync(CorsRequests.Preflight("/items", "http://localhost", "PUT"));

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        ran.Should().Be(0);
    }

    [Fact]
    public async Task A_re_executed_error_response_is_decided_once_for_the_original_request()
    {
        await using var app = await TestApp.StartAsync(
            cors => cors.AddDefaultPolicy(p => p.WithOrigins(App)),
            a =>
            {
                a.UseExceptionHandler("/error");
                a.UseStatusCodePagesWithReExecute("/status/{0}");
                a.UseCorsKit();
                a.MapGet("/fail", IResult () => throw new InvalidOperationException("boom"));
                a.MapGet("/error", () => Results.Problem("failed"));
                a.MapGet("/missing", () => Results.NotFound());
                a.Map("/status/{code}", (int code) => Results.Text($"status {code}"));
            });

        using var failed = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/fail", App));
        using var refused = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/missing", "https://evil.example.org"));

        failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        failed.Header("Access-Control-Allow-Origin").Should().Be(App);
        refused.StatusCode.Should().Be(HttpStatusCode.NotFound);
        refused.CorsHeaderNames().Should().BeEmpty();
        var events = app.Logs.From("CorsKit").ToList();
        events.Should().NotContain(e => e.Id.Name == "AllowOriginAlreadySet");
        events.Count(e => e.Id.Name == "RequestOriginRefused").Should().Be(1);
    }

    [Fact]
    public async Task UseCorsKit_before_UseRouting_is_reported_once()
    {
        await using var app = await TestApp.StartAsync(
            cors => cors.AddDefaultPolicy(p => p.WithOrigins(App)),
            a =>
            {
                a.UseCorsKit();
                a.UseRouting();
                a.MapGet("/", () => "x");
            });

        for (var i = 0; i < 3; i++)
        {
            using var response = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/", App));
        }

        var error = app.Logs.From("CorsKit").Should().ContainSingle(e => e.Id.Name == "RoutingAfterCorsKit").Subject;
        error.Level.Should().Be(LogLevel.Error);
        error.Message.Should().Contain("call app.UseCorsKit() after app.UseRouting()");
    }

    [Fact]
    public async Task Removing_the_app_wide_policy_keeps_the_last_good_one_and_reports_it_once()
    {
        await using var app = await TestApp.StartAsync(
            cors => cors.AddPolicy("api", p => p.WithOrigins(App)),
            a =>
            {
                a.UseCorsKit("api");
                a.MapGet("/", () => "x");
            });
        app.Services.GetRequiredService<ICorsKitPolicyRegistry>().RemovePolicy("api").Should().BeTrue();

        for (var i = 0; i < 5; i++)
        {
            using var response = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/", App));
            response.Header("Access-Control-Allow-Origin").Should().Be(App);
        }

        app.Logs.From("CorsKit").Count(e => e.Id.Name == "ConfigurationReloadFailed").Should().Be(1);
    }

    [Fact]
    public async Task An_error_page_for_a_request_refused_before_CorsKit_still_carries_the_cors_headers()
    {
        await using var app = await TestApp.StartAsync(
            cors => cors.AddDefaultPolicy(p => p.WithOrigins(App)),
            a =>
            {
                a.UseStatusCodePagesWithReExecute("/status/{0}");
                a.Use((HttpContext context, RequestDelegate next) =>
                {
                    // A rate limiter placed before CorsKit: the original request never reaches CorsKit.
                    if (context.Request.Path.StartsWithSegments("/limited", StringComparison.Ordinal))
                    {
                        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                        return Task.CompletedTask;
                    }

                    return next(context);
                });
                a.UseCorsKit();
                a.Map("/status/{code}", (int code) => Results.Text($"status {code}"));
                a.MapGet("/limited", () => "never");
            });

        using var response = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/limited", App));

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await response.Content.ReadAsStringAsync()).Should().Be("status 429");
        response.Header("Access-Control-Allow-Origin").Should().Be(App, "the browser must be able to read the real status");
        app.Logs.From("CorsKit").Should().NotContain(e => e.Id.Name == "AllowOriginAlreadySet");
    }

    [Fact]
    public async Task A_correctly_ordered_app_with_re_executed_error_pages_is_not_reported()
    {
        await using var app = await TestApp.StartAsync(
            cors => cors.AddDefaultPolicy(p => p.WithOrigins(App)),
            a =>
            {
                a.UseRouting();
                a.UseCorsKit();
                a.UseStatusCodePagesWithReExecute("/status/{0}");
                a.Map("/status/{code}", (int code) => Results.Text($"status {code}"));
            });

        using var response = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/nowhere", App));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        app.Logs.From("CorsKit").Should().NotContain(e => e.Id.Name == "RoutingAfterCorsKit");
    }

    [Fact]
    public void An_endpoint_source_that_fails_to_list_is_skipped_by_the_startup_check_and_logged()
    {
        var logger = new Microsoft.Extensions.Logging.Testing.FakeLogger(collector: null, category: "CorsKit");
        var logs = logger.Collector;

        var act = () => CorsKit.Endpoints.PreflightRoutingCheck.ThrowIfUnroutable([new FailingEndpointSource()], logger);

        act.Should().NotThrow();
        logs.GetSnapshot().Should().ContainSingle(e => e.Id.Id == CorsKitEvents.EndpointCheckSkipped && e.Message.Contains("not ready"));
    }

    private sealed class FailingEndpointSource : Microsoft.AspNetCore.Routing.EndpointDataSource
    {
        public override IReadOnlyList<Endpoint> Endpoints => throw new InvalidOperationException("not ready");

        public override Microsoft.Extensions.Primitives.IChangeToken GetChangeToken() => Microsoft.Extensions.FileProviders.NullChangeToken.Singleton;
    }
}
