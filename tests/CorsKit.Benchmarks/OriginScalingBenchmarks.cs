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
public class OriginScalingBenchmarks : PipelineComparison
{
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
        CreateDrivers(policy, scenario, CorsOutcome.Allowed, Origins.ToString());
    }
}
