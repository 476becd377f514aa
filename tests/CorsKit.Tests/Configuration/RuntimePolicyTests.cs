using CorsKit.Tests.Integration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CorsKit.Tests.Configuration;

public sealed class RuntimePolicyTests
{
    [Fact]
    public async Task A_named_policy_replaced_from_code_is_swapped_atomically()
    {
        await using var app = await TestApp.StartAsync(
            cors => cors.AddPolicy("partners", p => p.WithOrigins("https://old.example.net")),
            a =>
            {
                a.UseCorsKit("partners");
                a.MapGet("/", () => "x");
            });
        var registry = app.Services.GetRequiredService<ICorsKitPolicyRegistry>();

        registry.SetPolicy("partners", new CorsKitPolicyBuilder().WithOrigins("https://new.example.net").Build());

        using var oldOrigin = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/", "https://old.example.net"));
        using var newOrigin = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/", "https://new.example.net"));
        oldOrigin.CorsHeaderNames().Should().BeEmpty();
        newOrigin.Header("Access-Control-Allow-Origin").Should().Be("https://new.example.net");
        registry.GetPolicy("partners")!.Origins.Should().Equal("https://new.example.net");
        app.Logs.From("CorsKit").Should().Contain(e => e.Id.Id == CorsKitEvents.PolicyChanged);
    }

    [Fact]
    public async Task Concurrent_swaps_never_produce_a_mixed_answer()
    {
        await using var app = await TestApp.StartAsync(
            cors => cors.AddPolicy("p", p => p.WithOrigins("https://a.example.net").WithMethods("PUT")),
            a =>
            {
                a.UseCorsKit("p");
                a.MapPut("/", () => "x");
            });
        var registry = app.Services.GetRequiredService<ICorsKitPolicyRegistry>();
        var policyA = new CorsKitPolicyBuilder().WithOrigins("https://a.example.net").WithMethods("PUT").Build();
        var policyB = new CorsKitPolicyBuilder().WithOrigins("https://b.example.net").WithMethods("DELETE").Build();
        using var stop = new CancellationTokenSource();
        var swapper = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                registry.SetPolicy("p", i % 2 == 0 ? policyB : policyA);
                await Task.Yield();
            }
        });

        for (var i = 0; i < 200; i++)
        {
            using var response = await app.Client.SendAsync(CorsRequests.Preflight("/", "https://a.example.net", "PUT"));
            var origin = response.Header("Access-Control-Allow-Origin");
            var methods = response.Header("Access-Control-Allow-Methods");
            // Policy A allows this preflight entirely; policy B refuses the origin and sends nothing. Never half of each.
            (origin, methods).Should().BeOneOf(("https://a.example.net", "PUT"), ((string?)null, (string?)null));
        }

        await stop.CancelAsync();
        await swapper;
    }

    [Fact]
    public async Task A_provider_supplies_per_tenant_policies_and_falls_back_to_registered_ones()
    {
        await using var app = await TestApp.StartAsync(
            builder =>
            {
                builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins("https://default.example.com")));
                builder.Services.AddCorsKitPolicyProvider<TenantPolicyProvider>();
            },
            a =>
            {
                a.UseCorsKit();
                a.MapGet("/", () => "x");
            });

        using var tenant = await app.Client.SendAsync(WithTenant(CorsRequests.Actual(HttpMethod.Get, "/", "https://acme.example.org"), "acme"));
        using var otherTenant = await app.Client.SendAsync(WithTenant(CorsRequests.Actual(HttpMethod.Get, "/", "https://acme.example.org"), "globex"));
        using var noTenant = await app.Client.SendAsync(CorsRequests.Actual(HttpMethod.Get, "/", "https://default.example.com"));

        tenant.Header("Access-Control-Allow-Origin").Should().Be("https://acme.example.org");
        tenant.HeaderList("Vary").Should().Be("Origin");
        otherTenant.CorsHeaderNames().Should().BeEmpty();
        noTenant.Header("Access-Control-Allow-Origin").Should().Be("https://default.example.com");
        ((TenantPolicyProvider)app.Services.GetRequiredService<ICorsKitPolicyProvider>()).Builds.Should().Be(2, "policies are cached per tenant");

        static HttpRequestMessage WithTenant(HttpRequestMessage request, string tenantId)
        {
            request.Headers.Add("X-Tenant", tenantId);
            return request;
        }
    }

    [Fact]
    public async Task UseCorsKit_after_authorization_is_reported_at_startup_with_the_fix()
    {
        await using var app = await TestApp.StartAsync(
            builder =>
            {
                builder.Services.AddAuthorization();
                builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
            },
            a =>
            {
                a.UseAuthorization();
                a.UseCorsKit();
                a.MapGet("/", () => "x");
            });

        var warning = app.Logs.From("CorsKit").Should().ContainSingle(e => e.Id.Id == CorsKitEvents.MiddlewareAfterAuthentication).Subject;
        warning.Level.Should().Be(LogLevel.Warning);
        warning.Message.Should().Contain("call app.UseCorsKit() before app.UseAuthentication() and app.UseAuthorization()");
    }

    [Fact]
    public async Task UseCorsKit_without_AddCorsKit_fails_with_the_fix()
    {
        var act = () => TestApp.StartAsync((WebApplicationBuilder _) => { }, a => a.UseCorsKit());

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("AddCorsKit");
    }

    [Fact]
    public async Task UseCorsKit_with_an_unknown_policy_name_fails_at_startup()
    {
        var act = () => TestApp.StartAsync(cors => cors.AddPolicy("a", p => p.AllowAnyOrigin()), a => a.UseCorsKit("b"));

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("UseCorsKit(\"b\")").And.Contain("'a'");
    }

    /// <summary>The documented caching pattern: build each tenant's policy once and reuse the instance.</summary>
    private sealed class TenantPolicyProvider : ICorsKitPolicyProvider
    {
        private static readonly Dictionary<string, string[]> TenantOrigins = new()
        {
            ["acme"] = ["https://acme.example.org"],
            ["globex"] = ["https://globex.example.org"],
        };

        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<CorsKitPolicy>> _cache = new();
        private int _builds;

        public int Builds => _builds;

        public ValueTask<CorsKitPolicy?> GetPolicyAsync(HttpContext context, CorsKitPolicySelection selection)
        {
            var tenant = context.Request.Headers["X-Tenant"].ToString();
            if (!TenantOrigins.TryGetValue(tenant, out var origins))
            {
                return ValueTask.FromResult<CorsKitPolicy?>(null);
            }

            var policy = _cache.GetOrAdd(tenant, _ => new Lazy<CorsKitPolicy>(() =>
            {
                Interlocked.Increment(ref _builds);
                return new CorsKitPolicyBuilder().WithOrigins(origins).Build();
            })).Value;
            return ValueTask.FromResult<CorsKitPolicy?>(policy);
        }
    }
}
