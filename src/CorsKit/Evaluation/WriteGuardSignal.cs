namespace CorsKit.Evaluation;

/// <summary>Which request signal made the write guard depend on the policy's origin check (and, when it blocks, decided).</summary>
internal enum WriteGuardSignal : byte
{
    /// <summary>The guard lets the request through whatever the policy says (safe method, same-origin, user-initiated).</summary>
    None = 0,

    /// <summary><c>Sec-Fetch-Site</c> says the request came from another site (or another origin of the same site, or
    /// an unknown value): only an origin the policy allows may write.</summary>
    SecFetchSite,

    /// <summary>No <c>Sec-Fetch-Site</c>: the request's <c>Origin</c> differs from its own scheme and host, so only an
    /// origin the policy allows may write.</summary>
    OriginFallback,
}
