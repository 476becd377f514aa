using System.Buffers;

namespace CorsKit.Protocol;

/// <summary>
/// The HTTP <c>token</c> grammar (RFC 9110 §5.6.2), which method names and header names must follow.
/// </summary>
internal static class HttpToken
{
    // Vectorised membership test: checking every header name of a preflight must stay cheap.
    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>Whether <paramref name="value"/> is a non-empty sequence of <c>tchar</c>:
    /// <c>"!" / "#" / "$" / "%" / "&amp;" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA</c>.</summary>
    public static bool IsToken(ReadOnlySpan<char> value) => !value.IsEmpty && !value.ContainsAnyExcept(TokenChars);
}
