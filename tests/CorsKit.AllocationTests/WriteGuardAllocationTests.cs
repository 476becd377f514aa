using CorsKit.Benchmarks.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CorsKit.AllocationTests;

/// <summary>
/// The write guard (<see cref="CorsKitOptions.BlockRefusedCrossOriginWrites"/>) on: reading <c>Sec-Fetch-Site</c>,
/// deciding from it or from the <c>Origin</c> fallback, and answering 403 must allocate nothing beyond the no-CORS
/// pipeline, like every other path.
/// </summary>
public sealed class WriteGuardAllocationTests
{
    public static TheoryData<string, string?, string?, int> GuardPaths() => new()
    {
        // label, Origin, Sec-Fetch-Site, expected status
        { "cross-site, allowed origin", BenchPolicy.AllowedOrigin, "cross-site", 200 },
        { "cross-site, refused origin (blocked)", BenchPolicy.RefusedOrigin, "cross-site", 403 },
        { "same-origin with Origin: null", "null", "same-origin", 200 },
        { "same-site, refused origin (blocked)", "https://blog.example.io", "same-site", 403 },
        { "no Sec-Fetch-Site, refused origin (blocked by the fallback)", BenchPolicy.RefusedOrigin, null, 403 },
        { "no Sec-Fetch-Site, same origin", "https://" + BenchPolicy.Host, null, 200 },
        { "cross-site without Origin (blocked)", null, "cross-site", 403 },
        { "neither header", null, null, 200 },
    };

    [Theory]
    [MemberData(nameof(GuardPaths))]
    public void A_guarded_write_allocates_nothing_beyond_the_no_cors_pipeline(string label, string? origin, string? fetchSite, int status)
    {
        var baseline = Driver(guarded: false, origin, fetchSite);
        var corsKit = Driver(guarded: true, origin, fetchSite);
        corsKit.Invoke();
        corsKit.Response.StatusCode.Should().Be(status, label);

        var baselineBytes = AllocationMeter.BytesFor(baseline);
        var corsKitBytes = AllocationMeter.BytesFor(corsKit);

        corsKit.Response.StatusCode.Should().Be(status, $"the measured requests still got the guard's answer ({label})");
        (corsKitBytes - baselineBytes).Should().BeLessThan(
            AllocationMeter.MeasuredRequests,
            $"the guard must allocate 0 bytes per request ({label}: {corsKitBytes} bytes vs {baselineBytes} bytes for {AllocationMeter.MeasuredRequests} requests)");
    }

    private static RequestDriver Driver(bool guarded, string? origin, string? fetchSite)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (guarded)
        {
            services.AddCorsKit(options =>
            {
                options.BlockRefusedCrossOriginWrites = true;
                var policy = BenchPolicy.Standard;
                options.AddDefaultPolicy(builder => builder.WithOrigins([.. policy.Origins]).WithMethods([.. policy.Methods])
                    .WithHeaders([.. policy.Headers]).WithExposedHeaders([.. policy.ExposedHeaders]).AllowCredentials());
            });
        }

        var provider = services.BuildServiceProvider();
        var app = new ApplicationBuilder(provider);
        if (guarded)
        {
            app.UseCorsKit();
        }

        app.Run(static context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        });
        var driver = new RequestDriver(new BuiltPipeline(app.Build(), provider), new RequestScenario("POST", origin));
        if (fetchSite is not null)
        {
            driver.Context.Request.Headers["Sec-Fetch-Site"] = fetchSite;
        }

        return driver;
    }
}
