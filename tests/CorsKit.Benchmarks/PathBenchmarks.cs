using BenchmarkDotNet.Attributes;
using CorsKit.Benchmarks.Infrastructure;

namespace CorsKit.Benchmarks;

/// <summary>
/// The request paths through the three pipelines, all with <see cref="BenchPolicy.Standard"/> (3 exact origins,
/// 1 wildcard pattern, 4 methods, 3 headers, credentials, exposed headers, max-age). One operation = one request.
/// </summary>
[MemoryDiagnoser]
public class PathBenchmarks
{
    private RequestDriver _none = null!;
    private RequestDriver _microsoft = null!;
    private RequestDriver _corsKit = null!;

    [ParamsAllValues]
    public CorsPath Path { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var scenario = RequestScenario.For(Path);
        var outcome = ResponseCheck.ExpectedOutcome(Path);
        _none = Drivers.CreateVerified(CorsPipeline.None, BenchPolicy.Standard, scenario, outcome, Path.ToString());
        _microsoft = Drivers.CreateVerified(CorsPipeline.Microsoft, BenchPolicy.Standard, scenario, outcome, Path.ToString());
        _corsKit = Drivers.CreateVerified(CorsPipeline.CorsKit, BenchPolicy.Standard, scenario, outcome, Path.ToString());
    }

    [Benchmark(Baseline = true)]
    public void NoCors() => _none.Invoke();

    [Benchmark]
    public void MicrosoftCors() => _microsoft.Invoke();

    [Benchmark]
    public void CorsKitCors() => _corsKit.Invoke();
}
