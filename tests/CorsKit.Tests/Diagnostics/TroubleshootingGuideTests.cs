using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CorsKit.Tests.Integration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.DependencyInjection;

namespace CorsKit.Tests.Diagnostics;

/// <summary>
/// One test per entry of docs/troubleshooting.md: each provokes the situation behind a Chromium console error and
/// asserts the CorsKit log event the guide tells users to look for.
/// </summary>
public sealed class TroubleshootingGuideTests
{
    private const string App = "https://app.example.com";

    private static Task<TestHost> Start(Action<CorsKitOptions> cors, Action<WebApplication>? before = null, Action<WebApplication>? endpoints = null) =>
        TestApp.StartAsync(cors, app =>
        {
            before?.Invoke(app);
            app.UseCorsKit();
            app.MapGet("/data", () => "data");
            app.MapPut("/data", () => "put");
            endpoints?.Invoke(app);
        });

    [Fact]
    public async Task No_allow_origin_header_comes_with_event_6_or_2()
    {
        await using var app = await Start(c => c.AddDefaultPolicy(p => p.WithOrigins(App)));

        using var actual = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/data", "https://other.example.com"));
        using var preflight = await app.Client.SendAsync(CorsRequests.Preflight("/data", "https://other.example.com", "PUT"));

        actual.Header("Access-Control-Allow-Origin").Should().BeNull();
        preflight.Header("Access-Control-Allow-Origin").Should().BeNull();
        app.Logs.From("CorsKit").Select(e => e.Id.Name).Should().Contain(["RequestOriginRefused", "PreflightOriginRefused"]);
    }

    [Fact]
    public async Task Allow_origin_not_equal_to_the_origin_comes_with_event_7()
    {
        await using var app = await Start(
            c => c.AddDefaultPolicy(p => p.WithOrigins(App)),
            endpoints: a => a.MapGet("/legacy", (Microsoft.AspNetCore.Http.HttpContext ctx) =>
            {
                ctx.Response.Headers.AccessControlAllowOrigin = "https://old-frontend.example.com";
                return "legacy";
            }));

        using var response = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/legacy", App));

        response.Header("Access-Control-Allow-Origin").Should().Be("https://old-frontend.example.com");
        app.Logs.From("CorsKit").Should().Contain(e => e.Id.Name == "AllowOriginAlreadySet");
    }

    [Fact]
    public void Wildcard_with_credentials_is_refused_at_startup()
    {
        var act = () => new CorsKitOptions().AddDefaultPolicy(p => p.AllowAnyOrigin().AllowCredentials());

        act.Should().Throw<CorsKitConfigurationException>().WithMessage("*AllowAnyOrigin() cannot be combined with AllowCredentials()*");
    }

    [Fact]
    public async Task Credentials_flag_missing_comes_with_event_5_and_no_allow_credentials()
    {
        await using var app = await Start(c => c.AddDefaultPolicy(p => p.WithOrigins(App)));

        using var response = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/data", App));

        response.Header("Access-Control-Allow-Origin").Should().Be(App);
        response.Header("Access-Control-Allow-Credentials").Should().BeNull();
        app.Logs.From("CorsKit").Should().Contain(e => e.Id.Name == "RequestAllowed");
    }

    [Fact]
    public async Task Method_not_allowed_comes_with_event_3()
    {
        await using var app = await Start(c => c.AddDefaultPolicy(p => p.WithOrigins(App)));

        using var response = await app.Client.SendAsync(CorsRequests.Preflight("/data", App, "PUT"));

        response.Header("Access-Control-Allow-Origin").Should().Be(App);
        app.Logs.From("CorsKit").Should().Contain(e => e.Id.Name == "PreflightMethodRefused" && e.Message.Contains("\"PUT\""));
    }

    [Fact]
    public async Task Header_not_allowed_comes_with_event_4()
    {
        await using var app = await Start(c => c.AddDefaultPolicy(p => p.WithOrigins(App).WithMethods("PUT")));

        using var response = await app.Client.SendAsync(CorsRequests.Preflight("/data", App, "PUT", "x-custom"));

        response.Header("Access-Control-Allow-Origin").Should().Be(App);
        app.Logs.From("CorsKit").Should().Contain(e => e.Id.Name == "PreflightHeaderRefused" && e.Message.Contains("\"x-custom\""));
    }

    [Fact]
    public async Task Preflight_without_ok_status_comes_with_event_12_at_startup()
    {
        await using var app = await TestApp.StartAsync(
            builder =>
            {
                builder.Services.AddAuthentication(AnonymousOnlyHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, AnonymousOnlyHandler>(AnonymousOnlyHandler.SchemeName, null);
                builder.Services.AddAuthorization();
                builder.Services.AddCorsKit(c => c.AddDefaultPolicy(p => p.WithOrigins(App).WithMethods("PUT")));
            },
            a =>
            {
                a.UseAuthentication();
                a.UseAuthorization();
                a.UseCorsKit();
                a.MapMethods("/secure", ["PUT", "OPTIONS"], () => "secure").RequireAuthorization();
            });

        using var response = await app.Client.SendAsync(CorsRequests.Preflight("/secure", App, "PUT"));

        // Authorization runs first and refuses the credential-less preflight before CorsKit can answer it.
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Header("Access-Control-Allow-Origin").Should().BeNull();
        app.Logs.From("CorsKit").Should().Contain(e => e.Id.Name == "MiddlewareAfterAuthentication");
        app.Logs.From("CorsKit").Should().NotContain(e => e.Id.Name == "PreflightAllowed");
    }

    [Fact]
    public async Task Redirect_on_preflight_comes_with_no_corskit_event()
    {
        await using var app = await TestApp.StartAsync(
            builder =>
            {
                builder.Services.Configure<HttpsRedirectionOptions>(o => o.HttpsPort = 443);
                builder.Services.AddCorsKit(c => c.AddDefaultPolicy(p => p.WithOrigins(App).WithMethods("PUT")));
            },
            a =>
            {
                a.UseHttpsRedirection();
                a.UseCorsKit();
                a.MapPut("/data", () => "put");
            });

        using var response = await app.Client.SendAsync(CorsRequests.Preflight("/data", App, "PUT"));

        response.StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect);
        app.Logs.From("CorsKit").Should().NotContain(e => e.Id.Name != null && e.Id.Name.StartsWith("Preflight", StringComparison.Ordinal),
            "the redirect happened before CorsKit: the absence of a preflight event is the clue");
    }

    /// <summary>An authentication scheme that never authenticates anyone, as with a preflight (no credentials).</summary>
    private sealed class AnonymousOnlyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "AnonymousOnly";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
    }
}
