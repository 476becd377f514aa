namespace CorsKit.Protocol;

/// <summary>
/// The HTTP <c>token</c> grammar (RFC 9110 §5.6.2), which method names and header names must follow.
/// </summary>
internal static class HttpToken
{
    /// <summary>Whether <paramref name="value"/> is a non-empty sequence of <c>tchar</c>.</summary>
    public static bool IsToken(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <c>tchar = "!" / "#" / "$" / "%" / "&amp;" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA</c>.
    /// </summary>
    public static bool IsTokenChar(char c) => c switch
    {
        >= 'a' and <= 'z' => true,
        >= 'A' and <= 'Z' => true,
        >= '0' and <= '9' => true,
        '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~' => true,
        _ => false,
    };
}
