using Microsoft.CodeAnalysis;

namespace CorsKit.Analyzers;

/// <summary>The CorsKit and ASP.NET Core types the rules look for, resolved once per compilation.</summary>
internal sealed class CorsKitSymbols
{
    private CorsKitSymbols(Compilation compilation, INamedTypeSymbol policyBuilder)
    {
        PolicyBuilder = policyBuilder;
        Options = compilation.GetTypeByMetadataName("CorsKit.CorsKitOptions");
        EnableAttribute = compilation.GetTypeByMetadataName("CorsKit.EnableCorsKitAttribute");
        DisableAttribute = compilation.GetTypeByMetadataName("CorsKit.DisableCorsKitAttribute");
        PolicyRegistry = compilation.GetTypeByMetadataName("CorsKit.ICorsKitPolicyRegistry");
        ApplicationBuilderExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.CorsKitApplicationBuilderExtensions");
        EndpointConventionExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.CorsKitEndpointConventionBuilderExtensions");
        ServiceCollectionExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.CorsKitServiceCollectionExtensions");
        ApplicationBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.IApplicationBuilder");
        Configuration = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration");
        EndpointRouteBuilderExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions");
    }

    public INamedTypeSymbol PolicyBuilder { get; }

    public INamedTypeSymbol? Options { get; }

    public INamedTypeSymbol? EnableAttribute { get; }

    public INamedTypeSymbol? DisableAttribute { get; }

    public INamedTypeSymbol? PolicyRegistry { get; }

    public INamedTypeSymbol? ApplicationBuilderExtensions { get; }

    public INamedTypeSymbol? EndpointConventionExtensions { get; }

    public INamedTypeSymbol? ServiceCollectionExtensions { get; }

    public INamedTypeSymbol? ApplicationBuilder { get; }

    public INamedTypeSymbol? Configuration { get; }

    public INamedTypeSymbol? EndpointRouteBuilderExtensions { get; }

    /// <summary>The symbols, or <see langword="null"/> when the compilation does not reference CorsKit (every rule is
    /// about CorsKit, so none runs then).</summary>
    public static CorsKitSymbols? TryCreate(Compilation compilation) =>
        compilation.GetTypeByMetadataName("CorsKit.CorsKitPolicyBuilder") is { } builder
            ? new CorsKitSymbols(compilation, builder)
            : null;

    public static bool Is(ISymbol? symbol, ISymbol? expected) =>
        expected is not null && SymbolEqualityComparer.Default.Equals(symbol?.OriginalDefinition, expected);
}
