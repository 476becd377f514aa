using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace CorsKit.Endpoints;

/// <summary>
/// Endpoint routing matches an <c>OPTIONS</c> preflight to an endpoint mapped for another method (e.g. <c>MapPut</c>)
/// only when its <see cref="IHttpMethodMetadata.AcceptCorsPreflight"/> is set. Without it the preflight lands on
/// routing's 405 endpoint and the endpoint's own CORS metadata is never seen, so it is set for every endpoint that
/// carries CorsKit metadata. (CorsKit does not implement <c>ICorsMetadata</c>, which would make the endpoint middleware
/// demand Microsoft's CORS middleware.)
/// </summary>
internal static class PreflightRouting
{
    public static void Accept(IEndpointConventionBuilder builder) =>
        builder.Finally(static endpoint =>
        {
            var metadata = endpoint.Metadata;
            for (var i = metadata.Count - 1; i >= 0; i--)
            {
                if (metadata[i] is IHttpMethodMetadata methods)
                {
                    if (!methods.AcceptCorsPreflight)
                    {
                        metadata[i] = new HttpMethodMetadata(methods.HttpMethods, acceptCorsPreflight: true);
                    }

                    return;
                }
            }
        });
}
