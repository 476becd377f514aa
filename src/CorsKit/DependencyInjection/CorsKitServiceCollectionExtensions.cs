using CorsKit;
using CorsKit.Endpoints;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers CorsKit with the dependency injection container.</summary>
public static class CorsKitServiceCollectionExtensions
{
    /// <summary>Adds the CorsKit services. Register policies with <see cref="AddCorsKit(IServiceCollection, Action{CorsKitOptions})"/>
    /// or <c>services.Configure&lt;CorsKitOptions&gt;</c>.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddCorsKit(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.TryAddSingleton<CorsKitMarkerService>();

        // Lets CORS preflights reach MVC actions that carry CorsKit attributes; inert in apps without MVC.
        services.TryAddEnumerable(ServiceDescriptor.Transient<IApplicationModelProvider, CorsKitApplicationModelProvider>());
        return services;
    }

    /// <summary>Adds the CorsKit services and registers policies.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Registers the default and named policies.</param>
    /// <returns>The service collection.</returns>
    /// <example>
    /// <code>
    /// builder.Services.AddCorsKit(cors =&gt; cors.AddDefaultPolicy(p =&gt; p.WithOrigins("https://app.example.com")));
    /// </code>
    /// </example>
    public static IServiceCollection AddCorsKit(this IServiceCollection services, Action<CorsKitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddCorsKit();
        services.Configure(configure);
        return services;
    }
}

/// <summary>Lets <c>UseCorsKit</c> check that <c>AddCorsKit</c> was called.</summary>
internal sealed class CorsKitMarkerService;
