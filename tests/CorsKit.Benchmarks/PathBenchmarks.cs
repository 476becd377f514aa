using BenchmarkDotNet.Attributes;
using CorsKit.Benchmarks.Infrastructure;

namespace CorsKit.Benchmarks;

/// <summary>
/// The request paths through the three pipelines, all with <see cref="BenchPolicy.Standard"/> (3 exact origins,
/// 1 wildcard pattern, 4 methods, 3 headers, credentials, exposed headers, max-age). One operation = one request.
/// </summary>
public class PathBenchmarks : PipelineComparison
{
    [ParamsAllValues]
    public CorsPath Path { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var scenario = RequestScenario.For(Path);
        var outcome = ResponseCheck.ExpectedOutcome(Path);
        CreateDrivers(BenchPolicy.Standard, scenario, outcome, Path.ToString());
    }
}
