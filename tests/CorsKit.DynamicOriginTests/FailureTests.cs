using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;

namespace CorsKit.DynamicOriginTests;

/// <summary>A source that throws or stalls refuses the request (fails closed), is logged once per interval and counted,
/// is not cached, and the next request after it recovers is allowed.</summary>
public sealed class FailureTests : IDisposable
{
    private const string Origin = "https://shop.acme.test";
    private readonly OriginDatabase _database = new();

    public FailureTests() => _database.Add(DynamicOriginApp.Tenant, Origin);

    [Fact]
    public async Task A_failing_source_refuses_logs_once_counts_and_recovers()
    {
        await using var host = await DynamicOriginApp.StartAsync(_database);
        using var failures = Collector(host, "corskit.origin_source.failures");
        _database.Failing = true;

        for (var i = 0; i < 3; i++)
        {
            (await host.Client.AllowOriginAsync(Origin)).Should().BeNull();
        }

        _database.Queries.Should().Be(3, "a failure is not cached: every request retries, within the budget");
        failures.GetMeasurementSnapshot().Should().HaveCount(3).And.OnlyContain(m => (string)m.Tags["reason"]! == "error");
        var logged = host.Logs.SingleCorsKitEvent(CorsKitEvents.OriginLookupFailed);
        logged.Level.Should().Be(LogLevel.Warning);
        logged.Message.Should().Contain("SqliteException").And.Contain(Origin).And.Contain("acme");
        logged.Exception.Should().NotBeNull();

        _database.Failing = false;
        (await host.Client.AllowOriginAsync(Origin)).Should().Be(Origin);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_slow_source_times_out_refuses_logs_counts_and_recovers(bool ignoresCancellation)
    {
        await using var host = await DynamicOriginApp.StartAsync(_database, options => options.LookupTimeout = TimeSpan.FromMilliseconds(200));
        using var failures = Collector(host, "corskit.origin_source.failures");
        _database.Delay = TimeSpan.FromSeconds(10);
        _database.IgnoresCancellation = ignoresCancellation;

        var watch = System.Diagnostics.Stopwatch.StartNew();
        (await host.Client.AllowOriginAsync(Origin)).Should().BeNull();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the request waits for the 200 ms timeout, not for the 10 s source");

        failures.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags["reason"].Should().Be("timeout");
        host.Logs.SingleCorsKitEvent(CorsKitEvents.OriginLookupFailed).Message.Should().Contain("timed out after 200 ms");

        _database.Delay = TimeSpan.Zero;
        (await host.Client.AllowOriginAsync(Origin)).Should().Be(Origin);
    }

    [Fact]
    public async Task A_request_aborted_by_its_client_does_not_cancel_the_lookup_other_requests_wait_for()
    {
        await using var host = await DynamicOriginApp.StartAsync(_database);
        _database.Delay = TimeSpan.FromMilliseconds(500);
        using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var first = host.Client.SendAsync(DynamicOriginApp.Get(Origin), impatient.Token);
        await Task.Delay(20);
        var second = host.Client.AllowOriginAsync(Origin);

        await first.Invoking(async t => await t).Should().ThrowAsync<OperationCanceledException>();
        (await second).Should().Be(Origin);
        _database.Queries.Should().Be(1);
    }

    public void Dispose() => _database.Dispose();

    private static MetricCollector<long> Collector(TestHost host, string instrument) =>
        new(host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "CorsKit", instrument);
}
