using System.Diagnostics.CodeAnalysis;
using CorsKit;
using CorsKit.DynamicOrigins;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers an <see cref="ICorsKitOriginSource"/> (origins allowed at run time, for example from a database).</summary>
public static class CorsKitOriginSourceServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TSource"/> as the app's origin source (scoped: it may use a <c>DbContext</c>), the
    /// cache in front of it, and <see cref="ICorsKitOriginCache"/> for invalidation. Policies use it through
    /// <see cref="CorsKitPolicyBuilder.AllowOriginsFromSource"/>. When the app registers a <c>HybridCache</c>, allowed
    /// answers are shared through it.
    /// </summary>
    /// <typeparam name="TSource">The source type, created by the container through its public constructor.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Cache lifetimes, lookup timeout and budget; validated when the host starts.</param>
    /// <returns>The service collection.</returns>
    /// <example>
    /// <code>
    /// builder.Services.AddCorsKit(cors =&gt; cors.AddDefaultPolicy(p =&gt; p
    ///     .WithOrigins("https://admin.example.com")
    ///     .AllowOriginsFromSource(CorsKitTenantSelector.FromHost())));
    /// builder.Services.AddCorsKitOriginSource&lt;TenantOriginSource&gt;(o =&gt; o.AllowedLifetime = TimeSpan.FromMinutes(10));
    /// </code>
    /// </example>
    public static IServiceCollection AddCorsKitOriginSource<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSource>(
        this IServiceCollection services,
        Action<CorsKitOriginSourceOptions>? configure = null)
        where TSource : class, ICorsKitOriginSource
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddCorsKit();
        var options = services.AddOptions<CorsKitOriginSourceOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CorsKitOriginSourceOptions>, CorsKitOriginSourceOptionsValidator>());
        services.AddScoped<ICorsKitOriginSource, TSource>();
        services.TryAddSingleton<OriginSourceCache>();
        services.TryAddSingleton<ICorsKitOriginCache>(sp => sp.GetRequiredService<OriginSourceCache>());
        return services;
    }
}
