using CorsKit.Benchmarks.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CorsKit.Benchmarks;

/// <summary>
/// A small API on Kestrel, run with no CORS, Microsoft.AspNetCore.Cors or CorsKit and the benchmark policy
/// (<see cref="BenchPolicy.Standard"/>), for the end-to-end load test of run-wrk.sh. Logging is off, as in the
/// in-process benchmarks, so the log level checks are all that logging costs.
/// </summary>
public static class ServeHost
{
    private const string TodosJson = """[{"id":1,"title":"Write the policy"},{"id":2,"title":"Ship it"}]""";

    public static async Task RunAsync(string mode, string[] args)
    {
        var pipeline = mode switch
        {
            "nocors" => CorsPipeline.None,
            "ms" => CorsPipeline.Microsoft,
            "corskit" => CorsPipeline.CorsKit,
            _ => throw new ArgumentException($"Unknown mode '{mode}': use nocors, ms or corskit.", nameof(mode)),
        };

        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var policy = BenchPolicy.Standard;
        if (pipeline == CorsPipeline.Microsoft)
        {
            builder.Services.AddCors(options => options.AddDefaultPolicy(b => PipelineFactory.ConfigureMicrosoft(b, policy)));
        }
        else if (pipeline == CorsPipeline.CorsKit)
        {
            builder.Services.AddCorsKit(options => options.AddDefaultPolicy(b => PipelineFactory.ConfigureCorsKit(b, policy)));
        }

        var app = builder.Build();
        if (pipeline == CorsPipeline.Microsoft)
        {
            app.UseCors();
        }
        else if (pipeline == CorsPipeline.CorsKit)
        {
            app.UseCorsKit();
        }

        app.MapGet("/api/todos", (HttpContext context) =>
        {
            context.Response.Headers["X-Total-Count"] = "2";
            return Results.Text(TodosJson, "application/json");
        });
        app.MapPut("/api/todos/{id:int}", (int id) => Results.NoContent());
        await app.RunAsync();
    }
}
