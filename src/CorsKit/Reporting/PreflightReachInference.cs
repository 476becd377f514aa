using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CorsKit.Reporting;

/// <summary>
/// Infers whether an endpoint's preflights reach CorsKit from what is knowable without sending one: whether
/// <c>UseCorsKit()</c> is in the pipeline, whether authorization runs before it (called first, or inserted by
/// WebApplication), and what authorization sees for the preflight. A startup probe is deliberately not sent: it would
/// run the app's middleware (rate limiters, API-key checks, metrics, logs) for a request no client made.
/// </summary>
internal static class PreflightReachInference
{
    /// <summary>Whether routing matches an endpoint's CORS preflight to the endpoint itself.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <returns><see langword="true"/> when it accepts any method or OPTIONS, or accepts CORS preflights.</returns>
    public static bool IsRoutedToEndpoint(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { HttpMethods.Count: > 0 } methods
        || methods.AcceptCorsPreflight
        || methods.HttpMethods.Contains(HttpMethods.Options, StringComparer.OrdinalIgnoreCase);

    /// <summary>How the endpoint's preflights fare, and why.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="routedToEndpoint">Whether routing sends the preflight to the endpoint itself.</param>
    /// <param name="pipeline">What UseCorsKit learnt about the pipeline.</param>
    /// <param name="fallbackPolicy">The authorization fallback policy, if any.</param>
    /// <param name="explanation">Why, in a sentence.</param>
    /// <returns>The inferred reach.</returns>
    public static CorsKitPreflightReach Infer(Endpoint endpoint, bool routedToEndpoint, PipelineRecord pipeline, AuthorizationPolicy? fallbackPolicy, out string explanation)
    {
        if (!pipeline.CorsKitInPipeline)
        {
            explanation = "never reaches CorsKit: UseCorsKit() is not in the application's pipeline (or the pipeline is not built yet). Fix: call app.UseCorsKit().";
            return CorsKitPreflightReach.CorsKitNotInPipeline;
        }

        if ((pipeline.AuthorizationCalledBeforeCorsKit || pipeline.AuthorizationInsertedBeforeCorsKit)
            && RequiresAuthenticatedUser(routedToEndpoint ? endpoint.Metadata : EndpointMetadataCollection.Empty, fallbackPolicy, out var requirement))
        {
            if (!routedToEndpoint && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                requirement += " (routing sends the preflight to no endpoint of its own, so the endpoint's [AllowAnonymous] does not cover it)";
            }

            var order = pipeline.AuthorizationCalledBeforeCorsKit
                ? "UseAuthorization() runs before UseCorsKit() (event 12)"
                : "WebApplication inserts UseAuthorization() before UseCorsKit() because the app never calls it (event 18)";
            explanation = $"is answered 401/403 before CorsKit (inferred): {order}, and {requirement}. "
                + "Fix: call app.UseCorsKit(), then app.UseAuthentication() and app.UseAuthorization().";
            return CorsKitPreflightReach.BlockedByAuthorization;
        }

        explanation = "reaches CorsKit (inferred: nothing known answers it first";
        explanation += routedToEndpoint ? ")" : "; routing matches it to no endpoint of its own, so the app-wide policy answers it)";
        return CorsKitPreflightReach.ReachesCorsKit;
    }

    // What AuthorizationMiddleware does with the endpoint it sees: [AllowAnonymous] skips it; [Authorize] data or, without
    // any, the fallback policy makes it demand a user. A preflight routed to no endpoint of its own is seen as routing's
    // 405 endpoint, which has no metadata: only the fallback policy applies to it.
    private static bool RequiresAuthenticatedUser(EndpointMetadataCollection metadata, AuthorizationPolicy? fallbackPolicy, out string requirement)
    {
        if (metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            requirement = string.Empty;
            return false;
        }

        if (metadata.GetMetadata<IAuthorizeData>() is not null)
        {
            requirement = "the endpoint requires authorization";
            return true;
        }

        requirement = "a fallback authorization policy applies to it";
        return fallbackPolicy is not null;
    }
}
