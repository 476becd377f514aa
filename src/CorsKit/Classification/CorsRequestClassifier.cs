using CorsKit.Classification;
using CorsKit.Protocol;
using Microsoft.AspNetCore.Http;

namespace CorsKit;

/// <summary>
/// Classifies a request the way the CORS protocol sees it. The middleware uses the same rules; applications can call
/// this for their own diagnostics or routing decisions.
/// </summary>
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

        return FetchMethods.IsSafelisted(request.Method) && SafelistedRequestHeaders.AreAllSafelisted(request.Headers)
            ? CorsRequestKind.SimpleCrossOrigin
            : CorsRequestKind.NonSimpleCrossOrigin;
    }
}
