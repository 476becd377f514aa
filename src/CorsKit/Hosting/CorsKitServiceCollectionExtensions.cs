using System.Diagnostics.CodeAnalysis;
using CorsKit;

using CorsKit.Diagnostics;
using CorsKit.Endpoints;
using CorsKit.Hosting;
using CorsKit.Reporting;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers CorsKit with the dependency injection container.</summary>
public static class CorsKitServiceCollectionExtensions
{
    /// <summary>Adds the CorsKit services. Register policies with an overload that takes a delegate or a configuration
    /// section, or with <c>services.Configure&lt;CorsKitOptions&gt;</c>. Policies are validated when the host starts.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddCorsKit(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CorsKitOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CorsKitOptions>, CorsKitOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<CorsKitMetrics>();
        services.TryAddSingleton<PolicyStore>();
        services.TryAddSingleton<PreflightWatch>();
        services.TryAddSingleton<PipelineRecord>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, PreflightSentinelStartupFilter>());
        services.TryAddSingleton<ICorsKitPolicyRegistry>(sp => sp.GetRequiredService<PolicyStore>());

        // Lets CORS preflights reach MVC actions that carry CorsKit attributes; inert in apps without MVC. Behind a feature
        // switch the trimmer understands, so Native AOT and trimmed apps (which cannot use controllers) carry no MVC code.
        if (CorsKitMvcIntegration.IsSupported)
        {
            services.TryAddEnumerable(ServiceDescriptor.Transient<IApplicationModelProvider, CorsKitApplicationModelProvider>());
        }

        return services;
    }

    /// <summary>Adds the CorsKit services and registers policies in code.</summary>
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

    /// <summary>
    /// Adds the CorsKit services and binds policies from a configuration section (for example
    /// <c>builder.Configuration.GetSection("CorsKit")</c>). The app refuses to start on an invalid section, with every
    /// problem named by its configuration path; a later change to the section takes effect without a restart, and an
    /// invalid change keeps the last good policies and logs why.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The CorsKit section.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddCorsKit(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddCorsKit();
        services.AddSingleton<IConfigureOptions<CorsKitOptions>>(new CorsKitConfigurationBinder(configuration));
        services.AddSingleton<IOptionsChangeTokenSource<CorsKitOptions>>(new ConfigurationChangeTokenSource<CorsKitOptions>(Options.Options.DefaultName, configuration));
        return services;
    }

    /// <summary>Binds policies from a configuration section, then applies code configuration (which can add policies or
    /// replace configured ones by name).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The CorsKit section.</param>
    /// <param name="configure">Further configuration in code.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddCorsKit(this IServiceCollection services, IConfiguration configuration, Action<CorsKitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddCorsKit(configuration);
        services.Configure(configure);
        return services;
    }

    /// <summary>Registers a per-request policy source (for example per tenant); see <see cref="ICorsKitPolicyProvider"/>.</summary>
    /// <typeparam name="TProvider">The provider type, registered as a singleton and created by the container through its
    /// public constructor (kept by the trimmer in Native AOT and trimmed apps).</typeparam>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddCorsKitPolicyProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider>(this IServiceCollection services)
        where TProvider : class, ICorsKitPolicyProvider
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddCorsKit();
        services.AddSingleton<ICorsKitPolicyProvider, TProvider>();
        return services;
    }
}
