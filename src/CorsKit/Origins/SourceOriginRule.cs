namespace CorsKit.Origins;

/// <summary>
/// Which request origins an origin source may ever grant. A source answers at run time, but its grant must be no wider
/// than a listed origin's: only a well-formed <c>http</c>/<c>https</c> origin (never <c>null</c>, never a malformed
/// value), and with credentials only https or loopback unless the policy opted in to insecure origins, as
/// <c>AllowCredentials()</c> enforces for listed ones. Checked before a source is asked (so it is never asked about an
/// origin it could not grant) and again by the evaluator (so no code path widens a grant).
/// </summary>
internal static class SourceOriginRule
{
    public static bool Admits(string origin, bool withCredentials, bool allowsInsecureWithCredentials)
    {
        if (!RequestOrigin.TryParse(origin, out var parsed))
        {
            return false;
        }

        return !withCredentials || allowsInsecureWithCredentials || parsed.Scheme.Length == 5 || IsLoopback(parsed.Host);
    }

    // The hosts browsers treat as potentially trustworthy over plain http (Secure Contexts: localhost names, 127/8, ::1).
    private static bool IsLoopback(ReadOnlySpan<char> host) =>
        host.SequenceEqual("localhost")
        || host.EndsWith(".localhost", StringComparison.Ordinal)
        || host.SequenceEqual("[::1]")
        || (host.StartsWith("127.", StringComparison.Ordinal) && IsDottedDecimal(host));

    private static bool IsDottedDecimal(ReadOnlySpan<char> host)
    {
        var dots = 0;
        foreach (var c in host)
        {
            if (c == '.')
            {
                dots++;
            }
            else if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return dots == 3;
    }
}
