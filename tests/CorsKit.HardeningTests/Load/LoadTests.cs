using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace CorsKit.HardeningTests.Load;

/// <summary>
/// A bounded load test on loopback: a fixed number of requests (capped in time too) from many concurrent HttpClients,
/// mixing preflights and actual requests from allowed and refused origins. Every response's CORS headers are checked
/// exactly; errors must be zero and memory must be stable.
/// </summary>
public sealed class LoadTests(ITestOutputHelper output)
{
    private const int Requests = 20_000;
    private const int WarmUpRequests = 2_000;
    private const int Clients = 32;
    private static readonly TimeSpan TimeCap = TimeSpan.FromSeconds(40);
    private const long MaxManagedGrowthBytes = 50L * 1024 * 1024;

    private const string Allowed = "https://app.example.test";
    private const string Wildcard = "https://t42.tenant.example.test";
    private const string Refused = "https://evil.test";
    private const string PreflightVary = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

    private enum Kind
    {
        PreflightAllowed,
        PreflightWildcardAllowed,
        PreflightHeaderRefused,
        PreflightOriginRefused,
        ActualAllowed,
        ActualRefused,
        ActualNoOrigin,
        PutAllowed,
    }

    [Fact]
    public async Task Concurrent_mixed_cors_traffic_is_all_correct_with_stable_memory()
    {
        await using var server = await TestHost.StartKestrelAsync(
            cors => cors.AddDefaultPolicy(p => p.WithOrigins(Allowed, "https://*.tenant.example.test")
                .WithMethods("PUT", "DELETE").WithHeaders("Content-Type", "X-Request-Id")
                .WithExposedHeaders("X-Total-Count").AllowCredentials().SetPreflightMaxAge(TimeSpan.FromMinutes(10))),
            app =>
            {
                app.UseCorsKit();
                app.MapGet("/items", (HttpContext context) =>
                {
                    context.Response.Headers["X-Total-Count"] = "3";
                    return "items";
                });
                app.MapPut("/items", () => "put");
            },
            minimumLevel: LogLevel.Warning);

        var clients = Enumerable.Range(0, Clients).Select(_ => new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 2 })
        {
            BaseAddress = server.Address,
            Timeout = TimeSpan.FromSeconds(30),
        }).ToArray();
        try
        {
            await RunAsync(clients, WarmUpRequests, TimeCap, new ConcurrentQueue<string>());

            var (heapBefore, workingSetBefore) = Measure();
            var errors = new ConcurrentQueue<string>();
            var watch = Stopwatch.StartNew();
            var (served, perKind) = await RunAsync(clients, Requests, TimeCap, errors);
            watch.Stop();
            var (heapAfter, workingSetAfter) = Measure();

            output.WriteLine($"Load: {served} requests served by {Clients} concurrent HttpClients in {watch.Elapsed.TotalSeconds:F1} s " +
                $"({served / watch.Elapsed.TotalSeconds:F0} req/s), {errors.Count} errors.");
            output.WriteLine("Per kind: " + string.Join(", ", perKind.OrderBy(k => k.Key).Select(k => $"{k.Key}={k.Value}")));
            output.WriteLine($"Managed heap after forced GC: {heapBefore / 1024.0 / 1024:F1} MB before, {heapAfter / 1024.0 / 1024:F1} MB after " +
                $"({(heapAfter - heapBefore) / 1024.0 / 1024:+0.0;-0.0} MB).");
            output.WriteLine($"Working set: {workingSetBefore / 1024.0 / 1024:F1} MB before, {workingSetAfter / 1024.0 / 1024:F1} MB after.");
            foreach (var error in errors.Take(10))
            {
                output.WriteLine("ERROR " + error);
            }

            errors.Should().BeEmpty();
            served.Should().Be(Requests, $"all requests must complete within {TimeCap.TotalSeconds} s");
            (heapAfter - heapBefore).Should().BeLessThan(MaxManagedGrowthBytes);
            server.Logs.GetSnapshot().Where(e => e.Level >= LogLevel.Error).Should().BeEmpty();
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static (long Heap, long WorkingSet) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private static async Task<(int Served, Dictionary<Kind, int> PerKind)> RunAsync(HttpClient[] clients, int total, TimeSpan cap, ConcurrentQueue<string> errors)
    {
        var next = -1;
        var served = 0;
        var perKind = new ConcurrentDictionary<Kind, int>();
        using var timeout = new CancellationTokenSource(cap);
        var kinds = Enum.GetValues<Kind>();
        var workers = clients.Select(async client =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < total && !timeout.IsCancellationRequested)
            {
                var kind = kinds[index % kinds.Length];
                try
                {
                    using var request = Build(kind, index);
                    using var response = await client.SendAsync(request, timeout.Token);
                    var problem = Verify(kind, response, await response.Content.ReadAsStringAsync(timeout.Token));
                    if (problem is not null)
                    {
                        errors.Enqueue($"#{index} {kind}: {problem}");
                    }

                    Interlocked.Increment(ref served);
                    perKind.AddOrUpdate(kind, 1, (_, n) => n + 1);
                }
                catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
                {
                    errors.Enqueue($"#{index} {kind}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        });
        await Task.WhenAll(workers);
        return (served, new Dictionary<Kind, int>(perKind));
    }

    private static HttpRequestMessage Build(Kind kind, int index)
    {
        var (method, origin, acrm, acrh) = kind switch
        {
            Kind.PreflightAllowed => (HttpMethod.Options, Allowed, "PUT", "content-type,x-request-id"),
            Kind.PreflightWildcardAllowed => (HttpMethod.Options, Wildcard, "DELETE", (string?)null),
            Kind.PreflightHeaderRefused => (HttpMethod.Options, Allowed, "PUT", "x-evil"),
            Kind.PreflightOriginRefused => (HttpMethod.Options, Refused, "PUT", "content-type"),
            Kind.ActualAllowed => (HttpMethod.Get, Wildcard, null, null),
            Kind.ActualRefused => (HttpMethod.Get, $"https://evil{index % 100}.test", null, null),
            Kind.ActualNoOrigin => (HttpMethod.Get, (string?)null, null, null),
            _ => (HttpMethod.Put, Allowed, null, null),
        };
        var request = new HttpRequestMessage(method, "/items");
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        if (acrm is not null)
        {
            request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", acrm);
        }

        if (acrh is not null)
        {
            request.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", acrh);
        }

        if (method == HttpMethod.Put)
        {
            request.Content = new StringContent("{}");
        }

        return request;
    }

    /// <summary>The exact CORS headers each kind of request must get; null when they are right.</summary>
    private static string? Verify(Kind kind, HttpResponseMessage response, string body)
    {
        var actual = response.Headers.Where(h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase) || h.Key == "Vary")
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var expected = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        HttpStatusCode status;
        string? expectedBody;
        switch (kind)
        {
            case Kind.PreflightAllowed or Kind.PreflightWildcardAllowed:
                status = HttpStatusCode.NoContent;
                expectedBody = string.Empty;
                expected["Access-Control-Allow-Origin"] = kind == Kind.PreflightAllowed ? Allowed : Wildcard;
                expected["Access-Control-Allow-Credentials"] = "true";
                expected["Access-Control-Allow-Methods"] = "PUT, DELETE";
                if (kind == Kind.PreflightAllowed)
                {
                    expected["Access-Control-Allow-Headers"] = "content-type, x-request-id";
                }

                expected["Access-Control-Max-Age"] = "600";
                expected["Vary"] = PreflightVary;
                break;
            case Kind.PreflightHeaderRefused:
                status = HttpStatusCode.NoContent;
                expectedBody = string.Empty;
                expected["Access-Control-Allow-Origin"] = Allowed;
                expected["Access-Control-Allow-Credentials"] = "true";
                expected["Access-Control-Allow-Methods"] = "PUT, DELETE";
                expected["Access-Control-Allow-Headers"] = "content-type, x-request-id";
                expected["Vary"] = PreflightVary;
                break;
            case Kind.PreflightOriginRefused:
                status = HttpStatusCode.NoContent;
                expectedBody = string.Empty;
                expected["Vary"] = PreflightVary;
                break;
            case Kind.ActualAllowed:
                status = HttpStatusCode.OK;
                expectedBody = "items";
                expected["Access-Control-Allow-Origin"] = Wildcard;
                expected["Access-Control-Allow-Credentials"] = "true";
                expected["Access-Control-Expose-Headers"] = "X-Total-Count";
                expected["Vary"] = "Origin";
                break;
            case Kind.PutAllowed:
                status = HttpStatusCode.OK;
                expectedBody = "put";
                expected["Access-Control-Allow-Origin"] = Allowed;
                expected["Access-Control-Allow-Credentials"] = "true";
                expected["Access-Control-Expose-Headers"] = "X-Total-Count";
                expected["Vary"] = "Origin";
                break;
            default:
                status = HttpStatusCode.OK;
                expectedBody = "items";
                expected["Vary"] = "Origin";
                break;
        }

        if (response.StatusCode != status)
        {
            return $"status {(int)response.StatusCode}, expected {(int)status}";
        }

        if (body != expectedBody)
        {
            return $"body '{body}', expected '{expectedBody}'";
        }

        var differences = expected.Keys.Union(actual.Keys, StringComparer.OrdinalIgnoreCase)
            .Where(k => expected.GetValueOrDefault(k) != actual.GetValueOrDefault(k))
            .Select(k => $"{k}: '{actual.GetValueOrDefault(k)}' (expected '{expected.GetValueOrDefault(k)}')")
            .ToList();
        return differences.Count == 0 ? null : string.Join("; ", differences);
    }
}
