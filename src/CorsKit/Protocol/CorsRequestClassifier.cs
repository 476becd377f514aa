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

        var shape = ClassifyShape(request);
        if (shape != RequestShape.CrossOrigin)
        {
            return (CorsRequestKind)shape;
        }

        return FetchMethods.IsSafelisted(request.Method) && SafelistedRequestHeaders.AreAllSafelisted(request.Headers)
            ? CorsRequestKind.SimpleCrossOrigin
            : CorsRequestKind.NonSimpleCrossOrigin;
    }

    /// <summary>
    /// The cheap part of the classification, all the middleware needs: an actual cross-origin request is judged by its
    /// origin alone, so whether it is simple only matters for diagnostics.
    /// </summary>
    internal static RequestShape ClassifyShape(HttpRequest request)
    {
        var headers = request.Headers;
        var origin = headers.Origin;
        if (origin.Count == 0)
        {
            return RequestShape.NotCors;
        }

        // A preflight is a preflight even when its Origin names this host: browsers never preflight same-origin
        // requests, and passing it on would run the endpoint routing matched for the *requested* method.
        if (HttpMethods.IsOptions(request.Method) && headers.AccessControlRequestMethod.Count > 0)
        {
            return RequestShape.Preflight;
        }

        if (origin.Count == 1 && headers.Host.Count == 1 && SameOrigin.Matches(origin[0], request.Scheme, headers.Host[0]))
        {
            return RequestShape.SameOrigin;
        }

        return RequestShape.CrossOrigin;
    }
}

/// <summary>The classification without the simple / non-simple split; values line up with <see cref="CorsRequestKind"/>.</summary>
internal enum RequestShape
{
    NotCors = CorsRequestKind.NotCors,
    SameOrigin = CorsRequestKind.SameOrigin,
    Preflight = CorsRequestKind.Preflight,
    CrossOrigin = CorsRequestKind.SimpleCrossOrigin,
}
