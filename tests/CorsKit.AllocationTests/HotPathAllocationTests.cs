using CorsKit.Benchmarks.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CorsKit.AllocationTests;

/// <summary>
/// CorsKit must allocate nothing per request beyond what the application itself does: each path is sent through the
/// no-CORS pipeline and through CorsKit (built the way the benchmarks build them, headers in Kestrel's own collections
/// or in a HeaderDictionary, OnStarting callbacks run as Kestrel runs them), and the managed bytes allocated by 1,000 warmed-up requests are compared. Any object allocated per
/// request (24 bytes at least) would add 24,000 bytes or more; a slack below one byte per request absorbs nothing but
/// a one-off.
/// </summary>
public sealed class HotPathAllocationTests
{
    public static TheoryData<CorsPath, HeaderStore> Paths()
    {
        var data = new TheoryData<CorsPath, HeaderStore>();
        foreach (var path in Enum.GetValues<CorsPath>())
        {
            foreach (var store in Enum.GetValues<HeaderStore>())
            {
                data.Add(path, store);
            }
        }

        return data;
    }

    public static TheoryData<int> ExactOriginCounts() => [1, 10, 100, 1000];

    public static TheoryData<int> RequestHeaderCounts() => [1, 10, 50];

    [Theory]
    [MemberData(nameof(Paths))]
    public void CorsKit_allocates_nothing_beyond_the_no_cors_pipeline(CorsPath path, HeaderStore store)
    {
        var scenario = RequestScenario.For(path);
        var outcome = ResponseCheck.ExpectedOutcome(path);

        AssertNoExtraAllocation(BenchPolicy.Standard, scenario, outcome, $"{path}, {store} headers", store);
    }

    [Theory]
    [MemberData(nameof(ExactOriginCounts))]
    public void Allowed_actual_request_allocates_nothing_whatever_the_number_of_exact_origins(int count) =>
        AssertNoExtraAllocation(BenchPolicy.WithExactOrigins(count), RequestScenario.Actual(BenchPolicy.ExactOrigin(count)), CorsOutcome.Allowed, $"{count} exact origins");

    [Fact]
    public void Allowed_actual_request_matching_the_last_of_20_wildcard_patterns_allocates_nothing() =>
        AssertNoExtraAllocation(BenchPolicy.WithWildcardPatterns(20), RequestScenario.Actual("https://shop.tenant20.example.net"), CorsOutcome.Allowed, "20 patterns");

    [Fact]
    public void Refused_actual_request_tried_against_20_wildcard_patterns_allocates_nothing() =>
        AssertNoExtraAllocation(BenchPolicy.WithWildcardPatterns(20), RequestScenario.Actual("https://shop.tenant21.example.net"), CorsOutcome.RefusedOrigin, "20 patterns, refused");

    [Theory]
    [MemberData(nameof(RequestHeaderCounts))]
    public void Allowed_preflight_allocates_nothing_whatever_the_number_of_requested_headers(int count)
    {
        var names = string.Join(',', Enumerable.Range(0, count).Select(BenchPolicy.RequestHeaderName));
        AssertNoExtraAllocation(BenchPolicy.WithHeaderCount(50), RequestScenario.Preflight(BenchPolicy.AllowedOrigin, "PUT", names), CorsOutcome.Allowed, $"{count} request headers");
    }

    [Fact]
    public void Preflight_with_an_adversarial_request_header_list_allocates_nothing()
    {
        // One name then 8,000 " ," pairs: over CorsKit's 4,096-character cap, so it is refused without being split.
        var value = "x-bench-00" + string.Concat(Enumerable.Repeat(" ,", 8000));
        AssertNoExtraAllocation(BenchPolicy.WithHeaderCount(50), RequestScenario.Preflight(BenchPolicy.AllowedOrigin, "PUT", value), CorsOutcome.RefusedHeader, "adversarial ACRH");
    }

    [Fact]
    public void Allowed_actual_request_from_a_cached_stored_origin_allocates_nothing()
    {
        // Issue 17: the first request looks the origin up (and allocates); every later one is a cache hit.
        var scenario = RequestScenario.Actual(DynamicOriginPipelines.StoredOrigin);
        var baseline = Drivers.CreateVerified(CorsPipeline.None, BenchPolicy.Standard, scenario, CorsOutcome.Allowed, "no CORS");
        var corsKit = new RequestDriver(DynamicOriginPipelines.CorsKitWithSource<SingleOriginSource>(), scenario);
        ResponseCheck.InvokeAndVerify(CorsPipeline.CorsKit, corsKit, CorsOutcome.Allowed, "stored origin, first request");

        var extra = AllocationMeter.BytesFor(corsKit) - AllocationMeter.BytesFor(baseline);

        ResponseCheck.Problems(CorsPipeline.CorsKit, corsKit, CorsOutcome.Allowed).Should().BeEmpty();
        extra.Should().BeLessThan(AllocationMeter.MeasuredRequests, "a cached answer from the origin source must cost 0 bytes per request");
    }

    [Fact]
    public void A_cached_stored_origin_allocates_nothing_when_the_host_carries_a_port()
    {
        // The tenant is the host without its port: taking the port off must not cost a string per request.
        var scenario = RequestScenario.Actual(DynamicOriginPipelines.StoredOrigin);
        var baseline = Drivers.CreateVerified(CorsPipeline.None, BenchPolicy.Standard, scenario, CorsOutcome.Allowed, "no CORS");
        var corsKit = new RequestDriver(DynamicOriginPipelines.CorsKitWithSource<SingleOriginSource>(), scenario);
        corsKit.Context.Request.Headers.Host = BenchPolicy.Host + ":8443";
        baseline.Context.Request.Headers.Host = BenchPolicy.Host + ":8443";
        ResponseCheck.InvokeAndVerify(CorsPipeline.CorsKit, corsKit, CorsOutcome.Allowed, "stored origin, host with a port");

        var extra = AllocationMeter.BytesFor(corsKit) - AllocationMeter.BytesFor(baseline);

        ResponseCheck.Problems(CorsPipeline.CorsKit, corsKit, CorsOutcome.Allowed).Should().BeEmpty();
        extra.Should().BeLessThan(AllocationMeter.MeasuredRequests, "the tenant read from a host with a port must cost 0 bytes per request");
    }

    [Fact]
    public void A_policy_with_a_source_allocates_nothing_for_a_listed_origin()
    {
        var scenario = RequestScenario.Actual("https://app.example.com");
        var baseline = Drivers.CreateVerified(CorsPipeline.None, BenchPolicy.Standard, scenario, CorsOutcome.Allowed, "no CORS");
        var corsKit = new RequestDriver(DynamicOriginPipelines.CorsKitWithSource<SingleOriginSource>(), scenario);
        ResponseCheck.InvokeAndVerify(CorsPipeline.CorsKit, corsKit, CorsOutcome.Allowed, "listed origin, source attached");

        (AllocationMeter.BytesFor(corsKit) - AllocationMeter.BytesFor(baseline)).Should().BeLessThan(AllocationMeter.MeasuredRequests);
    }

    [Fact]
    public void The_meter_sees_a_middleware_that_allocates_per_request()
    {
        // The harness itself must be able to fail: a pipeline whose middleware allocates one small object per request.
        var services = new ServiceCollection().BuildServiceProvider();
        var app = new ApplicationBuilder(services);
        app.Use((context, next) =>
        {
            context.Items = new Dictionary<object, object?>();
            return next(context);
        });
        app.Run(static context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        });
        var allocating = new RequestDriver(new BuiltPipeline(app.Build(), services), RequestScenario.For(CorsPath.ActualAllowed));

        AllocationMeter.BytesFor(allocating).Should().BeGreaterThanOrEqualTo(AllocationMeter.MeasuredRequests * 24L);
    }

    private static void AssertNoExtraAllocation(BenchPolicy policy, RequestScenario scenario, CorsOutcome outcome, string label, HeaderStore store = HeaderStore.Kestrel)
    {
        var baseline = Drivers.CreateVerified(CorsPipeline.None, policy, scenario, outcome, label, store);
        var corsKit = Drivers.CreateVerified(CorsPipeline.CorsKit, policy, scenario, outcome, label, store);

        var baselineBytes = AllocationMeter.BytesFor(baseline);
        var corsKitBytes = AllocationMeter.BytesFor(corsKit);

        // The measured requests still produced the right response (the meter did not measure a no-op).
        ResponseCheck.Problems(CorsPipeline.CorsKit, corsKit, outcome).Should().BeEmpty();
        (corsKitBytes - baselineBytes).Should().BeLessThan(
            AllocationMeter.MeasuredRequests,
            $"CorsKit must allocate 0 bytes per request beyond the no-CORS pipeline ({label}: {corsKitBytes} bytes vs {baselineBytes} bytes for {AllocationMeter.MeasuredRequests} requests)");
    }
}
