using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CorsKit.DynamicOriginTests;

/// <summary>
/// The database is asked once per (tenant, origin), however many requests arrive at once, and never more often than the
/// lookup budget allows, however many distinct origins a client invents.
/// </summary>
public sealed class SingleFlightAndBudgetTests : IDisposable
{
    private readonly OriginDatabase _database = new();

    [Fact]
    public async Task Thousand_concurrent_requests_for_one_new_origin_cause_one_query()
    {
        const string Origin = "https://shop.acme.test";
        _database.Add(DynamicOriginApp.Tenant, Origin);
        _database.Delay = TimeSpan.FromMilliseconds(300);   // the lookup is still running when the last request arrives
        await using var host = await DynamicOriginApp.StartAsync(_database);

        var answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => host.Client.AllowOriginAsync(Origin)));

        _database.Queries.Should().Be(1);
        answers.Should().AllBe(Origin);
        (await host.Client.AllowOriginAsync(Origin)).Should().Be(Origin, "the answer is cached");
        _database.Queries.Should().Be(1);
    }

    [Fact]
    public async Task Ten_thousand_distinct_random_origins_cause_exactly_the_burst_then_the_rate()
    {
        // Time stands still, so the budget allows exactly LookupBurst lookups; one second later, exactly LookupsPerSecond more.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await DynamicOriginApp.StartAsync(_database,
            options => { options.LookupBurst = 50; options.LookupsPerSecond = 10; },
            services => services.AddSingleton<TimeProvider>(time));
        using var budgetRefusals = Collector(host, "corskit.origin_source.budget_refusals");
        using var misses = Collector(host, "corskit.origin_source.cache_misses");

        var refused = await SendDistinctOrigins(host, 10_000, "flood");

        refused.Should().Be(10_000, "none of the invented origins is in the database");
        _database.Queries.Should().Be(50);
        budgetRefusals.GetMeasurementSnapshot().EvaluateAsCounter().Should().Be(9_950);
        misses.GetMeasurementSnapshot().EvaluateAsCounter().Should().Be(10_000);
        host.Logs.CorsKitEvents(CorsKitEvents.OriginLookupBudgetExhausted).Should().ContainSingle("the exhausted budget is logged once per interval");

        time.Advance(TimeSpan.FromSeconds(1));
        await SendDistinctOrigins(host, 100, "after-one-second");

        _database.Queries.Should().Be(60);
    }

    [Fact]
    public async Task Refusals_beyond_the_budget_are_not_cached_so_a_real_origin_is_allowed_once_the_budget_refills()
    {
        const string Origin = "https://late.acme.test";
        _database.Add(DynamicOriginApp.Tenant, Origin);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await DynamicOriginApp.StartAsync(_database,
            options => { options.LookupBurst = 5; options.LookupsPerSecond = 1; },
            services => services.AddSingleton<TimeProvider>(time));
        await SendDistinctOrigins(host, 5, "flood");

        (await host.Client.AllowOriginAsync(Origin)).Should().BeNull("the budget is spent: fail closed");
        time.Advance(TimeSpan.FromSeconds(1));

        (await host.Client.AllowOriginAsync(Origin)).Should().Be(Origin);
        _database.Queries.Should().Be(6);
    }

    public void Dispose() => _database.Dispose();

    private static MetricCollector<long> Collector(TestHost host, string instrument) =>
        new(host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "CorsKit", instrument);

    private static async Task<int> SendDistinctOrigins(TestHost host, int count, string label)
    {
        var refused = 0;
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var origin = $"https://{label}-{i}-{Guid.NewGuid():N}.example.net";
            if (await host.Client.AllowOriginAsync(origin) is null)
            {
                Interlocked.Increment(ref refused);
            }
        });

        return refused;
    }
}
