using CorsKit.Classification;

namespace CorsKit.Evaluation;

/// <summary>
/// The rules of <see cref="CorsKitOptions.BlockRefusedCrossOriginWrites"/>: which writes must come from an origin the
/// policy allows. It decides from Fetch Metadata first, as Go's <c>net/http.CrossOriginProtection</c> and Rails'
/// header-only forgery protection do, and compares <c>Origin</c> with the request only when the browser sent no
/// <c>Sec-Fetch-Site</c>. Pure and allocation-free.
/// </summary>
internal static class WriteGuard
{
    /// <summary>
    /// Which signal makes <paramref name="request"/> depend on the policy: <see cref="WriteGuardSignal.None"/> when the
    /// guard lets it through whatever the policy says; otherwise the request may run only if its origin is allowed.
    /// </summary>
    /// <param name="request">The request facts (<see cref="RequestFacts.FetchSite"/> must have been read).</param>
    /// <param name="allowSameSiteWrites"><see cref="CorsKitOptions.AllowSameSiteWrites"/>.</param>
    /// <returns>The deciding signal, or <see cref="WriteGuardSignal.None"/>.</returns>
    public static WriteGuardSignal SignalRequiringPolicy(in RequestFacts request, bool allowSameSiteWrites)
    {
        if (IsSafeMethod(request.Method))
        {
            return WriteGuardSignal.None;
        }

        switch (FetchSiteHeader.Parse(request.FetchSite))
        {
            case FetchSite.SameOrigin:
            case FetchSite.None:
                // The browser vouches for the source: a page of this very origin (whatever Origin says: a same-origin
                // form post from a no-referrer page sends "Origin: null"), or the user typing the URL.
                return WriteGuardSignal.None;
            case FetchSite.SameSite when allowSameSiteWrites:
                return WriteGuardSignal.None;
            case FetchSite.Absent:
                // An older browser, a non-secure context, or no browser: Origin is all there is. No Origin at all is not
                // a cross-origin browser request (browsers send Origin on every unsafe method).
                return request.Kind == RequestKind.Actual ? WriteGuardSignal.OriginFallback : WriteGuardSignal.None;
            default:
                // cross-site, same-site (by default: a sibling subdomain is a different origin and may be less
                // trusted), and values no browser sends, which fail closed like cross-site.
                return WriteGuardSignal.SecFetchSite;
        }
    }

    /// <summary>
    /// Whether <paramref name="method"/> is safe (RFC 9110 §9.2.1, and the QUERY method): GET, HEAD, OPTIONS and QUERY,
    /// spelt exactly so. Methods are case-sensitive: <c>post</c> or <c>get</c> are not these methods and are guarded.
    /// </summary>
    /// <param name="method">The request method.</param>
    /// <returns>Whether the guard never blocks it.</returns>
    public static bool IsSafeMethod(string method) => method switch
    {
        "GET" or "HEAD" or "OPTIONS" or "QUERY" => true,
        _ => false,
    };
}
