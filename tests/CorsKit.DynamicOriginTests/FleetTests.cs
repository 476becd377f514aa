using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Xunit.Abstractions;

namespace CorsKit.DynamicOriginTests;

/// <summary>
/// Two app instances sharing allowed answers through HybridCache over a real Redis: an answer one instance looked up
/// is served by the other without a second query; refusals never leave an instance; and an invalidation reaches the
/// other instance when that instance's local lifetime ends (measured here, documented in docs/dynamic-origins.md).
/// </summary>
public sealed class FleetTests(RedisServer redis, ITestOutputHelper output) : IClassFixture<RedisServer>, IDisposable
{
    private static readonly TimeSpan LocalLifetime = TimeSpan.FromSeconds(2);
    private readonly OriginDatabase _database = new();
    private readonly string _instanceName = $"corskit-test-{Guid.NewGuid():N}:";

    [Fact]
    public async Task An_answer_looked_up_by_one_instance_is_served_by_the_other_without_a_second_query()
    {
        const string Origin = "https://shop.acme.test";
        _database.Add(DynamicOriginApp.Tenant, Origin);
        await using var a = await StartInstanceAsync();
        await using var b = await StartInstanceAsync();
        using var bLookups = new MetricCollector<long>(b.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "CorsKit", "corskit.origin_source.lookups");

        (await a.Client.AllowOriginAsync(Origin)).Should().Be(Origin);
        (await b.Client.AllowOriginAsync(Origin)).Should().Be(Origin);

        _database.Queries.Should().Be(1);
        bLookups.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags.Should().Contain("from", "shared_cache");
    }

    [Fact]
    public async Task A_refusal_is_never_shared()
    {
        const string Origin = "https://unknown.example.net";
        await using var a = await StartInstanceAsync();
        await using var b = await StartInstanceAsync();

        (await a.Client.AllowOriginAsync(Origin)).Should().BeNull();
        (await b.Client.AllowOriginAsync(Origin)).Should().BeNull();

        _database.Queries.Should().Be(2, "each instance asked the database itself: no refusal was written to Redis");
    }

    [Fact]
    public async Task An_invalidation_reaches_the_other_instance_when_its_local_lifetime_ends()
    {
        const string Origin = "https://shop.acme.test";
        _database.Add(DynamicOriginApp.Tenant, Origin);
        await using var a = await StartInstanceAsync();
        await using var b = await StartInstanceAsync();
        (await a.Client.AllowOriginAsync(Origin)).Should().Be(Origin);
        var bCached = Stopwatch.StartNew();
        (await b.Client.AllowOriginAsync(Origin)).Should().Be(Origin);

        _database.Remove(DynamicOriginApp.Tenant, Origin);
        await a.Services.GetRequiredService<ICorsKitOriginCache>().InvalidateTenantAsync(DynamicOriginApp.Tenant);
        var invalidated = Stopwatch.StartNew();
        (await a.Client.AllowOriginAsync(Origin)).Should().BeNull("the invalidating instance forgets at once");
        var stillAllowedOnB = await b.Client.AllowOriginAsync(Origin) == Origin;

        while (await b.Client.AllowOriginAsync(Origin) == Origin && invalidated.Elapsed < LocalLifetime * 3)
        {
            await Task.Delay(25);
        }

        var reachedB = invalidated.Elapsed;
        output.WriteLine($"Invalidation reached instance B after {reachedB.TotalMilliseconds:0} ms (B's local lifetime {LocalLifetime.TotalMilliseconds:0} ms; B had cached the answer {bCached.Elapsed.TotalMilliseconds - reachedB.TotalMilliseconds:0} ms before the invalidation).");
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "fleet-invalidation-ms.txt"), $"{reachedB.TotalMilliseconds:0}\n");

        (await b.Client.AllowOriginAsync(Origin)).Should().BeNull("B forgets when its local answer expires and the shared one is gone");
        reachedB.Should().BeLessThanOrEqualTo(LocalLifetime + TimeSpan.FromSeconds(2), "the bound is B's local lifetime (plus polling latency on a loaded machine)");
        if (bCached.Elapsed - reachedB < LocalLifetime / 2)
        {
            stillAllowedOnB.Should().BeTrue("HybridCache does not reach into other instances' local layers: B kept its answer");
        }
    }

    [Fact]
    public async Task A_shared_cache_that_is_down_does_not_stop_the_source_from_answering()
    {
        const string Origin = "https://shop.acme.test";
        _database.Add(DynamicOriginApp.Tenant, Origin);
        await using var host = await DynamicOriginApp.StartAsync(_database, services: services =>
        {
            // Nothing listens on this port: every Redis call fails at once.
            services.AddStackExchangeRedisCache(o => { o.Configuration = $"127.0.0.1:{RedisServer.UnusedPort()},abortConnect=false,connectTimeout=200,connectRetry=0"; o.InstanceName = _instanceName; });
            services.AddHybridCache();
        });

        (await host.Client.AllowOriginAsync(Origin)).Should().Be(Origin);
        (await host.Client.AllowOriginAsync("https://other.example.net")).Should().BeNull();
        _database.Queries.Should().Be(2);
        host.Logs.CorsKitEvents(CorsKitEvents.OriginLookupFailed).Should().BeEmpty("the source answered; only the shared store was missing");
    }

    public void Dispose() => _database.Dispose();

    private Task<TestHost> StartInstanceAsync() =>
        DynamicOriginApp.StartAsync(_database,
            options =>
            {
                options.AllowedLifetime = LocalLifetime;
                options.RefusedLifetime = LocalLifetime;

                // The shared read may take half of it: room for an instance's first Redis connection on a loaded CI machine.
                options.LookupTimeout = TimeSpan.FromSeconds(20);
            },
            services =>
            {
                services.AddStackExchangeRedisCache(o => { o.Configuration = redis.Configuration; o.InstanceName = _instanceName; });
                services.AddHybridCache();
            });
}
