using BenchmarkDotNet.Attributes;
using CorsKit.Benchmarks.Infrastructure;

namespace CorsKit.Benchmarks;

/// <summary>
/// The three pipelines every comparison runs side by side, one request per operation: no CORS (the baseline),
/// Microsoft.AspNetCore.Cors and CorsKit, all verified to answer as expected before they are measured.
/// </summary>
[MemoryDiagnoser]
public abstract class PipelineComparison
{
    private RequestDriver _none = null!;
    private RequestDriver _microsoft = null!;
    private RequestDriver _corsKit = null!;

    [Benchmark(Baseline = true)]
    public void NoCors() => _none.Invoke();

    [Benchmark]
    public void MicrosoftCors() => _microsoft.Invoke();

    [Benchmark]
    public void CorsKitCors() => _corsKit.Invoke();

    /// <summary>Builds the three pipelines for one parameter value; throws if any answers differently than expected.</summary>
    protected void CreateDrivers(BenchPolicy policy, RequestScenario scenario, CorsOutcome outcome, string label)
    {
        _none = Drivers.CreateVerified(CorsPipeline.None, policy, scenario, outcome, label);
        _microsoft = Drivers.CreateVerified(CorsPipeline.Microsoft, policy, scenario, outcome, label);
        _corsKit = Drivers.CreateVerified(CorsPipeline.CorsKit, policy, scenario, outcome, label);
    }
}
