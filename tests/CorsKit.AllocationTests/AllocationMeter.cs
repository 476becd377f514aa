using CorsKit.Benchmarks.Infrastructure;

namespace CorsKit.AllocationTests;

/// <summary>Measures the managed bytes a warmed-up request driver allocates on this thread over many requests.</summary>
internal static class AllocationMeter
{
    public const int WarmUpRequests = 200;
    public const int MeasuredRequests = 1_000;

    /// <summary>
    /// Warms the driver up (first-call initialisation, lazily built caches, tiered JIT's first tiers), then returns the
    /// bytes allocated by <see cref="MeasuredRequests"/> requests.
    /// </summary>
    public static long BytesFor(RequestDriver driver)
    {
        for (var i = 0; i < WarmUpRequests; i++)
        {
            driver.Invoke();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < MeasuredRequests; i++)
        {
            driver.Invoke();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
