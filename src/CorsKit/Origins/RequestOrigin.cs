namespace CorsKit.Origins;

/// <summary>
/// The parts of an <c>Origin</c> header value as a browser serialises it (Fetch / HTML "serialization of an origin"):
/// <c>scheme "://" host [":" port]</c>, lower-case, no path. The host is a name a browser's URL parser can write (see
/// <see cref="IsHostName"/>: <c>_</c> and a trailing dot allowed, IPv4 only in dotted decimal, <c>xn--</c> labels only
/// as valid Punycode) or a bracketed IPv6 address. Anything else is not an origin a browser sends and is never granted,
/// by exact entries, patterns or the predicate. Parsing is allocation-free: the parts are slices of the header value.
/// </summary>
internal readonly ref struct RequestOrigin
{
    /// <summary>Upper bound on the length of a real origin: scheme, a 253-character host and a port fit well within it.</summary>
    public const int MaxLength = 300;

    private RequestOrigin(ReadOnlySpan<char> scheme, ReadOnlySpan<char> host, ReadOnlySpan<char> port, bool isIPv6)
    {
        Scheme = scheme;
        Host = host;
        Port = port;
        IsIPv6 = isIPv6;
    }

    public ReadOnlySpan<char> Scheme { get; }

    public ReadOnlySpan<char> Host { get; }

    /// <summary>The port digits, or empty when the origin uses the scheme's default port.</summary>
    public ReadOnlySpan<char> Port { get; }

    public bool IsIPv6 { get; }

    public static bool TryParse(ReadOnlySpan<char> value, out RequestOrigin origin)
    {
        origin = default;
        if (!TryCut(value, out var scheme, out var host, out var afterHost))
        {
            return false;
        }

        var isIPv6 = host[0] == '[';
        if (isIPv6 ? !Ipv6Serializer.IsCanonical(host[1..^1]) : !IsHostName(host))
        {
            return false;
        }

        ReadOnlySpan<char> port = default;
        if (!afterHost.IsEmpty)
        {
            port = afterHost[1..];
            // Browsers omit the scheme's default port, so "http://host:80" is not an origin any browser sends; nor is an
            // empty port ("http://host:"), which the URL parser drops: refused, not normalised, so that the value that
            // is echoed in Access-Control-Allow-Origin is always one a browser can compare equal.
            if (afterHost[0] != ':' || !IsPort(port) || port.SequenceEqual(scheme.Length == 5 ? "443" : "80"))
            {
                return false;
            }
        }

        origin = new RequestOrigin(scheme, host, port, isIPv6);
        return true;
    }

    /// <summary>
    /// Cuts a value into the parts of an origin without validating them: the scheme (<c>http</c> or <c>https</c>), the
    /// host (a bracketed IPv6 address whole, anything else up to the first <c>:</c>), and what follows the host.
    /// <see cref="TryParse"/> validates what this cuts; patterns compare the cut text first, so that values no pattern
    /// could match are refused without the validation.
    /// </summary>
    /// <param name="value">The <c>Origin</c> value.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="host">The host text (never empty when this returns <see langword="true"/>).</param>
    /// <param name="afterHost">The rest: empty, or <c>:</c> and what follows.</param>
    /// <returns><see langword="false"/> when the value cannot be an http(s) origin at all.</returns>
    public static bool TryCut(ReadOnlySpan<char> value, out ReadOnlySpan<char> scheme, out ReadOnlySpan<char> host, out ReadOnlySpan<char> afterHost)
    {
        scheme = host = afterHost = default;
        if (value.Length > MaxLength)
        {
            return false;
        }

        if (value.StartsWith("https://", StringComparison.Ordinal))
        {
            scheme = value[..5];
        }
        else if (value.StartsWith("http://", StringComparison.Ordinal))
        {
            scheme = value[..4];
        }
        else
        {
            return false;
        }

        var authority = value[(scheme.Length + 3)..];
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            if (close < 2)
            {
                return false;
            }

            host = authority[..(close + 1)];
            afterHost = authority[(close + 1)..];
            return true;
        }

        var colon = authority.IndexOf(':');
        host = colon < 0 ? authority : authority[..colon];
        afterHost = colon < 0 ? default : authority[colon..];
        return !host.IsEmpty;
    }

    /// <summary>
    /// Whether <paramref name="value"/> has the shape of any serialised origin a user agent sends, of any scheme
    /// (<c>chrome-extension://id</c>, <c>capacitor://localhost</c>, hosts with <c>_</c>): <c>scheme "://" rest</c> in
    /// visible ASCII without white space or commas, within <see cref="MaxLength"/>. Used where every origin is allowed,
    /// to refuse only values no user agent sends.
    /// </summary>
    public static bool IsAnySerialisedOrigin(ReadOnlySpan<char> value)
    {
        var separator = value.IndexOf("://", StringComparison.Ordinal);
        if (value.Length > MaxLength || separator < 1 || separator + 3 == value.Length || !char.IsAsciiLetterLower(value[0]))
        {
            return false;
        }

        foreach (var c in value[..separator])
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        foreach (var c in value[(separator + 3)..])
        {
            if (c is <= ' ' or > '~' or ',' or '/' or '?' or '#' or '@')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A host name as a browser's URL parser writes it and a name lookup can reach: dot-separated labels of lower-case
    /// letters, digits, <c>-</c> and <c>_</c> (the URL standard allows <c>_</c>, and browsers send it), each 1-63
    /// characters, at most 253 characters, optionally one trailing dot (<c>example.com.</c> is its own origin). A host
    /// that ends in a number is an IPv4 address and must be in dotted-decimal form; a label that starts with
    /// <c>xn--</c> must be valid Punycode (checked only when one is present).
    /// </summary>
    private static bool IsHostName(ReadOnlySpan<char> host)
    {
        var trailingDot = !host.IsEmpty && host[^1] == '.';
        if (trailingDot)
        {
            host = host[..^1];
        }

        if (host.IsEmpty || host.Length > 253 || host[0] == '.')
        {
            return false;
        }

        if (Ipv4Host.EndsInANumber(host))
        {
            // An IPv4 address to a browser, which writes it in dotted decimal and without a trailing dot.
            return !trailingDot && Ipv4Host.IsCanonical(host);
        }

        var labelStart = 0;
        var sawAce = false;
        for (var i = 0; i <= host.Length; i++)
        {
            var c = i < host.Length ? host[i] : '.';
            if (c == '.')
            {
                var length = i - labelStart;
                if (length is 0 or > PunycodeLabel.MaxLabelLength)
                {
                    return false;
                }

                sawAce |= length >= 4 && host[labelStart] == 'x' && host[labelStart + 1] == 'n' && host[labelStart + 2] == '-' && host[labelStart + 3] == '-';
                labelStart = i + 1;
                continue;
            }

            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            {
                return false;
            }
        }

        return !sawAce || AceLabelsAreValid(host);
    }

    private static bool AceLabelsAreValid(ReadOnlySpan<char> host)
    {
        while (!host.IsEmpty)
        {
            var dot = host.IndexOf('.');
            var label = dot < 0 ? host : host[..dot];
            if (label.StartsWith(PunycodeLabel.AcePrefix, StringComparison.Ordinal) && !PunycodeLabel.IsValid(label))
            {
                return false;
            }

            host = dot < 0 ? default : host[(dot + 1)..];
        }

        return true;
    }

    // 1 to 65535 without leading zeros, as a browser serialises a port.
    private static bool IsPort(ReadOnlySpan<char> port)
    {
        if (port.IsEmpty || port.Length > 5 || port[0] == '0')
        {
            return false;
        }

        foreach (var c in port)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return port.Length < 5 || port.CompareTo("65535", StringComparison.Ordinal) <= 0;
    }
}
