using BenchmarkDotNet.Attributes;
using CorsKit.Benchmarks.Infrastructure;

namespace CorsKit.Benchmarks;

/// <summary>The size of the origin list.</summary>
public enum OriginList
{
    Exact1,
    Exact10,
    Exact100,
    Exact1000,
    Wildcard20,
}

/// <summary>
/// An allowed actual request whose origin is the LAST entry of the list (the worst case for a linear scan): exact lists
/// of 1 to 1000 origins, and 20 wildcard patterns.
/// </summary>
[MemoryDiagnoser]
public class OriginScalingBenchmarks
{
    private RequestDriver _none = null!;
    private RequestDriver _microsoft = null!;
    private RequestDriver _corsKit = null!;

    [ParamsAllValues]
    public OriginList Origins { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (policy, origin) = Origins switch
        {
            OriginList.Exact1 => (BenchPolicy.WithExactOrigins(1), BenchPolicy.ExactOrigin(1)),
            OriginList.Exact10 => (BenchPolicy.WithExactOrigins(10), BenchPolicy.ExactOrigin(10)),
            OriginList.Exact100 => (BenchPolicy.WithExactOrigins(100), BenchPolicy.ExactOrigin(100)),
            OriginList.Exact1000 => (BenchPolicy.WithExactOrigins(1000), BenchPolicy.ExactOrigin(1000)),
            OriginList.Wildcard20 => (BenchPolicy.WithWildcardPatterns(20), "https://shop.tenant20.example.net"),
            _ => throw new InvalidOperationException(Origins.ToString()),
        };

        var scenario = RequestScenario.Actual(origin);
        _none = Drivers.CreateVerified(CorsPipeline.None, policy, scenario, CorsOutcome.Allowed, Origins.ToString());
        _microsoft = Drivers.CreateVerified(CorsPipeline.Microsoft, policy, scenario, CorsOutcome.Allowed, Origins.ToString());
        _corsKit = Drivers.CreateVerified(CorsPipeline.CorsKit, policy, scenario, CorsOutcome.Allowed, Origins.ToString());
    }

    [Benchmark(Baseline = true)]
    public void NoCors() => _none.Invoke();

    [Benchmark]
    public void MicrosoftCors() => _microsoft.Invoke();

    [Benchmark]
    public void CorsKitCors() => _corsKit.Invoke();
}
