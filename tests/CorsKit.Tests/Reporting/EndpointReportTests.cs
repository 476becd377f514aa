using System.Net;
using System.Text.Encodings.Web;
using CorsKit.Tests.Integration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace CorsKit.Tests.Reporting;

/// <summary>
/// <see cref="CorsKitEndpointReport"/>: the policy it lists for each endpoint is the one the middleware applies (minimal
/// APIs, route groups, controllers), the preflight reach it infers agrees with what a real preflight gets, and the
/// Development report is logged once and never outside Development.
/// </summary>
public sealed class EndpointReportTests
{
    private const string Spa = "http://localhost:5173";
    private const string Partner = "https://partner.example.net";

    [Fact]
    public async Task Minimal_API_endpoints_and_route_groups_get_the_policy_the_middleware_applies()
    {
        await using var app = await TestHost.StartAsync(
            cors =>
            {
                cors.AddDefaultPolicy(p => p.WithOrigins(Spa).WithMethods("PUT"));
                cors.AddPolicy("partners", p => p.WithOrigins(Partner).WithMethods("PUT"));
            },
            a =>
            {
                a.UseCorsKit();
                a.MapGet("/todos", () => "list");
                a.MapPut("/todos/{id:int}", (int id) => id).RequireCorsKit("partners");
                a.MapPatch("/inline", () => "x").RequireCorsKit(p => p.WithOrigins(Partner).WithMethods("PATCH"));
                a.MapDelete("/admin", () => "x").DisableCorsKit();
                var group = a.MapGroup("/partner-api").RequireCorsKit("partners");
                group.MapPut("/feed", () => "x");
                group.MapPut("/open", () => "x").RequireCorsKit(p => p.AllowAnyOrigin().WithMethods("PUT"));
                group.MapPut("/closed", () => "x").DisableCorsKit();
            });
        var registry = app.Services.GetRequiredService<ICorsKitPolicyRegistry>();

        var report = CorsKitEndpointReport.Create(app.Services);

        var byRoute = report.Endpoints.ToDictionary(e => e.RoutePattern);
        byRoute.Keys.Should().BeEquivalentTo("/todos", "/todos/{id:int}", "/inline", "/admin", "/partner-api/feed", "/partner-api/open", "/partner-api/closed");
        report.CorsKitInPipeline.Should().BeTrue();
        report.AppWidePolicyName.Should().BeNull();

        var todos = byRoute["/todos"];
        todos.PolicyKind.Should().Be(CorsKitEndpointPolicyKind.Default);
        todos.DeclaredByEndpoint.Should().BeFalse();
        todos.Policy.Should().BeSameAs(registry.DefaultPolicy);
        todos.Methods.Should().Equal("GET");
        todos.PreflightRoutedToEndpoint.Should().BeFalse("a GET endpoint without CorsKit metadata does not accept preflights");

        var put = byRoute["/todos/{id:int}"];
        put.PolicyKind.Should().Be(CorsKitEndpointPolicyKind.Named);
        put.PolicyName.Should().Be("partners");
        put.DeclaredByEndpoint.Should().BeTrue();
        put.Policy.Should().BeSameAs(registry.GetPolicy("partners"));
        put.PreflightRoutedToEndpoint.Should().BeTrue();

        byRoute["/inline"].PolicyKind.Should().Be(CorsKitEndpointPolicyKind.Endpoint);
        byRoute["/inline"].Policy!.Origins.Should().Equal(Partner);
        byRoute["/admin"].PolicyKind.Should().Be(CorsKitEndpointPolicyKind.Disabled);
        byRoute["/admin"].Policy.Should().BeNull();
        byRoute["/partner-api/feed"].PolicyName.Should().Be("partners", "the group's convention applies");
        byRoute["/partner-api/open"].PolicyKind.Should().Be(CorsKitEndpointPolicyKind.Endpoint, "the endpoint's convention overrides its group's");
        byRoute["/partner-api/open"].Policy!.AllowsAnyOrigin.Should().BeTrue();
        byRoute["/partner-api/closed"].PolicyKind.Should().Be(CorsKitEndpointPolicyKind.Disabled, "the endpoint's convention overrides its group's");
        report.Endpoints.Should().OnlyContain(e => e.Preflight == CorsKitPreflightReach.ReachesCorsKit);

        // What the report says is what a preflight gets: the group's policy, overridden per endpoint.
        using var feed = await app.Client.SendAsync(CorsRequests.Preflight("/partner-api/feed", Partner, "PUT"));
        using var open = await app.Client.SendAsync(CorsRequests.Preflight("/partner-api/open", "https://anyone.example", "PUT"));
        using var closed = await app.Client.SendAsync(CorsRequests.Preflight("/partner-api/closed", Partner, "PUT"));
        feed.Header("Access-Control-Allow-Origin").Should().Be(Partner);
        open.Header("Access-Control-Allow-Origin").Should().Be("*");
        closed.Header("Access-Control-Allow-Origin").Should().BeNull();
    }

    [Fact]
    public async Task An_app_wide_named_policy_and_a_missing_default_are_listed_as_such()
    {
        await using var named = await TestHost.StartAsync(
            cors => cors.AddPolicy("spa", p => p.WithOrigins(Spa)),
            a =>
            {
                a.UseCorsKit("spa");
                a.MapGet("/todos", () => "list");
            });
        await using var bare = await TestHost.StartAsync(
            cors => cors.AddPolicy("spa", p => p.WithOrigins(Spa)),
            a =>
            {
                a.UseCorsKit();
                a.MapGet("/todos", () => "list");
                // [EnableCorsKit] without a name, on an any-method endpoint (which routing always sends preflights to).
                a.Map("/asks-default", () => "x").WithMetadata(new EnableCorsKitAttribute());
            });

        var namedReport = CorsKitEndpointReport.Create(named.Services);
        var bareReport = CorsKitEndpointReport.Create(bare.Services);

        namedReport.AppWidePolicyName.Should().Be("spa");
        var todos = namedReport.Endpoints.Single();
        todos.PolicyKind.Should().Be(CorsKitEndpointPolicyKind.Named);
        todos.PolicyName.Should().Be("spa");
        todos.DeclaredByEndpoint.Should().BeFalse();
        todos.PolicyDescription.Should().Be("policy 'spa' (app-wide)");

        bareReport.Endpoints.Single(e => e.RoutePattern == "/todos").PolicyKind.Should().Be(CorsKitEndpointPolicyKind.None);
        var asksDefault = bareReport.Endpoints.Single(e => e.RoutePattern == "/asks-default");
        asksDefault.PolicyKind.Should().Be(CorsKitEndpointPolicyKind.Default, "the endpoint asks for the default policy, which fails closed");
        asksDefault.Policy.Should().BeNull();
        asksDefault.PolicyDescription.Should().Be("default policy (endpoint) (not registered)");
    }

    [Fact]
    public async Task Controllers_get_the_most_specific_declaration_derived_over_base_and_action_over_controller()
    {
        await using var app = await TestApp.StartAsync(
            cors =>
            {
                cors.AddDefaultPolicy(p => p.WithOrigins(Spa).WithMethods("PATCH"));
                cors.AddPolicy("partners", p => p.WithOrigins(Partner).WithMethods("PUT"));
            },
            a =>
            {
                a.UseCorsKit();
                a.MapControllers();
            });

        var report = CorsKitEndpointReport.Create(app.Services);

        CorsKitEndpointReportEntry Action(string route, string method) =>
            report.Endpoints.Single(e => e.RoutePattern.TrimStart('/') == route && e.Methods.Contains(method));
        Action("mvc/items", "GET").PolicyName.Should().Be("partners", "the controller's attribute applies to its actions");
        Action("mvc/items", "POST").PolicyKind.Should().Be(CorsKitEndpointPolicyKind.Default, "the action's [EnableCorsKit] overrides its controller's");
        Action("mvc/items", "POST").DeclaredByEndpoint.Should().BeTrue();
        Action("mvc/items/{id:int}", "DELETE").PolicyKind.Should().Be(CorsKitEndpointPolicyKind.Disabled);
        Action("mvc/internal", "PUT").PolicyKind.Should().Be(CorsKitEndpointPolicyKind.Disabled, "the derived controller's [DisableCorsKit] wins over its base's [EnableCorsKit(\"public\")]");
        Action("mvc/partner-feed", "GET").PolicyName.Should().Be("partners", "the derived controller's [EnableCorsKit] wins over its base's [DisableCorsKit]");
        Action("mvc/plain", "PATCH").PolicyKind.Should().Be(CorsKitEndpointPolicyKind.Default);
        Action("mvc/plain", "PATCH").DeclaredByEndpoint.Should().BeFalse();

        // The report agrees with the middleware on the derived controllers.
        using var internalPreflight = await app.Client.SendAsync(CorsRequests.Preflight("/mvc/internal", Spa, "PUT"));
        using var feed = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/mvc/partner-feed", Partner));
        internalPreflight.Header("Access-Control-Allow-Origin").Should().BeNull();
        feed.Header("Access-Control-Allow-Origin").Should().Be(Partner);
    }

    [Fact]
    public async Task Authorization_inserted_before_CorsKit_is_inferred_per_endpoint_and_a_real_preflight_agrees()
    {
        await using var app = await TestHost.StartAsync(
            builder =>
            {
                AddDenyingAuthentication(builder.Services);
                builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
                builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins(Spa).WithMethods("PUT")));
            },
            a =>
            {
                // No UseAuthentication()/UseAuthorization(): WebApplication inserts both before everything below.
                a.UseCorsKit();
                a.MapPut("/todos", () => "ok");
                // Routed to itself (CorsKit metadata) and anonymous: authorization lets its preflight through.
                a.MapPut("/public", () => "ok").AllowAnonymous().RequireCorsKit(p => p.WithOrigins(Spa).WithMethods("PUT"));
                // Anonymous, but its preflight is routed to routing's 405 endpoint, which the fallback policy covers.
                a.MapPut("/anonymous-unrouted", () => "ok").AllowAnonymous();
            },
            TestTransport.Kestrel);

        var report = CorsKitEndpointReport.Create(app.Services).Endpoints.ToDictionary(e => e.RoutePattern);

        report["/todos"].Preflight.Should().Be(CorsKitPreflightReach.BlockedByAuthorization);
        report["/todos"].PreflightExplanation.Should().Contain("WebApplication inserts UseAuthorization()").And.Contain("fallback authorization policy");
        report["/anonymous-unrouted"].Preflight.Should().Be(CorsKitPreflightReach.BlockedByAuthorization);
        report["/anonymous-unrouted"].PreflightExplanation.Should().Contain("the endpoint's [AllowAnonymous] does not cover it");
        report["/public"].Preflight.Should().Be(CorsKitPreflightReach.ReachesCorsKit);
        foreach (var (path, expected) in new[] { ("/todos", HttpStatusCode.Unauthorized), ("/anonymous-unrouted", HttpStatusCode.Unauthorized), ("/public", HttpStatusCode.NoContent) })
        {
            using var preflight = await app.Client.SendAsync(CorsRequests.Preflight(path, Spa, "PUT"));
            preflight.StatusCode.Should().Be(expected, $"the report inferred {report[path].Preflight} for {path}");
        }
    }

    [Fact]
    public async Task Authorization_called_before_CorsKit_blocks_only_the_endpoints_that_require_a_user()
    {
        await using var app = await TestHost.StartAsync(
            builder =>
            {
                AddDenyingAuthentication(builder.Services);
                builder.Services.AddAuthorization();
                builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins(Spa).WithMethods("PUT")));
            },
            a =>
            {
                a.UseAuthentication();
                a.UseAuthorization();
                a.UseCorsKit();
                a.MapPut("/account", () => "ok").RequireAuthorization().RequireCorsKit(p => p.WithOrigins(Spa).WithMethods("PUT"));
                a.MapPut("/todos", () => "ok");
            },
            TestTransport.Kestrel);

        var report = CorsKitEndpointReport.Create(app.Services).Endpoints.ToDictionary(e => e.RoutePattern);

        report["/account"].Preflight.Should().Be(CorsKitPreflightReach.BlockedByAuthorization);
        report["/account"].PreflightExplanation.Should().Contain("UseAuthorization() runs before UseCorsKit()").And.Contain("the endpoint requires authorization");
        report["/todos"].Preflight.Should().Be(CorsKitPreflightReach.ReachesCorsKit);
        using var account = await app.Client.SendAsync(CorsRequests.Preflight("/account", Spa, "PUT"));
        using var todos = await app.Client.SendAsync(CorsRequests.Preflight("/todos", Spa, "PUT"));
        account.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        todos.StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Without_UseCorsKit_no_preflight_reaches_CorsKit()
    {
        await using var app = await TestHost.StartAsync(
            builder =>
            {
                builder.Environment.EnvironmentName = Environments.Development;
                builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins(Spa)));
            },
            a => a.MapGet("/todos", () => "list"));

        var report = CorsKitEndpointReport.Create(app.Services);

        report.CorsKitInPipeline.Should().BeFalse();
        report.Endpoints.Single().Preflight.Should().Be(CorsKitPreflightReach.CorsKitNotInPipeline);
        report.ToString().Should().Contain("UseCorsKit() is NOT in the pipeline");
    }

    [Fact]
    public void The_report_of_an_app_without_CorsKit_services_is_a_clear_error()
    {
        using var services = new ServiceCollection().BuildServiceProvider();

        var act = () => CorsKitEndpointReport.Create(services);

        act.Should().Throw<InvalidOperationException>().WithMessage("*call builder.Services.AddCorsKit(...)*");
    }

    [Fact]
    public async Task The_Development_report_is_logged_once_with_a_line_per_endpoint()
    {
        await using var app = await StartReportingAppAsync(Environments.Development, TestTransport.InMemory);
        using var first = await app.Client.GetAsync(new Uri("/todos", UriKind.Relative));
        using var second = await app.Client.SendAsync(CorsRequests.Preflight("/todos/1", Spa, "PUT"));

        var entry = app.Logs.SingleCorsKitEvent(CorsKitEvents.EndpointReport);

        entry.Level.Should().Be(LogLevel.Information);
        entry.Field("EndpointCount").Should().Be("4");
        entry.Message.Should().Contain("GET /todos: default policy (app-wide); preflight reaches CorsKit")
            .And.Contain("PUT /todos/{id:int}: policy 'partners' (endpoint); preflight reaches CorsKit")
            .And.Contain("DELETE /admin: CORS disabled")
            .And.Contain("no request was sent");
    }

    [Fact]
    public async Task The_report_is_never_logged_outside_Development()
    {
        await using var app = await StartReportingAppAsync(Environments.Production, TestTransport.InMemory);
        using var response = await app.Client.GetAsync(new Uri("/todos", UriKind.Relative));

        app.Logs.CorsKitEvents(CorsKitEvents.EndpointReport).Should().BeEmpty();
    }

    [Fact]
    public async Task MapCorsKitReport_serves_the_report_in_Development_to_its_own_origin_only()
    {
        await using var app = await StartReportingAppAsync(Environments.Development, TestTransport.Kestrel);

        using var page = await app.Client.GetAsync(new Uri(CorsKitReportEndpointRouteBuilderExtensions.DefaultPattern, UriKind.Relative));
        using var crossOrigin = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, CorsKitReportEndpointRouteBuilderExtensions.DefaultPattern, Spa));

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        page.Headers.CacheControl!.NoStore.Should().BeTrue();
        var text = await page.Content.ReadAsStringAsync();
        text.Should().StartWith("CorsKit endpoint report: 4 endpoints. UseCorsKit() is in the pipeline.")
            .And.Contain("PUT /todos/{id:int}: policy 'partners' (endpoint)")
            .And.Contain("GET /_corskit/report: CORS disabled");
        crossOrigin.Header("Access-Control-Allow-Origin").Should().BeNull("the report is not for other origins");
    }

    [Fact]
    public async Task MapCorsKitReport_answers_404_outside_Development()
    {
        await using var app = await StartReportingAppAsync(Environments.Production, TestTransport.Kestrel);

        using var page = await app.Client.GetAsync(new Uri(CorsKitReportEndpointRouteBuilderExtensions.DefaultPattern, UriKind.Relative));

        page.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await page.Content.ReadAsStringAsync()).Should().BeEmpty();
    }

    [Fact]
    public void MapCorsKitReport_without_CorsKit_services_is_a_clear_error()
    {
        var app = WebApplication.CreateSlimBuilder().Build();

        var act = () => app.MapCorsKitReport();

        act.Should().Throw<InvalidOperationException>().WithMessage("MapCorsKitReport() needs the CorsKit services*");
    }

    // The environment is fixed when the builder is created, so these apps are built here rather than by TestHost.
    private static async Task<ReportingApp> StartReportingAppAsync(string environment, TestTransport transport)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        if (transport == TestTransport.InMemory)
        {
            builder.WebHost.UseTestServer();
        }
        else
        {
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        }

        builder.Logging.ClearProviders().AddFakeLogging().SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddCorsKit(cors =>
        {
            cors.AddDefaultPolicy(p => p.WithOrigins(Spa));
            cors.AddPolicy("partners", p => p.WithOrigins(Partner).WithMethods("PUT"));
        });
        var app = builder.Build();
        app.UseCorsKit();
        app.MapGet("/todos", () => "list");
        app.MapPut("/todos/{id:int}", (int id) => id).RequireCorsKit("partners");
        app.MapDelete("/admin", () => "x").DisableCorsKit();
        app.MapCorsKitReport();
        await app.StartAsync();
        var client = transport == TestTransport.InMemory
            ? app.GetTestClient()
            : new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };
        return new ReportingApp(app, client);
    }

    private sealed class ReportingApp(WebApplication app, HttpClient client) : IAsyncDisposable
    {
        public HttpClient Client { get; } = client;

        public FakeLogCollector Logs { get; } = app.Services.GetFakeLogCollector();

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await app.DisposeAsync();
        }
    }

    private static void AddDenyingAuthentication(IServiceCollection services) =>
        services.AddAuthentication("Test").AddScheme<AuthenticationSchemeOptions, NoUserHandler>("Test", _ => { });

    /// <summary>An authentication scheme that never finds a user: every challenge is a 401.</summary>
    private sealed class NoUserHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
    }
}
