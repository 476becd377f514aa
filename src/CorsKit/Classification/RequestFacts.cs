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

    public RequestKind Kind { get; }

    /// <summary>The <c>Origin</c> header lines (a browser sends exactly one).</summary>
    public StringValues Origin { get; }

    public string Method { get; }

    /// <summary><c>Access-Control-Request-Method</c>.</summary>
    public StringValues RequestMethod { get; }

    /// <summary><c>Access-Control-Request-Headers</c>.</summary>
    public StringValues RequestHeaders { get; }

    public string Scheme { get; }

    /// <summary>The raw <c>Host</c> header lines.</summary>
    public StringValues Host { get; }

    /// <summary><c>Sec-Fetch-Site</c>, read only when the write guard needs it.</summary>
    public StringValues FetchSite { get; }

    /// <summary>An origin answer looked up before evaluation (dynamic origin sources).</summary>
    public OriginAnswer OriginAnswer { get; }

    /// <summary>Reads the facts of a request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="readFetchMetadata">Whether to read <c>Sec-Fetch-Site</c> (only the write guard uses it).</param>
    /// <returns>The facts.</returns>
    public static RequestFacts Read(HttpRequest request, bool readFetchMetadata)
    {
        var headers = request.Headers;
        return new RequestFacts(
            headers.Origin,
            request.Method,
            headers.AccessControlRequestMethod,
            headers.AccessControlRequestHeaders,
            request.Scheme,
            headers.Host,
            readFetchMetadata ? headers["Sec-Fetch-Site"] : default);
    }

    /// <summary>The same facts with an origin answer from a dynamic source.</summary>
    /// <param name="answer">The answer.</param>
    /// <returns>The facts.</returns>
    public RequestFacts WithOriginAnswer(OriginAnswer answer) =>
        new(Origin, Method, RequestMethod, RequestHeaders, Scheme, Host, FetchSite, answer);
}
