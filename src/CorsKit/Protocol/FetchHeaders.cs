namespace CorsKit.Protocol;

/// <summary>Header facts from the Fetch standard.</summary>
internal static class FetchHeaders
{
    private static readonly HashSet<string> ForbiddenRequestHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Accept-Charset", "Accept-Encoding", "Access-Control-Request-Headers", "Access-Control-Request-Method",
        "Connection", "Content-Length", "Cookie", "Cookie2", "Date", "DNT", "Expect", "Host", "Keep-Alive",
        "Origin", "Referer", "Set-Cookie", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Via",
    };

    /// <summary>
    /// Forbidden request-header names (Fetch §2.2.2): script can never set them, so a policy that allows them
    /// is mistaken about what it is doing.
    /// </summary>
    public static bool IsForbiddenRequestHeader(string name) =>
        ForbiddenRequestHeaders.Contains(name)
        || name.StartsWith("Proxy-", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Sec-", StringComparison.OrdinalIgnoreCase);

    /// <summary>Forbidden response-header names (Fetch §2.2.2): never readable by script, so never exposable.</summary>
    public static bool IsForbiddenResponseHeader(string name) =>
        name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Set-Cookie2", StringComparison.OrdinalIgnoreCase);
}
