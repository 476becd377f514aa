using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CorsKit.Endpoints;

/// <summary>
/// Refuses to start an application whose endpoint policy would be bypassed by its own preflights. CorsKit metadata
/// added as an attribute on a minimal-API handler cannot make routing accept the endpoint's CORS preflight (only the
/// <c>RequireCorsKit</c>/<c>DisableCorsKit</c> conventions and MVC can), so the preflight would be answered by the
/// app-wide policy and a browser would send a request the endpoint's own policy forbids.
/// </summary>
internal static class PreflightRoutingCheck
{
    public static void ThrowIfUnroutable(IEnumerable<Endpoint> endpoints)
    {
        var unroutable = endpoints.Where(IsUnroutable).Select(e => e.DisplayName ?? "(unnamed)").ToList();
        if (unroutable.Count > 0)
        {
            throw new InvalidOperationException(
                "CorsKit attributes ([EnableCorsKit], [DisableCorsKit]) on these minimal-API handlers cannot apply to their CORS preflights, "
                + "which routing would send to the app-wide policy instead: " + string.Join(", ", unroutable)
                + ". Use the endpoint conventions instead: .RequireCorsKit(\"policy\") or .DisableCorsKit() on the endpoint or its route group.");
        }
    }

    private static bool IsUnroutable(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<ICorsKitMetadata>() is not null
        && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is { AcceptCorsPreflight: false, HttpMethods.Count: > 0 } methods
        && !methods.HttpMethods.Contains(HttpMethods.Options, StringComparer.OrdinalIgnoreCase);
}
