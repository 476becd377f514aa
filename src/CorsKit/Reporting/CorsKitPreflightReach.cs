namespace CorsKit;

/// <summary>Whether an endpoint's CORS preflights reach CorsKit, as <see cref="CorsKitEndpointReport"/> infers it.</summary>
public enum CorsKitPreflightReach
{
    /// <summary>Nothing known answers the preflight first: it reaches CorsKit, which answers it with the endpoint's
    /// policy (or refuses it when CORS is disabled, or passes it to routing when no policy applies).</summary>
    ReachesCorsKit = 0,

    /// <summary>Authorization runs before CorsKit and the endpoint requires an authenticated user: the preflight, which
    /// never carries credentials, is answered 401/403 without CORS headers.</summary>
    BlockedByAuthorization = 1,

    /// <summary><c>UseCorsKit()</c> is not in the application's pipeline (or the pipeline has not been built yet).</summary>
    CorsKitNotInPipeline = 2,
}
