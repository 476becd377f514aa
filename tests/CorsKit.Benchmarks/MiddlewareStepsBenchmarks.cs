using BenchmarkDotNet.Attributes;
using CorsKit.Benchmarks.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CorsKit.Benchmarks;

/// <summary>
/// The per-request steps CorsKit's middleware takes before and around its decision, on an allowed actual request
/// (Kestrel header collections). Diagnostic: <c>--filter '*MiddlewareSteps*'</c>.
/// </summary>
[MemoryDiagnoser]
public class MiddlewareStepsBenchmarks
{
    private RequestDriver _driver = null!;
    private HttpContext _context = null!;
    private ILogger _logger = null!;

    [GlobalSetup]
    public void Setup()
    {
        _driver = Drivers.CreateVerified(CorsPipeline.CorsKit, BenchPolicy.Standard, RequestScenario.For(CorsPath.ActualAllowed), CorsOutcome.Allowed, "steps");
        _context = _driver.Context;
        _logger = _driver.Context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CorsKit");
    }

    /// <summary>The whole request through CorsKit, for scale.</summary>
    [Benchmark(Baseline = true)]
    public void WholeRequest() => _driver.Invoke();

    /// <summary>reading the <c>RequestFacts</c>: the header reads and the classification (same-origin test, method test).</summary>
    [Benchmark]
    public int ClassifyShape() => (int)new CorsKit.Classification.RequestFacts(_context.Request, readFetchMetadata: false).Kind;

    /// <summary><c>Request.Host</c>, as the same-origin test reads it (a <see cref="HostString"/> parsed from the header).</summary>
    [Benchmark]
    public int RequestHost() => _context.Request.Host.Value!.Length;

    /// <summary>The raw Host header, for comparison (a field of Kestrel's request headers).</summary>
    [Benchmark]
    public int RawHostHeader() => _context.Request.Headers.Host.Count;

    /// <summary><c>Request.Scheme</c>.</summary>
    [Benchmark]
    public int RequestScheme() => _context.Request.Scheme.Length;

    /// <summary><c>HttpContext.GetEndpoint()</c> (a feature lookup).</summary>
    [Benchmark]
    public object? GetEndpoint() => _context.GetEndpoint();

    /// <summary>The Debug level check on a logger with no provider.</summary>
    [Benchmark]
    public bool LoggerIsEnabled() => _logger.IsEnabled(LogLevel.Debug);
}
