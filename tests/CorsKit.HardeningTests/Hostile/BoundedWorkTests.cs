using CorsKit.HardeningTests.Infrastructure;
using Microsoft.Extensions.Primitives;
using Xunit.Abstractions;

namespace CorsKit.HardeningTests.Hostile;

/// <summary>
/// The work CorsKit does per request must not grow with the size of an abusive header. Driven in memory (no server,
/// any size, every log level on so the formatting paths run), each hostile request is measured in counted work, not
/// wall-clock time (which a shared CI machine makes meaningless): the bytes it allocates, which any path that copies,
/// splits or re-encodes a 64 KB value would multiply. CPU work is bounded by construction — values over the limits in
/// <c>CorsLimits</c> are refused on their length before they are parsed — and the unit tests of those limits pin that.
/// </summary>
public sealed class BoundedWorkTests(ITestOutputHelper output)
{
    private const int Iterations = 300;
    // A normal preflight with Trace logging allocates a few kilobytes (log messages quote values, capped at 128 chars);
    // copying a 64 KB header once would allocate 128 KB.
    private const long MaxBytesPerRequest = 16 * 1024;
    private const string Allowed = "https://app.example.test";

    public static TheoryData<string, string, string[]> Cases()
    {
        var tenThousand = string.Join(", ", Enumerable.Range(0, 10_000).Select(i => "x-h" + i));
        return new()
        {
            { "baseline preflight", "OPTIONS", ["Origin", Allowed, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type"] },
            { "baseline actual", "GET", ["Origin", Allowed] },
            { "64 KB origin of labels", "OPTIONS", ["Origin", "https://" + string.Concat(Enumerable.Repeat("a.", 32_760)) + "example.test", "Access-Control-Request-Method", "PUT"] },
            { "64 KB origin, actual", "POST", ["Origin", "https://" + new string('a', 65_536) + ".example.test"] },
            { "10,000-item ACRH", "OPTIONS", ["Origin", Allowed, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", tenThousand] },
            { "4,000 commas ACRH", "OPTIONS", ["Origin", Allowed, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", new string(',', 4_000)] },
            { "1,000 commas ACRH", "OPTIONS", ["Origin", Allowed, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", new string(',', 1_000)] },
            { "2,000 commas ACRH", "OPTIONS", ["Origin", Allowed, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", new string(',', 2_000)] },
            { "4,000 spaces ACRH", "OPTIONS", ["Origin", Allowed, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "a" + new string(' ', 4_000) + "b"] },
            { "60 names ACRH", "OPTIONS", ["Origin", Allowed, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", string.Join(",", Enumerable.Range(0, 60).Select(i => "x-" + i))] },
            { "4,000 commas refused origin", "OPTIONS", ["Origin", "https://evil.test", "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", new string(',', 4_000)] },
            { "1 MB ACRH", "OPTIONS", ["Origin", Allowed, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", new string('x', 1 << 20)] },
            { "64 KB ACRM", "OPTIONS", ["Origin", Allowed, "Access-Control-Request-Method", new string('P', 65_536)] },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_values_cost_no_more_than_a_bounded_amount_of_work(string name, string method, string[] headers)
    {
        using var pipeline = new InMemoryPipeline(cors => cors.AddDefaultPolicy(p => p.WithOrigins(Allowed, "https://*.example.test")
            .AllowAnyMethod().AllowAnyHeader().AllowCredentials()));
        var request = headers.Chunk(2).Select(h => new KeyValuePair<string, StringValues>(h[0], h[1])).ToArray();

        for (var i = 0; i < 20; i++)
        {
            await pipeline.SendAsync(method, request); // warm up
        }

        long allocated = 0;
        for (var i = 0; i < Iterations; i++)
        {
            // The in-memory pipeline completes synchronously, so the thread's own counter sees exactly this request.
            var before = GC.GetAllocatedBytesForCurrentThread();
            var sending = pipeline.SendAsync(method, request);
            sending.IsCompleted.Should().BeTrue("the in-memory pipeline completes synchronously, so the count is exact");
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            var response = await sending;
            foreach (var (header, value) in response.Headers)
            {
                value.ToString().Length.Should().BeLessThanOrEqualTo(4096, $"{name}: {header} stays small");
            }
        }

        var perRequest = allocated / Iterations;
        output.WriteLine($"{name}: {perRequest:N0} B allocated per request (CorsKit, Trace logging, in-memory pipeline)");
        perRequest.Should().BeLessThan(MaxBytesPerRequest, name);
    }
}
