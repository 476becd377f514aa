namespace CorsKit.Testing.Apps;

/// <summary>How one endpoint's preflight fared.</summary>
public enum CorsEndpointOutcome
{
    /// <summary>The preflight reached CORS and the endpoint's own policy allowed it.</summary>
    Passed = 0,

    /// <summary>Something answered the preflight before CORS could: a 401/403 (authentication first), a 404/405
    /// (routing did not send it to CORS), a redirect, or a 5xx.</summary>
    NeverReachedCors = 1,

    /// <summary>CORS answered, but the endpoint's own policy refused its own origin, method or headers.</summary>
    RefusedByOwnPolicy = 2,

    /// <summary>No preflight could be built (no origin to use, a route value without a sample).</summary>
    NotTestable = 3,
}
