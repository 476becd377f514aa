using System.Text.Encodings.Web;
using CorsKit.Testing.Apps;
using CorsKit.Testing.Tests.Apps;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Cors;
using Microsoft.Extensions.Options;

namespace CorsKit.Testing.Tests;

/// <summary>The whole-app check against real Kestrel apps, CorsKit's and Microsoft's.</summary>
public sealed class CorsAppCheckTests
{
    private const string Partner = "https://partner.example.net";

    private static Task<SampleServer> StartCorsKitAppAsync(bool authenticationFirst) => SampleServer.StartAsync(
        builder => builder.Services
            // The slim builder leaves the regex route constraint out; an app with regex routes adds it.
            .Configure<RouteOptions>(o => o.SetParameterPolicy<Microsoft.AspNetCore.Routing.Constraints.RegexInlineRouteConstraint>("regex"))
            .AddCorsKit(cors =>
        {
            cors.AddDefaultPolicy(p => p.WithOrigins(SampleServer.AppOrigin, "https://*.example.com").WithMethods("PUT").WithHeaders("X-Request-Id").AllowCredentials());
            cors.AddPolicy("strict", p => p.WithOrigins(SampleServer.AppOrigin).WithMethods("PUT"));
            cors.AddPolicy("patterns", p => p.WithOrigins("https://*.example.org"));
        }),
        app =>
        {
            if (authenticationFirst)
            {
                // Stands for UseAuthentication()/UseAuthorization() placed before UseCorsKit(): preflights carry no token.
                app.Use((context, next) =>
                {
                    if (context.Request.Path.StartsWithSegments("/secure") && !context.Request.Headers.ContainsKey("Authorization"))
                    {
                        context.Response.StatusCode = 401;
                        return Task.CompletedTask;
                    }

                    return next(context);
                });
            }

            app.UseCorsKit();
            app.MapGet("/api/todos", () => "list");
            app.MapPut("/api/todos/{id:int}", (int id) => id);
            app.MapPatch("/partners/{id:guid}", (Guid id) => id).RequireCorsKit(p => p.WithOrigins(Partner).WithMethods("PATCH"));
            app.MapDelete("/strict/{id:int}", (int id) => id).RequireCorsKit("strict");
            app.MapPut("/secure/{id:int}", (int id) => id);
            app.MapGet("/files/{name:regex(^[a-z]+\\.txt$)}", (string name) => name);
            app.MapGet("/wild", () => "x").RequireCorsKit("patterns");
            app.MapPost("/internal", () => "x").DisableCorsKit();
        });

    [Fact]
    public async Task The_inventory_lists_every_endpoint_with_its_policy_and_leaves_out_disabled_ones()
    {
        await using var server = await StartCorsKitAppAsync(authenticationFirst: false);

        var endpoints = CorsEndpointInventory.Discover(server.Services);

        endpoints.Select(e => e.RoutePattern).Should().BeEquivalentTo(
            "/api/todos", "/api/todos/{id:int}", "/partners/{id:guid}", "/strict/{id:int}", "/secure/{id:int}", "/files/{name:regex(^[a-z]+\\.txt$)}", "/wild");
        var partner = endpoints.Single(e => e.RoutePattern == "/partners/{id:guid}");
        partner.Methods.Should().Equal("PATCH");
        partner.Policy.Source.Should().Be(CorsPolicySource.CorsKit);
        partner.Policy.Origins.Should().Equal(Partner);
        partner.CorsKitReport!.PolicyKind.Should().Be(CorsKitEndpointPolicyKind.Endpoint, "the listing is CorsKit's own endpoint report");
        endpoints.Single(e => e.RoutePattern == "/strict/{id:int}").Policy.Name.Should().Be("strict");
    }

    [Fact]
    public async Task A_healthy_app_passes_once_the_test_gives_what_samples_cannot()
    {
        await using var server = await StartCorsKitAppAsync(authenticationFirst: false);
        using var client = server.CreateClient();

        var report = await new CorsAppCheck(server.Services, client, new CorsAppCheckOptions
        {
            Origin = "https://www.example.org",
            RouteValues = new Dictionary<string, string> { ["name"] = "notes.txt" },
        }).RunAsync();

        // /strict refuses its own DELETE: the policy lists PUT only. Everything else passes.
        report.Failures.Should().ContainSingle().Which.Endpoint.RoutePattern.Should().Be("/strict/{id:int}");
        report.Results.Single(r => r.Endpoint.RoutePattern == "/partners/{id:guid}").Path.Should().Be("/partners/00000000-0000-0000-0000-000000000001");
        report.Results.Single(r => r.Endpoint.RoutePattern == "/wild").Origin.Should().Be("https://www.example.org");
        report.Results.Single(r => r.Endpoint.RoutePattern == "/api/todos/{id:int}").Verdict!.Exchanges.Single()
            .RequestHeader("Access-Control-Request-Headers").Should().Be("x-request-id", "the policy's own headers are requested");
    }

    [Fact]
    public async Task The_check_names_endpoints_whose_preflight_never_reached_CORS_or_is_refused_by_their_own_policy()
    {
        await using var server = await StartCorsKitAppAsync(authenticationFirst: true);
        using var client = server.CreateClient();

        var report = await new CorsAppCheck(server.Services, client).RunAsync();

        var failures = report.Failures.ToDictionary(f => f.Endpoint.RoutePattern);
        failures["/secure/{id:int}"].Outcome.Should().Be(CorsEndpointOutcome.NeverReachedCors);
        failures["/secure/{id:int}"].Message.Should().Contain("answered 401")
            .And.Contain("CorsKit's startup report saw nothing in the way", "a hand-written middleware is not something the report can infer");
        failures["/strict/{id:int}"].Outcome.Should().Be(CorsEndpointOutcome.RefusedByOwnPolicy);
        failures["/strict/{id:int}"].Message.Should().EndWith("Method DELETE is not allowed by Access-Control-Allow-Methods in preflight response.");
        failures["/files/{name:regex(^[a-z]+\\.txt$)}"].Outcome.Should().Be(CorsEndpointOutcome.NotTestable);
        failures["/wild"].Outcome.Should().Be(CorsEndpointOutcome.NotTestable);
        failures.Should().HaveCount(4);
        var act = () => report.EnsurePassed();
        act.Should().Throw<CorsExpectationException>().Which.Message.Should().Contain("CORS check failed for 4 of 7 preflights")
            .And.Contain("/secure/1").And.Contain("Fix: run the CORS middleware before UseAuthentication()");
    }

    [Fact]
    public async Task A_probe_that_confirms_what_the_startup_report_inferred_says_so_with_the_fix()
    {
        await using var server = await SampleServer.StartAsync(
            builder =>
            {
                builder.Services.AddAuthentication("NoUser").AddScheme<AuthenticationSchemeOptions, NoUserHandler>("NoUser", _ => { });
                builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
                builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins(SampleServer.AppOrigin).WithMethods("PUT")));
            },
            app =>
            {
                // No UseAuthentication()/UseAuthorization(): WebApplication inserts both before UseCorsKit().
                app.UseCorsKit();
                app.MapPut("/todos/{id:int}", (int id) => id);
            });
        using var client = server.CreateClient();

        var report = await new CorsAppCheck(server.Services, client).RunAsync();

        var result = report.Results.Should().ContainSingle().Subject;
        result.Endpoint.CorsKitReport!.Preflight.Should().Be(CorsKitPreflightReach.BlockedByAuthorization);
        result.Outcome.Should().Be(CorsEndpointOutcome.NeverReachedCors);
        result.Message.Should().Contain("answered 401").And.Contain("CorsKit's startup report inferred it")
            .And.Contain("Fix: call app.UseCorsKit(), then app.UseAuthentication() and app.UseAuthorization().");
    }

    [Fact]
    public async Task A_Microsoft_CORS_app_is_checked_from_its_own_metadata()
    {
        await using var server = await SampleServer.StartAsync(
            builder => builder.Services.AddCors(cors => cors.AddPolicy("partners", p => p.WithOrigins(Partner).WithMethods("PATCH").WithHeaders("Content-Type"))),
            app =>
            {
                app.UseCors();
                app.MapPatch("/orders/{id:int}", (int id) => id).RequireCors("partners");
                // The policy allows PATCH only: Microsoft's middleware answers with its method list, the browser refuses DELETE.
                app.MapDelete("/invoices/{id:int}", [EnableCors("partners")] (int id) => id);
            });
        using var client = server.CreateClient();

        var report = await new CorsAppCheck(server.Services, client).RunAsync();

        report.Results.Should().HaveCount(2);
        report.Results.Should().OnlyContain(r => r.Endpoint.Policy.Source == CorsPolicySource.MicrosoftCors);
        report.Results.Single(r => r.Endpoint.RoutePattern == "/orders/{id:int}").Outcome.Should().Be(CorsEndpointOutcome.Passed);
        var invoices = report.Results.Single(r => r.Endpoint.RoutePattern == "/invoices/{id:int}");
        invoices.Outcome.Should().Be(CorsEndpointOutcome.RefusedByOwnPolicy);
        invoices.Message.Should().EndWith("Method DELETE is not allowed by Access-Control-Allow-Methods in preflight response.");
    }

    /// <summary>An authentication scheme that never finds a user: every challenge is a 401.</summary>
    private sealed class NoUserHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
    }
}
