namespace CorsKit.Benchmarks.Infrastructure;

/// <summary>Creates drivers and proves, before anything is measured, that they produce the expected response.</summary>
public static class Drivers
{
    /// <summary>Builds the pipeline, sends the request a few times (warming it up) and checks every response.</summary>
    public static RequestDriver CreateVerified(CorsPipeline pipeline, BenchPolicy policy, RequestScenario scenario, CorsOutcome outcome, string label, HeaderStore store = HeaderStore.Kestrel)
    {
        var driver = new RequestDriver(PipelineFactory.Build(pipeline, policy), scenario, store);
        for (var i = 0; i < 3; i++)
        {
            ResponseCheck.InvokeAndVerify(pipeline, driver, outcome, label);
        }

        return driver;
    }
}
