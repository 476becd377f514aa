using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Protocol;

/// <summary>
/// Decides whether the headers of an actual request are all CORS-safelisted (Fetch §2.2.2,
/// "CORS-safelisted request-header"), that is whether a browser would have sent it without a preflight.
/// </summary>
internal static class SafelistedRequestHeaders
{
    private const int MaxValueLength = 128;
    private const int MaxTotalLength = 1024;

    // Headers the browser itself adds (not set by script) never cause a preflight. Script cannot set forbidden
    // headers; the others here are added by the user agent on its own.
    private static readonly HashSet<string> UserAgentAdded = new(StringComparer.OrdinalIgnoreCase)
    {
        "User-Agent", "Cache-Control", "Pragma", "Priority", "Upgrade-Insecure-Requests", "Purpose", "Accept-Encoding",
    };

    public static bool AreAllSafelisted(IHeaderDictionary headers)
    {
        var total = 0;
        foreach (var header in headers)
        {
            var name = header.Key;
            if (FetchHeaders.IsForbiddenRequestHeader(name) || UserAgentAdded.Contains(name))
            {
                continue;
            }

            if (!IsSafelisted(name, header.Value, ref total))
            {
                return false;
            }
        }

        return total <= MaxTotalLength;
    }

    private static bool IsSafelisted(string name, StringValues values, ref int total)
    {
        if (values.Count != 1)
        {
            return false;
        }

        var value = values[0] ?? string.Empty;
        if (value.Length > MaxValueLength)
        {
            return false;
        }

        var safe = Is(name, "Accept") ? !ContainsUnsafeByte(value)
            : Is(name, "Accept-Language") || Is(name, "Content-Language") ? IsLanguageValue(value)
            : Is(name, "Content-Type") ? IsSafelistedContentType(value)
            : Is(name, "Range") && IsSimpleRange(value);

        if (safe)
        {
            total += value.Length;
        }

        return safe;
    }

    private static bool Is(string name, string expected) => name.Equals(expected, StringComparison.OrdinalIgnoreCase);

    // CORS-unsafe request-header bytes: controls other than HTAB, and "():<>?@[\]{} plus DEL.
    private static bool ContainsUnsafeByte(string value)
    {
        foreach (var c in value)
        {
            if ((c < 0x20 && c != '\t') || c == 0x7F || c > 0x7F || "\"():<>?@[\\]{}".Contains(c, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLanguageValue(string value)
    {
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is ' ' or '*' or ',' or '-' or '.' or ';' or '='))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSafelistedContentType(string value)
    {
        if (ContainsUnsafeByte(value))
        {
            return false;
        }

        var essence = value.AsSpan();
        var semicolon = essence.IndexOf(';');
        if (semicolon >= 0)
        {
            essence = essence[..semicolon];
        }

        essence = essence.Trim(" \t");
        return essence.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || essence.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || essence.Equals("text/plain", StringComparison.OrdinalIgnoreCase);
    }

    // A "simple range header value": bytes=START-[END], one range only.
    private static bool IsSimpleRange(string value)
    {
        if (!value.StartsWith("bytes=", StringComparison.Ordinal))
        {
            return false;
        }

        var range = value.AsSpan(6);
        var dash = range.IndexOf('-');
        if (dash <= 0 || !IsDigits(range[..dash]))
        {
            return false;
        }

        var end = range[(dash + 1)..];
        return end.IsEmpty || IsDigits(end);
    }

    private static bool IsDigits(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return !value.IsEmpty;
    }
}
