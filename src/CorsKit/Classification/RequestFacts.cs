using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Classification;

/// <summary>
/// Everything the evaluator may look at, as plain values read once from the request: the evaluator itself never sees
/// an HTTP type, so unit tests drive it with literals.
/// </summary>
internal readonly struct RequestFacts
{
    public RequestFacts(
        StringValues origin,
        string method,
        StringValues requestMethod,
        StringValues requestHeaders,
        string scheme,
        StringValues host,
        StringValues fetchSite = default,
        OriginAnswer originAnswer = OriginAnswer.NotAsked)
    {
        Origin = origin;
        Method = method;
        RequestMethod = requestMethod;
        RequestHeaders = requestHeaders;
        Scheme = scheme;
        Host = host;
        FetchSite = fetchSite;
        OriginAnswer = originAnswer;
        Kind = RequestClassifier.Classify(origin, method, requestMethod, scheme, host);
    }

    // For Read: the kind is already known, and only the values that kind needs were read.
    private RequestFacts(RequestKind kind, StringValues origin, string method, StringValues requestMethod, StringValues requestHeaders, StringValues fetchSite)
    {
        Kind = kind;
        Origin = origin;
        Method = method;
        RequestMethod = requestMethod;
        RequestHeaders = requestHeaders;
        FetchSite = fetchSite;
        Scheme = string.Empty;
    }

    public RequestKind Kind { get; }

    /// <summary>The <c>Origin</c> header lines (a browser sends exactly one).</summary>
    public StringValues Origin { get; }

    /// <summary>The request method (empty for a request without <c>Origin</c> read while the write guard is off: nothing
    /// needs it then).</summary>
    public string Method { get; }

    /// <summary><c>Access-Control-Request-Method</c>.</summary>
    public StringValues RequestMethod { get; }

    /// <summary><c>Access-Control-Request-Headers</c>.</summary>
    public StringValues RequestHeaders { get; }

    /// <summary>The request's scheme (empty when read from a request whose kind did not need it).</summary>
    public string Scheme { get; }

    /// <summary>The raw <c>Host</c> header lines (empty when read from a request whose kind did not need them).</summary>
    public StringValues Host { get; }

    /// <summary>The <c>Sec-Fetch-Site</c> lines, read only when the write guard is on (see <see cref="FetchSiteHeader"/>).</summary>
    public StringValues FetchSite { get; }

    /// <summary>An origin answer looked up before evaluation (dynamic origin sources).</summary>
    public OriginAnswer OriginAnswer { get; private init; }

    /// <summary>
    /// Reads the facts of a request, classifying it as it goes so that each kind reads only what it needs: no
    /// <c>Origin</c> ends the reading, a preflight never needs the same-origin test, an actual request never needs the
    /// <c>Access-Control-Request-*</c> headers. This runs on every request, so every header read counts.
    /// </summary>
    /// <remarks>
    /// A constructor rather than a factory method on purpose: <c>var facts = new RequestFacts(request, ...)</c> builds the
    /// facts in the caller's own variable, where a returned struct is built in a temporary and copied (measured: two
    /// 64-byte copies per request on the preflight path, each stalling on the stores that had just filled it).
    /// </remarks>
    /// <param name="request">The request.</param>
    /// <param name="readFetchMetadata">Whether to read <c>Sec-Fetch-Site</c> (only the write guard uses it).</param>
    public RequestFacts(HttpRequest request, bool readFetchMetadata)
    {
        var headers = request.Headers;
        Origin = headers.Origin;
        Method = string.Empty;
        Scheme = string.Empty;

        // The guard trusts Sec-Fetch-Site before Origin, so it (and the method it judges) is read for every request,
        // with or without Origin, when the guard is on, and never otherwise.
        if (readFetchMetadata)
        {
            FetchSite = headers[FetchSiteHeader.Name];
            Method = request.Method;
        }

        if (Origin.Count == 0)
        {
            Kind = RequestKind.NotCors;
            return;
        }

        Method = request.Method;
        if (HttpMethods.IsOptions(Method) && headers.AccessControlRequestMethod is { Count: > 0 } requestMethod)
        {
            Kind = RequestKind.Preflight;
            RequestMethod = requestMethod;
            RequestHeaders = headers.AccessControlRequestHeaders;
        }
        else
        {
            Kind = RequestClassifier.IsSameOrigin(Origin, request.Scheme, headers.Host) ? RequestKind.SameOrigin : RequestKind.Actual;
        }
    }

    /// <summary>The same facts with an origin answer from a dynamic source.</summary>
    /// <param name="answer">The answer.</param>
    /// <returns>The facts.</returns>
    public RequestFacts WithOriginAnswer(OriginAnswer answer) =>
        new(Kind, Origin, Method, RequestMethod, RequestHeaders, FetchSite) { OriginAnswer = answer };
}
