using System.Text;
using CorsKit.Reporting;
using CorsKit.Resolution;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CorsKit;

/// <summary>
/// Every endpoint of an application, the CorsKit policy that applies to it (with the precedence the middleware uses),
/// and whether its CORS preflights reach CorsKit. The reach is <em>inferred</em> from the pipeline's configuration (is
/// <c>UseCorsKit()</c> in it, does authorization run first and demand a user), never probed: no request is sent. For a
/// probe, preflight each endpoint in a test (<c>CorsAppCheck</c> in the <c>CorsKit.Testing</c> package builds on this
/// report). In Development the report is logged once at startup (event <see cref="CorsKitEvents.EndpointReport"/>),
/// and <c>app.MapCorsKitReport()</c> serves it as text.
/// </summary>
/// <remarks>Complete once the application has started (its pipeline built, every endpoint mapped). Reads only endpoint
/// metadata, services and what <c>UseCorsKit()</c> recorded: safe under trimming and Native AOT.</remarks>
public sealed class CorsKitEndpointReport
{
    private CorsKitEndpointReport(IReadOnlyList<CorsKitEndpointReportEntry> endpoints, bool corsKitInPipeline, string? appWidePolicyName, bool hasPolicyProvider)
    {
        Endpoints = endpoints;
        CorsKitInPipeline = corsKitInPipeline;
        AppWidePolicyName = appWidePolicyName;
        HasPolicyProvider = hasPolicyProvider;
    }

    /// <summary>Every routable endpoint, in routing's order.</summary>
    public IReadOnlyList<CorsKitEndpointReportEntry> Endpoints { get; }

    /// <summary>Whether a pipeline containing <c>UseCorsKit()</c> has been built.</summary>
    public bool CorsKitInPipeline { get; }

    /// <summary>The policy named by <c>UseCorsKit("name")</c>; <see langword="null"/> when it applies the default policy.</summary>
    public string? AppWidePolicyName { get; }

    /// <summary>Whether an <see cref="ICorsKitPolicyProvider"/> is registered: it is asked first at run time, so the
    /// policies listed are what it is asked for, not necessarily what it answers.</summary>
    public bool HasPolicyProvider { get; }

    /// <summary>Builds the report of an application.</summary>
    /// <param name="services">The application's services (<c>app.Services</c>).</param>
    /// <returns>The report.</returns>
    /// <exception cref="InvalidOperationException"><c>AddCorsKit</c> was not called.</exception>
    public static CorsKitEndpointReport Create(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var endpoints = services.GetService<EndpointDataSource>()?.Endpoints ?? [];
        return Create(services, endpoints);
    }

    internal static CorsKitEndpointReport Create(IServiceProvider services, IEnumerable<Endpoint> endpoints)
    {
        if (services.GetService<PipelineRecord>() is not { } pipeline || services.GetService<ICorsKitPolicyRegistry>() is not { } registry)
        {
            throw new InvalidOperationException(
                "The CorsKit endpoint report needs the CorsKit services: call builder.Services.AddCorsKit(...) when configuring services.");
        }

        var fallbackPolicy = services.GetService<IOptions<AuthorizationOptions>>()?.Value.FallbackPolicy;
        var appWide = pipeline.AppWidePolicyName is { } name ? CorsKitPolicySelection.Named(name) : CorsKitPolicySelection.Default;
        var entries = new List<CorsKitEndpointReportEntry>();
        foreach (var endpoint in endpoints.OfType<RouteEndpoint>())
        {
            var request = PolicyResolution.Resolve(endpoint, appWide);
            var (kind, policyName, policy) = PolicyOf(request, registry);
            var routed = PreflightReachInference.IsRoutedToEndpoint(endpoint);
            var reach = PreflightReachInference.Infer(endpoint, routed, pipeline, fallbackPolicy, out var explanation);
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Distinct(StringComparer.Ordinal).ToArray() ?? [];
            entries.Add(new(endpoint, methods, kind, policyName, policy, request.DeclaredByEndpoint, routed, reach, explanation));
        }

        return new(entries, pipeline.CorsKitInPipeline, pipeline.AppWidePolicyName, services.GetService<ICorsKitPolicyProvider>() is not null);
    }

    private static (CorsKitEndpointPolicyKind Kind, string? Name, CorsKitPolicy? Policy) PolicyOf(PolicyRequest request, ICorsKitPolicyRegistry registry)
    {
        if (request.Disabled)
        {
            return (CorsKitEndpointPolicyKind.Disabled, null, null);
        }

        var selection = request.Selection;
        return selection.Kind switch
        {
            CorsKitPolicySelectionKind.Endpoint => (CorsKitEndpointPolicyKind.Endpoint, null, selection.EndpointPolicy),
            CorsKitPolicySelectionKind.Named => (CorsKitEndpointPolicyKind.Named, selection.Name, registry.GetPolicy(selection.Name!)),
            // The app-wide default that does not exist means no CORS; an endpoint that asks for it fails closed (event 8).
            _ when registry.DefaultPolicy is null && !request.DeclaredByEndpoint => (CorsKitEndpointPolicyKind.None, null, null),
            _ => (CorsKitEndpointPolicyKind.Default, null, registry.DefaultPolicy),
        };
    }

    /// <summary>The report as text: one line per endpoint.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("CorsKit endpoint report: ").Append(Endpoints.Count).Append(" endpoints. ")
            .Append(CorsKitInPipeline
                ? "UseCorsKit" + (AppWidePolicyName is null ? "()" : $"(\"{AppWidePolicyName}\")") + " is in the pipeline."
                : "UseCorsKit() is NOT in the pipeline.")
            .Append(HasPolicyProvider ? " An ICorsKitPolicyProvider is registered and decides at run time." : string.Empty)
            .Append(" Preflight reach is inferred from the configuration; no request was sent.\n");
        foreach (var entry in Endpoints)
        {
            text.Append("  ").Append(entry).Append('\n');
        }

        return text.ToString();
    }
}
