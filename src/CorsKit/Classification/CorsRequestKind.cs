namespace CorsKit;

/// <summary>How the CORS protocol sees a request (WHATWG Fetch, "CORS protocol").</summary>
/// <remarks>
/// Cross-origin requests are told apart by their method only. Whether a browser preflighted a request with a
/// CORS-safelisted method depends on its headers, and the headers that arrive are not the ones the page sent: proxies and
/// CDNs add <c>X-Forwarded-For</c> or their own headers, browsers add <c>If-None-Match</c> or <c>Range</c>. Reading
/// "this request was preflighted" from such headers would call a plain cross-site form post preflighted, so no kind
/// claims a preflight that may not have happened.
/// </remarks>
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
    /// A cross-origin request with a CORS-safelisted method (<c>GET</c>, <c>HEAD</c>, <c>POST</c>, case-sensitive). A
    /// browser may have sent it without any preflight (an HTML form post, a <c>no-cors</c> fetch), whatever headers it
    /// carries on arrival: treat it as possibly sent by any site.
    /// </summary>
    CrossOriginSafelistedMethod = 3,

    /// <summary>
    /// A cross-origin request whose method is not CORS-safelisted (<c>PUT</c>, <c>DELETE</c>, <c>PATCH</c>, <c>post</c>,
    /// ...). A browser sends it only after a successful preflight for that method (or one it cached). A non-browser client
    /// sends whatever it likes, so this says nothing about who the caller is.
    /// </summary>
    CrossOriginPreflightedMethod = 4,
}
