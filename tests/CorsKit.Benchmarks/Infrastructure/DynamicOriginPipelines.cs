using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CorsKit.Benchmarks.Infrastructure;

/// <summary>
/// Pipelines for origins stored at run time (issue 17), on the standard policy: CorsKit with an origin source attached
/// (tenant read from the host, as the sample does), and Microsoft's <c>SetIsOriginAllowed</c> with a predicate, which
/// is what apps build today and which runs on every request.
/// </summary>
public static class DynamicOriginPipelines
{
    /// <summary>An origin the standard policy does not list: only a source (or predicate) allows it. https, as
    /// credentials require.</summary>
    public const string StoredOrigin = "https://shop.tenant-7.example.org";

    /// <summary>CorsKit with the standard policy plus <typeparamref name="TSource"/>, tenant from the host.</summary>
    public static BuiltPipeline CorsKitWithSource<TSource>(Action<IServiceCollection>? configureServices = null)
        where TSource : class, ICorsKitOriginSource
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCorsKit(options => options.AddDefaultPolicy(builder =>
        {
            PipelineFactory.ConfigureCorsKit(builder, BenchPolicy.Standard);
            builder.AllowOriginsFromSource(CorsKitTenantSelector.FromHost());
        }));
        services.AddCorsKitOriginSource<TSource>();
        configureServices?.Invoke(services);
        return Build(services, static app => app.UseCorsKit());
    }

    /// <summary>Microsoft.AspNetCore.Cors with the standard policy plus <c>SetIsOriginAllowed(isAllowed)</c>.</summary>
    public static BuiltPipeline MicrosoftWithPredicate(Func<string, bool> isAllowed)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCors(options => options.AddDefaultPolicy(builder =>
        {
            PipelineFactory.ConfigureMicrosoft(builder, BenchPolicy.Standard);
            builder.SetIsOriginAllowed(origin => BenchPolicy.Standard.Origins.Contains(origin) || isAllowed(origin));
        }));
        return Build(services, static app => app.UseCors());
    }

    private static BuiltPipeline Build(ServiceCollection services, Action<ApplicationBuilder> useCors)
    {
        var provider = services.BuildServiceProvider();
        var app = new ApplicationBuilder(provider);
        useCors(app);
        app.Run(static context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        });
        return new BuiltPipeline(app.Build(), provider);
    }
}
