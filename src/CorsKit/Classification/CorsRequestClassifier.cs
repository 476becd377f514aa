using CorsKit.Classification;
using CorsKit.Protocol;
using Microsoft.AspNetCore.Http;

namespace CorsKit;

/// <summary>
/// Classifies a request the way the CORS protocol sees it, with the middleware's rules. Applications can call this for
/// their own diagnostics or routing decisions.
/// </summary>
/// <remarks>
/// It never claims a preflight that may not have happened: a cross-origin request counts as
/// <see cref="CorsRequestKind.CrossOriginPreflightedMethod"/> only when its method is not CORS-safelisted, because
/// request headers that would have made a browser preflight cannot be told apart from headers a proxy, a CDN or the
/// browser itself added on the way. Do not use it as a CSRF defence; use
/// <see cref="CorsKitOptions.BlockRefusedCrossOriginWrites"/>, which decides from the browser's <c>Sec-Fetch-Site</c>.
/// </remarks>
public static class CorsRequestClassifier
{
    /// <summary>Classifies <paramref name="request"/>.</summary>
    /// <param name="request">The incoming request.</param>
    /// <returns>The request's <see cref="CorsRequestKind"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    public static CorsRequestKind Classify(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        var headers = request.Headers;
        var kind = RequestClassifier.Classify(headers.Origin, request.Method, headers.AccessControlRequestMethod, request.Scheme, headers.Host);
        if (kind != RequestKind.Actual)
        {
            return (CorsRequestKind)kind;
        }

        return FetchMethods.IsSafelisted(request.Method)
            ? CorsRequestKind.CrossOriginSafelistedMethod
            : CorsRequestKind.CrossOriginPreflightedMethod;
    }
}
