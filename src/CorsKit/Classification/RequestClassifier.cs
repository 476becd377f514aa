using CorsKit.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Classification;

/// <summary>Tells a request's <see cref="RequestKind"/> from plain header values.</summary>
internal static class RequestClassifier
{
    /// <summary>Classifies a request.</summary>
    /// <param name="origin">The <c>Origin</c> header lines.</param>
    /// <param name="method">The request method.</param>
    /// <param name="requestMethod">The <c>Access-Control-Request-Method</c> header lines.</param>
    /// <param name="scheme">The request's scheme (<c>http</c> or <c>https</c>).</param>
    /// <param name="host">The raw <c>Host</c> header lines.</param>
    /// <returns>The kind.</returns>
    public static RequestKind Classify(StringValues origin, string method, StringValues requestMethod, string scheme, StringValues host)
    {
        if (origin.Count == 0)
        {
            return RequestKind.NotCors;
        }

        // A preflight is a preflight even when its Origin names this host: browsers never preflight same-origin
        // requests, and passing it on would run the endpoint routing matched for the *requested* method.
        if (HttpMethods.IsOptions(method) && requestMethod.Count > 0)
        {
            return RequestKind.Preflight;
        }

        return IsSameOrigin(origin, scheme, host) ? RequestKind.SameOrigin : RequestKind.Actual;
    }

    /// <summary>Whether a request that is not a preflight comes from the origin it is sent to.</summary>
    /// <param name="origin">The <c>Origin</c> lines (a same-origin request has exactly one).</param>
    /// <param name="scheme">The request's scheme.</param>
    /// <param name="host">The <c>Host</c> lines.</param>
    /// <returns><see langword="true"/> when the origin is the request's own.</returns>
    public static bool IsSameOrigin(StringValues origin, string scheme, StringValues host) =>
        origin.Count == 1 && host.Count == 1 && SameOrigin.Matches(origin[0], scheme, host[0]);
}
