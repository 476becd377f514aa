namespace CorsKit;

/// <summary>How the CORS protocol sees a request (WHATWG Fetch, "CORS protocol").</summary>
public enum CorsRequestKind
{
    /// <summary>No <c>Origin</c> header: not a CORS request. The response still varies on <c>Origin</c>.</summary>
    NotCors = 0,

    /// <summary>
    /// <c>Origin</c> equals the request's own <c>scheme://host[:port]</c>. Browsers send <c>Origin</c> on same-origin
    /// requests whose method is not GET or HEAD; such requests need no CORS headers.
    /// </summary>
    SameOrigin = 1,

    /// <summary>A CORS-preflight request: <c>OPTIONS</c> with <c>Origin</c> and <c>Access-Control-Request-Method</c>.</summary>
    Preflight = 2,

    /// <summary>
    /// A cross-origin request a browser sends without a preflight: a CORS-safelisted method (GET, HEAD, POST) and
    /// only CORS-safelisted request headers.
    /// </summary>
    SimpleCrossOrigin = 3,

    /// <summary>A cross-origin request a browser would have preflighted first (its method or a header is not safelisted).</summary>
    NonSimpleCrossOrigin = 4,
}
