using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CorsKit.Benchmarks.Infrastructure;

/// <summary>
/// Builds a real <see cref="RequestDelegate"/> the way a host does: an <see cref="ApplicationBuilder"/> over a
/// <see cref="ServiceProvider"/> (logging registered with no provider, so log calls cost only their level check), the
/// CORS middleware under test, then a terminal delegate that sets status 200 and completes synchronously.
/// </summary>
public static class PipelineFactory
{
    public static BuiltPipeline Build(CorsPipeline pipeline, BenchPolicy policy)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        switch (pipeline)
        {
            case CorsPipeline.Microsoft:
                services.AddCors(options => options.AddDefaultPolicy(builder => ConfigureMicrosoft(builder, policy)));
                break;
            case CorsPipeline.CorsKit:
                services.AddCorsKit(options => options.AddDefaultPolicy(builder => ConfigureCorsKit(builder, policy)));
                break;
            case CorsPipeline.None:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(pipeline), pipeline, null);
        }

        var provider = services.BuildServiceProvider();
        var app = new ApplicationBuilder(provider);
        switch (pipeline)
        {
            case CorsPipeline.Microsoft:
                app.UseCors();
                break;
            case CorsPipeline.CorsKit:
                app.UseCorsKit();
                break;
            case CorsPipeline.None:
                break;
        }

        app.Run(static context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        });
        return new BuiltPipeline(app.Build(), provider);
    }

    internal static void ConfigureMicrosoft(Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder builder, BenchPolicy policy)
    {
        builder.WithOrigins([.. policy.Origins])
            .WithMethods([.. policy.Methods])
            .WithHeaders([.. policy.Headers])
            .WithExposedHeaders([.. policy.ExposedHeaders])
            .AllowCredentials()
            .SetPreflightMaxAge(policy.MaxAge);
        if (policy.HasPatterns)
        {
            builder.SetIsOriginAllowedToAllowWildcardSubdomains();
        }
    }

    internal static void ConfigureCorsKit(CorsKitPolicyBuilder builder, BenchPolicy policy) =>
        builder.WithOrigins([.. policy.Origins])
            .WithMethods([.. policy.Methods])
            .WithHeaders([.. policy.Headers])
            .WithExposedHeaders([.. policy.ExposedHeaders])
            .AllowCredentials()
            .SetPreflightMaxAge(policy.MaxAge);
}

/// <summary>A built pipeline and the container it resolves its services from.</summary>
public sealed record BuiltPipeline(RequestDelegate Delegate, ServiceProvider Services);
