using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CorsKit.Tests.Integration;

/// <summary>
/// The middleware with minimal-API endpoints, through real HTTP: endpoint policies, route groups, error pages and the
/// application's own headers. What one policy answers to one request is the decision table's job
/// (<see cref="Decisions.DecisionTableTests"/>), not repeated here.
/// </summary>
public sealed class MinimalApiTests : IAsyncLifetime
{
    private const string App = "https://app.example.com";
    private const string Partner = "https://partner.example.net";

    private int _endpointCalls;
    private TestHost _app = null!;

    private HttpClient Client => _app.Client;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync(
            cors =>
            {
                cors.AddDefaultPolicy(p => p
                    .WithOrigins(App, "https://*.example.com", "http://localhost:*")
                    .WithMethods("GET", "PUT", "DELETE")
                    .WithHeaders("Content-Type", "X-Request-Id")
                    .WithExposedHeaders("X-Total-Count")
                    .AllowCredentials()
                    .SetPreflightMaxAge(TimeSpan.FromMinutes(10)));
                cors.AddPolicy("public", p => p.AllowAnyOrigin().AllowAnyMethod().AllowAnyHeader());
                cors.AddPolicy("partners", p => p.WithOrigins(Partner).WithMethods("PATCH").WithHeaders("Authorization").SetPreflightMaxAge(TimeSpan.Zero));
            },
            app =>
            {
                app.UseExceptionHandler();
                app.UseStatusCodePages();
                app.UseCorsKit();
                app.MapGet("/todos", (HttpContext c) =>
                {
                    Interlocked.Increment(ref _endpointCalls);
                    c.Response.Headers["X-Total-Count"] = "2";
                    return Results.Ok(new[] { 1, 2 });
                });
                app.MapPut("/todos/{id:int}", (int id) =>
                {
                    Interlocked.Increment(ref _endpointCalls);
                    return Results.Ok(id);
                });
                app.MapMethods("/any", ["OPTIONS", "POST"], () =>
                {
                    Interlocked.Increment(ref _endpointCalls);
                    return Results.Ok("app handled it");
                });
                app.MapGet("/vary", (HttpContext c) =>
                {
                    c.Response.Headers.Vary = "Accept-Encoding";
                    return "vary";
                });
                app.MapGet("/vary-origin", (HttpContext c) =>
                {
                    c.Response.Headers.Vary = "origin";
                    return "vary";
                });
                app.MapGet("/own-acao", (HttpContext c) =>
                {
                    c.Response.Headers.AccessControlAllowOrigin = "https://mine.example";
                    return "own";
                });
                app.MapGet("/fail", IResult () => throw new InvalidOperationException("boom"));
                app.MapGet("/missing", () => Results.NotFound());
                app.MapGet("/public", () => "public").RequireCorsKit("public");
                app.MapPatch("/partners/orders", () =>
                {
                    Interlocked.Increment(ref _endpointCalls);
                    return "patched";
                }).RequireCorsKit("partners");
                app.MapDelete("/inline", () => "deleted").RequireCorsKit(p => p.WithOrigins("https://inline.example.org").WithMethods("DELETE"));
                app.MapPut("/off", () =>
                {
                    Interlocked.Increment(ref _endpointCalls);
                    return "off";
                }).DisableCorsKit();
                app.MapPut("/unknown-policy", () => "x").RequireCorsKit("does-not-exist");
                var group = app.MapGroup("/group").RequireCorsKit("partners");
                group.MapPut("/item", () => "group put");
            });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Options_without_request_method_is_not_a_preflight_and_reaches_the_app()
    {
        using var response = await Client.SendAsync(CorsRequests.Actual(HttpMethod.Options, "/any", App));

        (await response.Content.ReadAsStringAsync()).Should().Contain("app handled it");
        _endpointCalls.Should().Be(1);
        response.Header("Access-Control-Allow-Origin").Should().Be(App);
    }

    [Fact]
    public async Task Vary_is_appended_to_what_the_app_set()
    {
        using var response = await Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/vary", App));

        response.HeaderList("Vary").Should().Be("Accept-Encoding, Origin");
    }

    [Fact]
    public async Task Vary_origin_set_by_the_app_is_not_duplicated()
    {
        using var response = await Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/vary-origin", App));

        response.HeaderList("Vary").Should().Be("origin");
    }

    [Fact]
    public async Task An_allow_origin_set_by_the_app_is_left_alone_and_logged()
    {
        using var response = await Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/own-acao", App));

        response.Header("Access-Control-Allow-Origin").Should().Be("https://mine.example");
        response.Header("Access-Control-Allow-Credentials").Should().BeNull();
        _app.Logs.From("CorsKit").Should().Contain(e => e.Id.Id == CorsKitEvents.AllowOriginAlreadySet && e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task Exception_handler_responses_keep_the_cors_headers()
    {
        using var response = await Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/fail", App));

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        response.Header("Access-Control-Allow-Origin").Should().Be(App);
        response.Header("Access-Control-Allow-Credentials").Should().Be("true");
        response.HeaderList("Vary").Should().Be("Origin");
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"status\":500");
    }

    [Fact]
    public async Task Status_code_pages_keep_the_cors_headers()
    {
        using var response = await Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/missing", App));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Header("Access-Control-Allow-Origin").Should().Be(App);
    }

    [Fact]
    public async Task Named_endpoint_policy_overrides_the_default_and_routes_the_preflight_of_a_patch_only_endpoint()
    {
        using var preflight = await Client.SendAsync(CorsRequests.Preflight("/partners/orders", Partner, "PATCH", "Authorization"));
        using var fromApp = await Client.SendAsync(CorsRequests.Preflight("/partners/orders", App, "PATCH"));

        preflight.StatusCode.Should().Be(HttpStatusCode.NoContent);
        preflight.Header("Access-Control-Allow-Origin").Should().Be(Partner);
        preflight.Header("Access-Control-Allow-Methods").Should().Be("PATCH");
        preflight.Header("Access-Control-Allow-Headers").Should().Be("authorization");
        preflight.Header("Access-Control-Max-Age").Should().Be("0");
        fromApp.CorsHeaderNames().Should().BeEmpty("the default policy's origin is not in the endpoint's policy");
        _endpointCalls.Should().Be(0);
    }

    [Fact]
    public async Task Route_group_convention_applies_to_its_endpoints_and_their_preflights()
    {
        using var preflight = await Client.SendAsync(CorsRequests.Preflight("/group/item", Partner, "PUT"));

        preflight.StatusCode.Should().Be(HttpStatusCode.NoContent);
        preflight.Header("Access-Control-Allow-Origin").Should().Be(Partner);
        preflight.Header("Access-Control-Allow-Methods").Should().Be("PATCH", "PUT is refused by the partners policy");
    }

    [Fact]
    public async Task Inline_endpoint_policy_applies()
    {
        using var allowed = await Client.SendAsync(CorsRequests.Preflight("/inline", "https://inline.example.org", "DELETE"));
        using var refused = await Client.SendAsync(CorsRequests.Preflight("/inline", App, "DELETE"));

        allowed.Header("Access-Control-Allow-Origin").Should().Be("https://inline.example.org");
        allowed.Header("Access-Control-Allow-Methods").Should().Be("DELETE");
        refused.CorsHeaderNames().Should().BeEmpty();
    }

    [Fact]
    public async Task Disabled_endpoint_gets_no_cors_headers_and_its_preflight_is_refused_without_running_it()
    {
        using var preflight = await Client.SendAsync(CorsRequests.Preflight("/off", App, "PUT"));
        using var actual = await Client.SendAsync(CorsRequests.Actual(HttpMethod.Put, "/off", App));

        preflight.StatusCode.Should().Be(HttpStatusCode.NoContent);
        preflight.CorsHeaderNames().Should().BeEmpty();
        actual.StatusCode.Should().Be(HttpStatusCode.OK);
        actual.CorsHeaderNames().Should().BeEmpty();
        actual.Headers.Contains("Vary").Should().BeFalse();
        _endpointCalls.Should().Be(1, "only the actual PUT ran the endpoint");
        _app.Logs.From("CorsKit").Should().Contain(e => e.Id.Id == CorsKitEvents.PreflightToDisabledEndpoint);
    }

    [Fact]
    public async Task Preflight_of_a_put_only_endpoint_under_the_default_policy_is_answered()
    {
        using var response = await Client.SendAsync(CorsRequests.Preflight("/todos/7", "http://localhost:5173", "DELETE"));

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Header("Access-Control-Allow-Origin").Should().Be("http://localhost:5173");
        response.Header("Access-Control-Allow-Methods").Should().Be("GET, PUT, DELETE");
    }

    [Fact]
    public async Task An_endpoint_naming_an_unregistered_policy_fails_closed_and_logs_an_error()
    {
        using var preflight = await Client.SendAsync(CorsRequests.Preflight("/unknown-policy", App, "PUT"));

        preflight.CorsHeaderNames().Should().BeEmpty();
        _app.Logs.From("CorsKit").Should().Contain(e => e.Id.Id == CorsKitEvents.PolicyNotFound && e.Level == LogLevel.Error && e.Message.Contains("does-not-exist"));
    }

    [Fact]
    public async Task Duplicated_origin_header_is_refused()
    {
        var request = CorsRequests.Actual(HttpMethod.Get, "/todos", App);
        request.Headers.TryAddWithoutValidation("Origin", Partner);

        using var response = await Client.SendAsync(request);

        response.CorsHeaderNames().Should().BeEmpty();
        response.HeaderList("Vary").Should().Be("Origin");
    }

    [Fact]
    public async Task Log_values_taken_from_the_request_are_quoted_escaped_and_bounded()
    {
        var origin = "https://evil.example.org" + new string('x', 5000);
        using var response = await Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/todos", origin));

        var entry = _app.Logs.From("CorsKit").Single(e => e.Id.Id == CorsKitEvents.RequestOriginRefused);
        entry.Message.Should().Contain("(5024 chars)");
        entry.Message.Length.Should().BeLessThan(1000);
    }
}

/// <summary>Behaviours that need their own application configuration.</summary>
public sealed class PipelineVariationTests
{
    [Fact]
    public async Task Same_origin_request_misread_as_cross_origin_behind_a_proxy_is_still_served()
    {
        // Behind a proxy the app sees Host "internal:8080" while the browser's page is on https://api.example.com.
        await using var app = await TestApp.StartAsync(
            cors => cors.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")),
            a =>
            {
                a.UseCorsKit();
                a.MapPost("/items", () => "created");
            });
        var request = CorsRequests.Actual(HttpMethod.Post, "/items", "https://api.example.com");
        request.Headers.Host = "internal:8080";

        using var response = await app.Client.SendAsync(request);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("created");
        response.CorsHeaderNames().Should().BeEmpty("a same-origin browser request needs no CORS headers");
    }

    [Fact]
    public async Task Preflight_status_is_configurable()
    {
        await using var app = await TestApp.StartAsync(
            cors => cors.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com").WithMethods("PUT").SetPreflightSuccessStatusCode(200)),
            a =>
            {
                a.UseCorsKit();
                a.MapPut("/items", () => "put");
            });

        using var response = await app.Client.SendAsync(CorsRequests.Preflight("/items", "https://app.example.com", "PUT"));

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        response.Content.Headers.ContentLength.Should().Be(0);
        response.Header("Access-Control-Allow-Origin").Should().Be("https://app.example.com");
    }

    [Fact]
    public async Task An_origin_predicate_with_credentials_is_warned_about_at_startup()
    {
        await using var app = await TestApp.StartAsync(
            cors => cors.AddDefaultPolicy(p => p.SetIsOriginAllowed(o => o.EndsWith(".corp.example", StringComparison.Ordinal)).AllowCredentials()),
            a =>
            {
                a.UseCorsKit();
                a.MapGet("/", () => "x");
            });

        using var response = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/", "https://hr.corp.example"));

        response.Header("Access-Control-Allow-Origin").Should().Be("https://hr.corp.example");
        response.Header("Access-Control-Allow-Credentials").Should().Be("true");
        app.Logs.From("CorsKit").Should().Contain(e => e.Id.Name == "PredicateWithCredentials" && e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task The_default_policy_and_a_named_policy_called_default_are_each_warned_about()
    {
        await using var app = await TestApp.StartAsync(
            cors =>
            {
                cors.AddDefaultPolicy(p => p.SetIsOriginAllowed(o => o.EndsWith(".corp.example", StringComparison.Ordinal)).AllowCredentials());
                cors.AddPolicy("default", p => p.SetIsOriginAllowed(o => o.EndsWith(".partner.example", StringComparison.Ordinal)).AllowCredentials());
            },
            a =>
            {
                a.UseCorsKit();
                a.MapGet("/", () => "x");
            });

        app.Logs.CorsKitEvents(CorsKitEvents.PredicateWithCredentials).Should().HaveCount(2, "the default policy has its own slot, not the name 'default'");
    }
}
