using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Response;

/// <summary>
/// Adds tokens to <c>Vary</c> without overwriting or duplicating what the application set (RFC 9110 §12.5.5).
/// Allocation-free when the application set no <c>Vary</c> of its own.
/// </summary>
internal static class VaryHeader
{
    public const string Origin = "Origin";

    public static readonly StringValues OriginOnly = Origin;

    public static readonly StringValues PreflightWithOrigin = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

    public static readonly StringValues PreflightWithoutOrigin = "Access-Control-Request-Method, Access-Control-Request-Headers";

    private static readonly string[] PreflightTokens = [Origin, "Access-Control-Request-Method", "Access-Control-Request-Headers"];

    public static void AddOrigin(IHeaderDictionary headers)
    {
        var existing = headers.Vary;
        if (existing.Count == 0)
        {
            headers.Vary = OriginOnly;
        }
        else if (!Contains(existing, Origin))
        {
            headers.Vary = Append(existing, Origin);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddPreflight(IHeaderDictionary headers, bool includeOrigin) =>
        Add(headers, PreflightTokens.AsSpan(includeOrigin ? 0 : 1), includeOrigin ? PreflightWithOrigin : PreflightWithoutOrigin);

    /// <summary>Adds each of <paramref name="tokens"/> the response's <c>Vary</c> does not name yet.</summary>
    /// <param name="headers">The response headers.</param>
    /// <param name="tokens">The tokens.</param>
    /// <param name="whenAbsent">The tokens joined, prepared once: the whole value when the response has no <c>Vary</c>.</param>
    public static void Add(IHeaderDictionary headers, ReadOnlySpan<string> tokens, StringValues whenAbsent)
    {
        var existing = headers.Vary;
        if (existing.Count == 0)
        {
            headers.Vary = whenAbsent;
            return;
        }

        foreach (var token in tokens)
        {
            if (!Contains(existing, token))
            {
                existing = Append(existing, token);
            }
        }

        headers.Vary = existing;
    }

    /// <summary>Whether the list already names <paramref name="token"/> or is <c>*</c> (which varies on everything).</summary>
    public static bool Contains(StringValues values, string token)
    {
        foreach (var value in values)
        {
            var rest = value.AsSpan();
            while (!rest.IsEmpty)
            {
                var comma = rest.IndexOf(',');
                var item = (comma < 0 ? rest : rest[..comma]).Trim(" \t");
                if (item.Equals(token, StringComparison.OrdinalIgnoreCase) || item.SequenceEqual("*"))
                {
                    return true;
                }

                rest = comma < 0 ? default : rest[(comma + 1)..];
            }
        }

        return false;
    }

    private static StringValues Append(StringValues existing, string token) =>
        existing.Count == 1 && !string.IsNullOrWhiteSpace(existing[0])
            ? new StringValues(existing[0] + ", " + token)
            : StringValues.Concat(existing, token);
}
