using System.Net;
using System.Reflection;
using CorsKit.Tests.Integration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CorsKit.Tests.Regression;

/// <summary>
/// The six defects found where CorsKit's pieces met (issue "One decision"), one test or more each. Every test here
/// failed before the fix.
/// </summary>
public sealed class SeamDefectTests
{
    private const string App = "https://app.example.com";
    private const string Partner = "https://partner.example.net";
    private const string Tenant = "https://tenant.example.org";

    // Defect 1: a derived controller's [DisableCorsKit] lost to its base class's [EnableCorsKit("public")].
    [Fact]
    public async Task A_derived_controller_that_disables_CORS_wins_over_its_base_class_policy()
    {
        await using var app = await StartControllerAppAsync();
        var putsBefore = InternalController.PutCalls;

        using var preflight = await app.Client.SendAsync(CorsRequests.Preflight("/mvc/internal", Partner, "PUT"));
        using var actual = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/mvc/internal", Partner));

        preflight.StatusCode.Should().Be(HttpStatusCode.NoContent);
        preflight.CorsHeaderNames().Should().BeEmpty("the derived class switched CORS off");
        InternalController.PutCalls.Should().Be(putsBefore, "the PUT action never runs for a preflight");
        actual.StatusCode.Should().Be(HttpStatusCode.OK);
        actual.CorsHeaderNames().Should().BeEmpty("the derived class switched CORS off");
    }

    [Fact]
    public async Task A_derived_controller_that_enables_a_policy_wins_over_its_base_class_that_disables_CORS()
    {
        await using var app = await StartControllerAppAsync();

        using var actual = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/mvc/partner-feed", Partner));

        actual.Header("Access-Control-Allow-Origin").Should().Be(Partner);
        actual.Header("Access-Control-Allow-Credentials").Should().Be("true");
    }

    // Defect 2: a provider could not tell "the default policy" from an endpoint's inline policy, and replaced both.
    [Fact]
    public async Task A_provider_that_replaces_the_default_policy_never_replaces_an_endpoint_inline_policy()
    {
        await using var app = await TestApp.StartAsync(
            builder =>
            {
                builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins(App)));
                builder.Services.AddCorsKitPolicyProvider<DefaultReplacingProvider>();
            },
            a =>
            {
                a.UseCorsKit();
                a.MapGet("/", () => "home");
                a.MapGet("/admin", () => "admin").RequireCorsKit(p => p.WithOrigins("https://admin.example.com"));
            });

        using var home = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/", Tenant));
        using var admin = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/admin", Tenant));
        using var adminPreflight = await app.Client.SendAsync(CorsRequests.Preflight("/admin", Tenant, "GET", "x-token"));
        using var adminOwn = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/admin", "https://admin.example.com"));

        home.Header("Access-Control-Allow-Origin").Should().Be(Tenant, "the provider replaces the default policy");
        admin.CorsHeaderNames().Should().BeEmpty("the endpoint's own inline policy does not list the tenant's origin");
        adminPreflight.CorsHeaderNames().Should().BeEmpty();
        adminOwn.Header("Access-Control-Allow-Origin").Should().Be("https://admin.example.com");
        DefaultReplacingProvider.Seen.Should().Contain(s => s.Kind == CorsKitPolicySelectionKind.Endpoint && s.EndpointPolicy != null)
            .And.Contain(s => s.Kind == CorsKitPolicySelectionKind.Default && s.Name == null);
    }

    // Defect 3: an Access-Control-Allow-Origin written by the application was taken for CorsKit's own.
    [Theory]
    [InlineData("echo")]
    [InlineData("*")]
    public async Task An_allow_origin_header_written_by_the_application_is_reported_and_the_response_still_varies_on_Origin(string written)
    {
        await using var app = await TestApp.StartAsync(
            cors => cors.AddDefaultPolicy(p => p.WithOrigins(App).AllowCredentials()),
            a =>
            {
                a.UseCorsKit();
                a.MapGet("/handwritten", (HttpContext context) =>
                {
                    context.Response.Headers.AccessControlAllowOrigin = written == "echo" ? context.Request.Headers.Origin : "*";
                    return "x";
                });
            });

        using var response = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/handwritten", App));

        response.Header("Access-Control-Allow-Origin").Should().Be(written == "echo" ? App : "*", "CorsKit never writes a second value");
        response.HeaderList("Vary").Should().Contain("Origin", "the response still depends on the request's origin");
        var warning = app.Logs.From("CorsKit").Should().ContainSingle(e => e.Id.Name == "AllowOriginAlreadySet").Subject;
        warning.Level.Should().Be(LogLevel.Warning);
        warning.Message.Should().Contain(written == "echo" ? $"\"{App}\"" : "\"*\"");
    }

    // Defect 4: AllowAnyMethod without credentials answered a refused (65-character) method with "Allow-Methods: *".
    [Fact]
    public async Task A_refused_method_is_never_answered_with_a_wildcard_that_lets_the_browser_proceed()
    {
        await using var app = await TestApp.StartAsync(
            cors => cors.AddDefaultPolicy(p => p.WithOrigins(App).AllowAnyMethod()),
            a =>
            {
                a.UseCorsKit();
                a.MapGet("/", () => "x");
            });
        var method = new string('M', 65);

        using var response = await app.Client.SendAsync(CorsRequests.Preflight("/", App, method));

        response.Header("Access-Control-Allow-Methods").Should().BeNull("the method was refused");
        app.Logs.From("CorsKit").Should().Contain(e => e.Id.Name == "PreflightMethodRefused");
    }

    // Defect 5: the internal key of the default policy leaked into messages.
    [Fact]
    public async Task Messages_about_a_missing_default_policy_name_it_and_advise_AddDefaultPolicy()
    {
        await using var app = await TestApp.StartAsync(
            cors => cors.AddPolicy("partners", p => p.WithOrigins(Partner)),
            a =>
            {
                a.UseCorsKit();
                a.MapControllers();
            });

        // ItemsController.Create carries [EnableCorsKit] without a name: the default policy, which is not registered.
        using var response = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Post, "/mvc/items", App));

        response.CorsHeaderNames().Should().BeEmpty();
        var error = app.Logs.From("CorsKit").Should().ContainSingle(e => e.Id.Name == "PolicyNotFound").Subject;
        error.Message.Should().Contain("default policy").And.Contain("AddDefaultPolicy(").And.NotContain("__CorsKit");
        app.Logs.GetSnapshot().Should().NotContain(e => e.Message.Contains("__CorsKit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_refusal_header_of_a_missing_default_policy_does_not_name_an_internal_key()
    {
        await using var app = await TestApp.StartAsync(
            cors =>
            {
                cors.IncludeRefusalReasonHeader = true;
                cors.AddPolicy("partners", p => p.WithOrigins(Partner));
            },
            a =>
            {
                a.UseCorsKit();
                a.MapControllers();
            });

        using var response = await app.Client.SendAsync(CorsRequests.Preflight("/mvc/items", App, "POST", "content-type"));

        response.Header("CorsKit-Refusal").Should().NotBeNull().And.NotContain("__CorsKit").And.Contain("default");
    }

    // Defect 6: the "pure" evaluator wrote a memo into the public, documented-immutable policy.
    [Fact]
    public void The_public_policy_has_no_mutable_state()
    {
        var mutable = typeof(CorsKitPolicy)
            .GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(f => !f.IsInitOnly)
            .Select(f => f.Name);

        mutable.Should().BeEmpty("CorsKitPolicy is documented as immutable; caches belong to the internal compiled policy");
    }

    // Defect 6: options (and so every policy) were built and validated twice at startup.
    [Fact]
    public async Task Policies_are_built_once_at_startup()
    {
        var configureCalls = 0;
        await using var app = await TestApp.StartAsync(
            cors =>
            {
                Interlocked.Increment(ref configureCalls);
                cors.AddDefaultPolicy(p => p.WithOrigins(App));
            },
            a =>
            {
                a.UseCorsKit();
                a.MapGet("/", () => "x");
            });

        using var response = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/", App));

        response.Header("Access-Control-Allow-Origin").Should().Be(App);
        configureCalls.Should().Be(1);
    }

    private static Task<TestHost> StartControllerAppAsync() =>
        TestApp.StartAsync(
            cors =>
            {
                cors.AddPolicy("public", p => p.AllowAnyOrigin().WithMethods("PUT"));
                cors.AddPolicy("partners", p => p.WithOrigins(Partner).WithMethods("PUT").AllowCredentials());
            },
            a =>
            {
                a.UseCorsKit();
                a.MapControllers();
            });

    /// <summary>A tenant provider that only means to replace the default policy.</summary>
    private sealed class DefaultReplacingProvider : ICorsKitPolicyProvider
    {
        private static readonly CorsKitPolicy TenantPolicy = new CorsKitPolicyBuilder().WithOrigins(Tenant).Build();

        public static System.Collections.Concurrent.ConcurrentBag<CorsKitPolicySelection> Seen { get; } = [];

        public ValueTask<CorsKitPolicy?> GetPolicyAsync(HttpContext context, CorsKitPolicySelection selection)
        {
            Seen.Add(selection);
            return ValueTask.FromResult(selection.Kind == CorsKitPolicySelectionKind.Default ? TenantPolicy : null);
        }
    }
}
