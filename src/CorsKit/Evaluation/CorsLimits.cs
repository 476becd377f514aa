namespace CorsKit.Evaluation;

/// <summary>
/// Bounds on the request values CorsKit inspects, so that the work done per request never grows with the size of an
/// abusive header. Real browsers stay far below them.
/// </summary>
internal static class CorsLimits
{
    /// <summary>The most names an <c>Access-Control-Request-Headers</c> list may carry.</summary>
    public const int MaxRequestHeaderNames = 64;

    /// <summary>The most characters of <c>Access-Control-Request-Headers</c>, over all its lines.</summary>
    public const int MaxRequestHeadersLength = 4096;

    /// <summary>The longest method name accepted in <c>Access-Control-Request-Method</c>.</summary>
    public const int MaxMethodLength = 64;
}
