using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using CorsKit.Benchmarks.Infrastructure;
using CorsKit.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CorsKit.Benchmarks;

/// <summary>
/// The cost of the preflight sentinel (<see cref="PreflightSentinel"/>, which a host's startup filter puts in front of
/// the whole pipeline) on a request through CorsKit: without it (the baseline: a pipeline built without the host's
/// startup filters), while it watches the first <see cref="PreflightWatch.Budget"/> preflights, and after the watch
/// ended (one volatile read per request for the rest of the process's life). <c>--filter '*Sentinel*'</c>.
/// </summary>
[MemoryDiagnoser]
public class SentinelBenchmarks
{
    private RequestDriver _withoutSentinel = null!;
    private RequestDriver _watching = null!;
    private RequestDriver _afterWatch = null!;
    private PreflightWatch _watchingWatch = null!;
    private LazyItemsFeature _withoutSentinelItems = null!;
    private LazyItemsFeature _watchingItems = null!;
    private LazyItemsFeature _afterWatchItems = null!;

    [Params(CorsPath.PreflightAllowed, CorsPath.ActualAllowed)]
    public CorsPath Path { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var scenario = RequestScenario.For(Path);
        var outcome = ResponseCheck.ExpectedOutcome(Path);
        (_withoutSentinel, _withoutSentinelItems) = Create(PipelineFactory.Build(CorsPipeline.CorsKit, BenchPolicy.Standard), scenario);
        (_watching, _watchingItems) = Create(BuildWithSentinel(out _watchingWatch), scenario);
        (_afterWatch, _afterWatchItems) = Create(BuildWithSentinel(out var endedWatch), scenario);
        for (var i = 0; i < PreflightWatch.Budget; i++)
        {
            endedWatch.Spend();
        }

        if (!_watchingWatch.IsWatching || endedWatch.IsWatching)
        {
            throw new InvalidOperationException("The sentinel's watch is not in the state a benchmark measures.");
        }

        for (var i = 0; i < 3; i++)
        {
            ResponseCheck.InvokeAndVerify(CorsPipeline.CorsKit, _withoutSentinel, outcome, "without sentinel");
            _watchingItems.Reset();
            ResponseCheck.InvokeAndVerify(CorsPipeline.CorsKit, _watching, outcome, "sentinel watching");
            ResponseCheck.InvokeAndVerify(CorsPipeline.CorsKit, _afterWatch, outcome, "sentinel after its watch");
        }

        // A watched preflight must have been marked as seen by CorsKit (else the sentinel would log and measure that).
        if (scenario.IsPreflight && !PreflightWatch.WasSeen(_watching.Context))
        {
            throw new InvalidOperationException("CorsKit did not mark the watched preflight as seen.");
        }
    }

    /// <summary>CorsKit alone, as in a pipeline built without the host's startup filters.</summary>
    [Benchmark(Baseline = true)]
    public void WithoutSentinel()
    {
        _withoutSentinelItems.Reset();
        _withoutSentinel.Invoke();
    }

    /// <summary>The sentinel in front while it watches: the budget is topped up before each request, so every
    /// request is one of the first preflights.</summary>
    [Benchmark]
    public void SentinelWatching()
    {
        WatchBudget(_watchingWatch) = PreflightWatch.Budget;
        _watchingItems.Reset();
        _watching.Invoke();
    }

    /// <summary>The sentinel in front after its watch ended.</summary>
    [Benchmark]
    public void SentinelAfterWatch()
    {
        _afterWatchItems.Reset();
        _afterWatch.Invoke();
    }

    // The benchmark must keep the watch open for millions of requests: it tops up the budget the watch counts down.
    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_left")]
    private static extern ref int WatchBudget(PreflightWatch watch);

    private static (RequestDriver Driver, LazyItemsFeature Items) Create(BuiltPipeline pipeline, RequestScenario scenario)
    {
        var driver = new RequestDriver(pipeline, scenario);
        var items = new LazyItemsFeature();
        driver.Context.Features.Set<IItemsFeature>(items);
        return (driver, items);
    }

    // The pipeline a host builds: the startup filter's sentinel first, then CorsKit, then the endpoint.
    private static BuiltPipeline BuildWithSentinel(out PreflightWatch watch)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCorsKit(options => options.AddDefaultPolicy(builder => PipelineFactory.ConfigureCorsKit(builder, BenchPolicy.Standard)));
        var provider = services.BuildServiceProvider();
        var app = new ApplicationBuilder(provider);
        var sentinelWatch = provider.GetRequiredService<PreflightWatch>();
        var loggerFactory = provider.GetRequiredService<ILoggerFactory>();
        app.Use(inner => new PreflightSentinel(inner, sentinelWatch, loggerFactory).Invoke);
        app.UseCorsKit();
        app.Run(static context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        });
        watch = sentinelWatch;
        return new BuiltPipeline(app.Build(), provider);
    }

    /// <summary>
    /// <c>HttpContext.Items</c> as Kestrel gives it: a new request starts with none, and the dictionary is created only
    /// when something writes to it (here, CorsKit marking a watched preflight). Without the reset the driver's reused
    /// context would keep the first request's dictionary and hide that allocation.
    /// </summary>
    private sealed class LazyItemsFeature : IItemsFeature
    {
        private IDictionary<object, object?>? _items;

        public IDictionary<object, object?> Items
        {
            get => _items ??= new Dictionary<object, object?>();
            set => _items = value;
        }

        public void Reset() => _items = null;
    }
}
