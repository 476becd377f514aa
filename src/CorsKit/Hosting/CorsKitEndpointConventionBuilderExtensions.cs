using CorsKit;
using CorsKit.Endpoints;

namespace Microsoft.AspNetCore.Builder;

/// <summary>CorsKit conventions for minimal-API endpoints and route groups.</summary>
public static class CorsKitEndpointConventionBuilderExtensions
{
    /// <summary>Applies the named CorsKit policy to the endpoint(s), overriding the app-wide policy. Preflights of
    /// endpoints mapped for other methods (e.g. <c>MapPut</c>) are routed to them and answered by CorsKit.</summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <param name="policyName">A policy registered with <c>AddCorsKit</c>.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireCorsKit<TBuilder>(this TBuilder builder, string policyName)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var metadata = new EnableCorsKitAttribute(policyName);
        return AddMetadata(builder, metadata);
    }

    /// <summary>Applies a policy defined here to the endpoint(s). It is built (and validated) immediately.</summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <param name="configurePolicy">Configures the policy.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="CorsKitConfigurationException">The policy is invalid.</exception>
    public static TBuilder RequireCorsKit<TBuilder>(this TBuilder builder, Action<CorsKitPolicyBuilder> configurePolicy)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configurePolicy);
        var policyBuilder = new CorsKitPolicyBuilder();
        configurePolicy(policyBuilder);
        return AddMetadata(builder, new EndpointPolicyMetadata(policyBuilder.Build("(endpoint policy)")));
    }

    /// <summary>Switches CORS off for the endpoint(s): no CORS headers, and preflights to them are refused.</summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <returns>The builder.</returns>
    public static TBuilder DisableCorsKit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return AddMetadata(builder, new DisableCorsKitAttribute());
    }

    private static TBuilder AddMetadata<TBuilder>(TBuilder builder, ICorsKitMetadata metadata)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint => endpoint.Metadata.Add(metadata));
        PreflightRouting.Accept(builder);
        return builder;
    }
}
