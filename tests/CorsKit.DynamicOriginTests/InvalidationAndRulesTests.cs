using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CorsKit.DynamicOriginTests;

/// <summary>Cached answers, invalidation, and the rules a dynamic origin obeys like a listed one.</summary>
public sealed class InvalidationAndRulesTests : IDisposable
{
    private readonly OriginDatabase _database = new();

    [Fact]
    public async Task An_invalidated_tenants_new_origin_is_allowed_on_the_next_request()
    {
        const string Origin = "https://new.acme.test";
        await using var host = await DynamicOriginApp.StartAsync(_database);
        (await host.Client.AllowOriginAsync(Origin)).Should().BeNull();

        _database.Add(DynamicOriginApp.Tenant, Origin);
        (await host.Client.AllowOriginAsync(Origin)).Should().BeNull("the refusal is cached for RefusedLifetime");
        _database.Queries.Should().Be(1);

        await host.Services.GetRequiredService<ICorsKitOriginCache>().InvalidateTenantAsync(DynamicOriginApp.Tenant);

        (await host.Client.AllowOriginAsync(Origin)).Should().Be(Origin);
        _database.Queries.Should().Be(2);
    }

    [Fact]
    public async Task An_invalidated_origin_is_looked_up_again_and_other_tenants_keep_their_answers()
    {
        const string Origin = "https://shop.acme.test";
        _database.Add(DynamicOriginApp.Tenant, Origin);
        _database.Add("globex", Origin);
        await using var host = await DynamicOriginApp.StartAsync(_database);
        (await host.Client.AllowOriginAsync(Origin)).Should().Be(Origin);
        (await host.Client.AllowOriginAsync(Origin, "globex")).Should().Be(Origin);

        _database.Remove(DynamicOriginApp.Tenant, Origin);
        await host.Services.GetRequiredService<ICorsKitOriginCache>().InvalidateOriginAsync(DynamicOriginApp.Tenant, Origin);

        (await host.Client.AllowOriginAsync(Origin)).Should().BeNull();
        (await host.Client.AllowOriginAsync(Origin, "globex")).Should().Be(Origin);
        _database.Queries.Should().Be(3);
    }

    [Fact]
    public async Task Tenants_are_asked_separately_and_the_tenant_header_is_added_to_Vary()
    {
        const string Origin = "https://shop.acme.test";
        _database.Add(DynamicOriginApp.Tenant, Origin);
        await using var host = await DynamicOriginApp.StartAsync(_database);

        using var response = await host.Client.SendAsync(DynamicOriginApp.Get(Origin, "globex"));

        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
        response.Headers.Vary.Should().Contain(["X-Tenant", "Origin"]);
        (await host.Client.AllowOriginAsync(Origin)).Should().Be(Origin);
    }

    [Fact]
    public async Task A_preflight_is_answered_from_the_source_too()
    {
        const string Origin = "https://shop.acme.test";
        _database.Add(DynamicOriginApp.Tenant, Origin);
        await using var host = await DynamicOriginApp.StartAsync(_database);
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/data");
        request.Headers.Add("Origin", Origin);
        request.Headers.Add("X-Tenant", DynamicOriginApp.Tenant);
        request.Headers.Add("Access-Control-Request-Method", "PUT");

        using var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(Origin);
        response.Headers.GetValues("Access-Control-Allow-Methods").Should().Equal("PUT");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("https://Shop.acme.test")]
    [InlineData("https://shop.acme.test/")]
    [InlineData("https://shop.acme.test:443")]
    [InlineData("chrome-extension://abcdef")]
    [InlineData(DynamicOriginApp.ListedOrigin)]
    public async Task The_source_is_never_asked_about_null_malformed_or_listed_origins(string origin)
    {
        _database.Add(DynamicOriginApp.Tenant, origin);
        await using var host = await DynamicOriginApp.StartAsync(_database);

        var allowed = await host.Client.AllowOriginAsync(origin);

        allowed.Should().Be(origin == DynamicOriginApp.ListedOrigin ? origin : null);
        _database.Queries.Should().Be(0);
    }

    [Theory]
    [InlineData("http://shop.acme.test", false, 0)]
    [InlineData("http://localhost:5173", true, 1)]
    [InlineData("http://127.0.0.1:8080", true, 1)]
    [InlineData("https://shop.acme.test", true, 1)]
    public async Task With_credentials_the_source_may_only_grant_https_or_loopback_origins(string origin, bool allowed, int queries)
    {
        _database.Add(DynamicOriginApp.Tenant, origin);
        await using var host = await DynamicOriginApp.StartAsync(_database, policy: p => p.AllowCredentials());

        (await host.Client.AllowOriginAsync(origin)).Should().Be(allowed ? origin : null);
        _database.Queries.Should().Be(queries);
    }

    [Fact]
    public async Task With_credentials_and_the_insecure_opt_in_the_source_may_grant_plain_http()
    {
        const string Origin = "http://shop.acme.test";
        _database.Add(DynamicOriginApp.Tenant, Origin);
        await using var host = await DynamicOriginApp.StartAsync(_database, policy: p => p.AllowCredentials().DangerouslyAllowInsecureOriginsWithCredentials());

        (await host.Client.AllowOriginAsync(Origin)).Should().Be(Origin);
    }

    [Fact]
    public async Task The_tenant_can_be_the_host_name_without_its_port()
    {
        const string Origin = "https://shop.acme.test";
        _database.Add("127.0.0.1", Origin);
        await using var host = await DynamicOriginApp.StartAsync(_database, tenant: CorsKitTenantSelector.FromHost());

        using var response = await host.Client.SendAsync(DynamicOriginApp.Get(Origin));

        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(Origin);
        response.Headers.Vary.Should().Equal("Origin");
    }

    [Fact]
    public async Task A_policy_using_a_source_without_one_registered_refuses_and_says_so_once()
    {
        await using var host = await TestHost.StartAsync(
            (CorsKitOptions cors) => cors.AddDefaultPolicy(p => p.WithOrigins(DynamicOriginApp.ListedOrigin).AllowOriginsFromSource()),
            app => { app.UseCorsKit(); app.MapGet("/api/data", () => "data"); },
            TestTransport.Kestrel);

        (await host.Client.AllowOriginAsync("https://a.example.net")).Should().BeNull();
        (await host.Client.AllowOriginAsync("https://b.example.net")).Should().BeNull();
        host.Logs.CorsKitEvents(CorsKitEvents.OriginSourceNotRegistered).Should().ContainSingle();
    }

    [Fact]
    public void Options_that_would_disable_the_budget_or_the_cache_fail_at_startup()
    {
        var services = new ServiceCollection().AddLogging()
            .AddCorsKitOriginSource<DatabaseOriginSource>(o => { o.LookupsPerSecond = 0; o.CacheSize = 0; })
            .BuildServiceProvider();

        var read = () => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CorsKitOriginSourceOptions>>().Value;

        read.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>()
            .Which.Failures.Should().HaveCount(2).And.Contain(f => f.Contains("LookupsPerSecond")).And.Contain(f => f.Contains("CacheSize"));
    }

    [Fact]
    public void A_policy_that_allows_any_origin_cannot_also_use_a_source()
    {
        var build = () => new CorsKitPolicyBuilder().AllowAnyOrigin().AllowOriginsFromSource().Build();

        build.Should().Throw<CorsKitConfigurationException>().WithMessage("*AllowOriginsFromSource*");
    }

    public void Dispose() => _database.Dispose();
}
