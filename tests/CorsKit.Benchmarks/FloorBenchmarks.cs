using BenchmarkDotNet.Attributes;
using CorsKit.Benchmarks.Infrastructure;

namespace CorsKit.Benchmarks;

/// <summary>
/// CorsKit and Microsoft against the "floor" (<see cref="FloorMiddleware"/>: CorsKit's response headers written the
/// same way, with no decision) on the paths where CorsKit writes headers. The floor's Overhead/MS is the best ratio any
/// middleware writing those headers through this harness could reach. Diagnostic: <c>--filter '*Floor*'</c>.
/// </summary>
[MemoryDiagnoser]
public class FloorBenchmarks
{
    private RequestDriver _none = null!;
    private RequestDriver _floor = null!;
    private RequestDriver _microsoft = null!;
    private RequestDriver _corsKit = null!;

    [Params(CorsPath.PreflightAllowed, CorsPath.ActualAllowed, CorsPath.NoOrigin)]
    public CorsPath Path { get; set; }

    [ParamsAllValues]
    public HeaderStore Store { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var scenario = RequestScenario.For(Path);
        var outcome = ResponseCheck.ExpectedOutcome(Path);
        _none = Drivers.CreateVerified(CorsPipeline.None, BenchPolicy.Standard, scenario, outcome, Path.ToString(), Store);
        _microsoft = Drivers.CreateVerified(CorsPipeline.Microsoft, BenchPolicy.Standard, scenario, outcome, Path.ToString(), Store);
        _corsKit = Drivers.CreateVerified(CorsPipeline.CorsKit, BenchPolicy.Standard, scenario, outcome, Path.ToString(), Store);
        _floor = new RequestDriver(FloorMiddleware.Build(), scenario, Store);
        for (var i = 0; i < 3; i++)
        {
            // The floor must write what CorsKit writes (checked with CorsKit's expectations).
            ResponseCheck.InvokeAndVerify(CorsPipeline.CorsKit, _floor, outcome, "floor " + Path);
        }
    }

    [Benchmark(Baseline = true)]
    public void NoCors() => _none.Invoke();

    [Benchmark]
    public void Floor() => _floor.Invoke();

    [Benchmark]
    public void MicrosoftCors() => _microsoft.Invoke();

    [Benchmark]
    public void CorsKitCors() => _corsKit.Invoke();
}
