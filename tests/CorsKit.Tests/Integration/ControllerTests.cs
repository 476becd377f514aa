using System.Net;
using Microsoft.AspNetCore.Builder;

namespace CorsKit.Tests.Integration;

/// <summary>Policy attributes on controllers and actions, through real HTTP and MVC routing.</summary>
public sealed class ControllerTests : IAsyncLifetime
{
    private const string App = "https://app.example.com";
    private const string Partner = "https://partner.example.net";

    private TestHost _app = null!;

    private HttpClient Client => _app.Client;

    public async Task InitializeAsync() =>
        _app = await TestApp.StartAsync(
            cors =>
            {
                cors.AddDefaultPolicy(p => p.WithOrigins(App).WithMethods("PATCH", "DELETE").WithHeaders("Content-Type"));
                cors.AddPolicy("partners", p => p.WithOrigins(Partner).WithMethods("PUT").AllowCredentials());
            },
            app =>
            {
                app.UseExceptionHandler();
                app.UseCorsKit();
                app.MapControllers();
            });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Controller_attribute_policy_answers_the_preflight_of_a_put_only_action()
    {
        var before = ItemsController.PutCalls;
        using var response = await Client.SendAsync(CorsRequests.Preflight("/mvc/items/1", Partner, "PUT"));

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Header("Access-Control-Allow-Origin").Should().Be(Partner);
        response.Header("Access-Control-Allow-Credentials").Should().Be("true");
        response.Header("Access-Control-Allow-Methods").Should().Be("PUT");
        ItemsController.PutCalls.Should().Be(before, "the action never runs for a preflight");
    }

    [Fact]
    public async Task Controller_attribute_policy_overrides_the_app_wide_default()
    {
        using var partner = await Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/mvc/items", Partner));
        using var app = await Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/mvc/items", App));

        partner.Header("Access-Control-Allow-Origin").Should().Be(Partner);
        app.CorsHeaderNames().Should().BeEmpty();
        app.HeaderList("Vary").Should().Be("Origin");
    }

    [Fact]
    public async Task Action_attribute_overrides_the_controller_attribute()
    {
        using var preflight = await Client.SendAsync(CorsRequests.Preflight("/mvc/items", App, "POST", "content-type"));
        using var actual = await Client.SendAsync(CorsRequests.Actual(HttpMethod.Post, "/mvc/items", App));

        preflight.Header("Access-Control-Allow-Origin").Should().Be(App);
        preflight.Header("Access-Control-Allow-Headers").Should().Be("content-type");
        actual.Header("Access-Control-Allow-Origin").Should().Be(App);
    }

    [Fact]
    public async Task Disabled_action_refuses_its_preflight_and_gets_no_headers()
    {
        using var preflight = await Client.SendAsync(CorsRequests.Preflight("/mvc/items/1", App, "DELETE"));
        using var actual = await Client.SendAsync(CorsRequests.Actual(HttpMethod.Delete, "/mvc/items/1", App));

        preflight.StatusCode.Should().Be(HttpStatusCode.NoContent);
        preflight.CorsHeaderNames().Should().BeEmpty();
        actual.StatusCode.Should().Be(HttpStatusCode.NoContent);
        actual.CorsHeaderNames().Should().BeEmpty();
    }

    [Fact]
    public async Task Action_without_attributes_uses_the_app_wide_policy_including_its_preflight()
    {
        using var preflight = await Client.SendAsync(CorsRequests.Preflight("/mvc/plain", App, "PATCH", "content-type"));

        preflight.StatusCode.Should().Be(HttpStatusCode.NoContent);
        preflight.Header("Access-Control-Allow-Origin").Should().Be(App);
        preflight.Header("Access-Control-Allow-Methods").Should().Be("PATCH, DELETE");
    }

    [Fact]
    public async Task Controller_exceptions_keep_the_cors_headers()
    {
        using var response = await Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/mvc/items/fail", Partner));

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        response.Header("Access-Control-Allow-Origin").Should().Be(Partner);
        response.Header("Access-Control-Allow-Credentials").Should().Be("true");
    }

    [Fact]
    public async Task A_convention_on_MapControllers_overrides_controller_attributes()
    {
        await using var app = await TestApp.StartAsync(
            cors =>
            {
                cors.AddPolicy("partners", p => p.WithOrigins(Partner));
                cors.AddPolicy("everyone", p => p.AllowAnyOrigin());
            },
            a =>
            {
                a.UseCorsKit();
                a.MapControllers().RequireCorsKit("everyone");
            });

        using var response = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/mvc/items", App));

        response.Header("Access-Control-Allow-Origin").Should().Be("*", "conventions on MapControllers() come after the attributes");
    }
}
