namespace CorsKit.Protocol;

/// <summary>Method facts from the Fetch standard.</summary>
internal static class FetchMethods
{
    /// <summary>
    /// CORS-safelisted methods (Fetch §2.2.1): a browser never needs <c>Access-Control-Allow-Methods</c> to list them.
    /// The comparison is case-sensitive because browsers send these three upper-case.
    /// </summary>
    public static bool IsSafelisted(ReadOnlySpan<char> method) =>
        method.SequenceEqual("GET") || method.SequenceEqual("HEAD") || method.SequenceEqual("POST");

    /// <summary>The CORS-safelisted methods, for messages that list what a policy allows.</summary>
    public static readonly string[] Safelisted = ["GET", "HEAD", "POST"];

    /// <summary>Forbidden methods (Fetch §2.2.1): script can never send them, so allowing them is a mistake.</summary>
    public static bool IsForbidden(string method) =>
        method.Equals("CONNECT", StringComparison.OrdinalIgnoreCase)
        || method.Equals("TRACE", StringComparison.OrdinalIgnoreCase)
        || method.Equals("TRACK", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Browsers upper-case only these six methods (Fetch "normalize a method"); any other method is sent exactly as
    /// the script wrote it, so <c>patch</c> and <c>PATCH</c> are different methods.
    /// </summary>
    public static string? NormalizedSpelling(string method)
    {
        foreach (var known in BrowserNormalized)
        {
            if (method.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return null;
    }

    private static readonly string[] BrowserNormalized = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];
}
