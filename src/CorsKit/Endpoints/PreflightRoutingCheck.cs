using CorsKit.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace CorsKit.Endpoints;

/// <summary>
/// Refuses to start an application whose endpoint policy would be bypassed by its own preflights. CorsKit metadata
/// added as an attribute on a minimal-API handler cannot make routing accept the endpoint's CORS preflight (only the
/// <c>RequireCorsKit</c>/<c>DisableCorsKit</c> conventions and MVC can), so the preflight would be answered by the
/// app-wide policy and a browser would send a request the endpoint's own policy forbids.
/// </summary>
internal static class PreflightRoutingCheck
{
    /// <summary>Throws when an endpoint's policy would be bypassed by its own preflights.</summary>
    /// <param name="sources">The endpoint data sources.</param>
    /// <param name="logger">CorsKit's logger.</param>
    /// <returns>Every endpoint that could be listed, for the other startup checks.</returns>
    public static IReadOnlyList<Endpoint> ThrowIfUnroutable(IEnumerable<EndpointDataSource> sources, ILogger logger)
    {
        var unroutable = new List<string>();
        var all = new List<Endpoint>();
        foreach (var source in sources)
        {
            IReadOnlyList<Endpoint> endpoints;
            try
            {
                endpoints = source.Endpoints;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // A check that exists to catch mistakes must not take startup down itself; routing will report this.
                CorsKitLog.EndpointCheckSkipped(logger, source.GetType().Name, exception.Message);
                continue;
            }

            all.AddRange(endpoints);
            unroutable.AddRange(endpoints.Where(IsUnroutable).Select(e => e.DisplayName ?? "(unnamed)"));
        }

        if (unroutable.Count > 0)
        {
            throw new InvalidOperationException(
                "These endpoints carry CorsKit metadata but routing will not send their CORS preflights to them, so the app-wide "
                + "policy would answer those preflights instead: " + string.Join(", ", unroutable)
                + ". On minimal APIs use the conventions .RequireCorsKit(\"policy\") or .DisableCorsKit() (on the endpoint or its "
                + "route group) instead of attributes on the handler; on MVC, add the attribute in the controller or action "
                + "declaration rather than from an application-model convention."
                + (CorsKitMvcIntegration.IsSupported
                    ? ""
                    : " CorsKit's MVC integration, which routes preflights to controller actions, is switched off in this app "
                        + "(the MSBuild property CorsKitMvcIntegration, off by default with PublishAot or PublishTrimmed): set "
                        + "<CorsKitMvcIntegration>true</CorsKitMvcIntegration> in the project of an app with controllers."));
        }

        return all;
    }

    private static bool IsUnroutable(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<ICorsKitMetadata>() is not null
        && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is { AcceptCorsPreflight: false, HttpMethods.Count: > 0 } methods
        && !methods.HttpMethods.Contains(HttpMethods.Options, StringComparer.OrdinalIgnoreCase);
}
