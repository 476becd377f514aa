using System.Globalization;

namespace CorsKit.Testing.Fetch;

/// <summary>Method and header facts from the Fetch standard, as a browser applies them to what script asks for.</summary>
internal static class FetchRules
{
    /// <summary>Fetch's "CORS-safelisted request-header": each value at most 128 bytes.</summary>
    public const int MaxSafelistedValueLength = 128;

    /// <summary>All safelisted values together at most 1024 bytes, or the headers are not safelisted.</summary>
    public const int MaxSafelistedTotalLength = 1024;

    private static readonly string[] NormalizedMethods = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];

    private static readonly HashSet<string> ForbiddenHeaderNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Accept-Charset", "Accept-Encoding", "Access-Control-Request-Headers", "Access-Control-Request-Method",
        "Connection", "Content-Length", "Cookie", "Cookie2", "Date", "DNT", "Expect", "Host", "Keep-Alive",
        "Origin", "Referer", "Set-Cookie", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Via",
    };

    private static readonly HashSet<string> SafelistedResponseHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Cache-Control", "Content-Language", "Content-Length", "Content-Type", "Expires", "Last-Modified", "Pragma",
    };

    /// <summary>Fetch "normalize a method": only these six are upper-cased; <c>patch</c> stays <c>patch</c>.</summary>
    public static string NormalizeMethod(string method)
    {
        foreach (var known in NormalizedMethods)
        {
            if (known.Equals(method, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return method;
    }

    /// <summary>GET, HEAD and POST never need a preflight (compared after normalization, so exactly).</summary>
    public static bool IsSafelistedMethod(string method) => method is "GET" or "HEAD" or "POST";

    /// <summary>CONNECT, TRACE and TRACK: <c>fetch()</c> throws before sending anything.</summary>
    public static bool IsForbiddenMethod(string method) =>
        method.Equals("CONNECT", StringComparison.OrdinalIgnoreCase)
        || method.Equals("TRACE", StringComparison.OrdinalIgnoreCase)
        || method.Equals("TRACK", StringComparison.OrdinalIgnoreCase);

    /// <summary>Headers script can never set; browsers silently drop them from <c>fetch()</c>.</summary>
    public static bool IsForbiddenRequestHeader(string name) =>
        ForbiddenHeaderNames.Contains(name)
        || name.StartsWith("Proxy-", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Sec-", StringComparison.OrdinalIgnoreCase);

    /// <summary>Response headers script reads without <c>Access-Control-Expose-Headers</c>.</summary>
    public static bool IsSafelistedResponseHeader(string name) => SafelistedResponseHeaders.Contains(name);

    /// <summary><c>Set-Cookie</c> and <c>Set-Cookie2</c> are never readable, exposed or not.</summary>
    public static bool IsForbiddenResponseHeader(string name) =>
        name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase) || name.Equals("Set-Cookie2", StringComparison.OrdinalIgnoreCase);

    /// <summary>An HTTP token (RFC 9110 tchar): what header names, methods and list items must be.</summary>
    public static bool IsToken(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Fetch "CORS-unsafe request-header names": the lower-cased names of the headers that need a preflight, in the
    /// order script set them (Chromium names the first one the preflight answer does not allow, in that order).
    /// </summary>
    public static IReadOnlyList<string> UnsafeHeaderNames(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var unsafeNames = new List<string>();
        var safelistedTotal = 0;
        foreach (var (name, value) in headers)
        {
            if (IsSafelistedRequestHeader(name, value))
            {
                safelistedTotal += value.Length;
            }
            else
            {
                AddOnce(unsafeNames, name.ToLowerInvariant());
            }
        }

        if (safelistedTotal > MaxSafelistedTotalLength)
        {
            // Too many safelisted bytes together: every safelisted header becomes unsafe as well.
            foreach (var (name, value) in headers)
            {
                if (IsSafelistedRequestHeader(name, value))
                {
                    AddOnce(unsafeNames, name.ToLowerInvariant());
                }
            }
        }

        return unsafeNames;
    }

    /// <summary>Fetch "CORS-safelisted request-header" for one name and value.</summary>
    public static bool IsSafelistedRequestHeader(string name, string value)
    {
        if (value.Length > MaxSafelistedValueLength)
        {
            return false;
        }

        if (Is(name, "Accept"))
        {
            return !value.Any(IsUnsafeByte);
        }

        if (Is(name, "Accept-Language") || Is(name, "Content-Language"))
        {
            return value.All(c => char.IsAsciiLetterOrDigit(c) || " *,-.;=".Contains(c, StringComparison.Ordinal));
        }

        if (Is(name, "Content-Type"))
        {
            return IsSafelistedContentType(value);
        }

        return Is(name, "Range") && IsSimpleRange(value);
    }

    private static bool IsSafelistedContentType(string value)
    {
        if (value.Any(IsUnsafeByte))
        {
            return false;
        }

        var essence = value.Split(';', 2)[0].Trim().ToLowerInvariant();
        return essence is "application/x-www-form-urlencoded" or "multipart/form-data" or "text/plain";
    }

    // bytes=start-[end], one range, as the standard's "simple range header value".
    private static bool IsSimpleRange(string value)
    {
        if (!value.StartsWith("bytes=", StringComparison.Ordinal))
        {
            return false;
        }

        var range = value["bytes=".Length..];
        var dash = range.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !range[..dash].All(char.IsAsciiDigit) || !range[(dash + 1)..].All(char.IsAsciiDigit))
        {
            return false;
        }

        var end = range[(dash + 1)..];
        if (!ulong.TryParse(range[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var first))
        {
            return false;
        }

        return end.Length == 0 || (ulong.TryParse(end, NumberStyles.None, CultureInfo.InvariantCulture, out var last) && first <= last);
    }

    // CORS-unsafe request-header byte: a control other than HTAB, one of "():<>?@[\]{}, or DEL (and non-ASCII).
    private static bool IsUnsafeByte(char c) =>
        (c < 0x20 && c != '\t') || c >= 0x7F || "\"():<>?@[\\]{}".Contains(c, StringComparison.Ordinal);

    private static bool Is(string name, string expected) => name.Equals(expected, StringComparison.OrdinalIgnoreCase);

    private static void AddOnce(List<string> names, string name)
    {
        if (!names.Contains(name, StringComparer.Ordinal))
        {
            names.Add(name);
        }
    }
}
