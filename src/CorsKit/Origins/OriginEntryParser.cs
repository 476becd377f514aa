using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CorsKit.Origins;

/// <summary>
/// Validates and normalises the origins a policy is configured with. Unambiguous spellings are normalised (scheme and
/// host lower-cased, the scheme's default port dropped, Unicode hosts converted to punycode, IPv6 compressed);
/// anything a browser could never send as an origin is an error that names the value and the fix.
/// </summary>
internal static class OriginEntryParser
{
    public const string NullOrigin = "null";

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = false };

    public static bool TryParse(string? raw, out OriginEntry? entry, out string? error)
    {
        entry = null;
        error = null;
        // "raw is null" first: netstandard2.0 (the analyzer build of this file) has no nullable annotation on IsNullOrWhiteSpace.
        if (raw is null || string.IsNullOrWhiteSpace(raw))
        {
            return Fail("is empty; give an origin such as https://app.example.com", out error);
        }

        if (raw == NullOrigin)
        {
            // Opaque origins: any site's sandboxed iframes and file: or data: pages send "null", so it is never "secure".
            entry = new OriginEntry(NullOrigin, Pattern: null, IsSecure: false, IsLoopback: false);
            return true;
        }

        if (raw.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return Fail("contains white space or control characters; origins are written without them", out error);
        }

        var separator = raw.IndexOf("://", StringComparison.Ordinal);
        if (separator < 0)
        {
            return Fail(raw.StartsWith('*')
                ? "has no scheme; write the pattern with one, e.g. https://*.example.com"
                : $"has no scheme; write it as https://{raw.TrimEnd('/')} (or http:// for a plain-http site)", out error);
        }

        var scheme = raw[..separator].ToLowerInvariant();
        if (scheme is not ("http" or "https"))
        {
            return Fail($"has the scheme '{raw[..separator]}'; only http and https origins can be allowed", out error);
        }

        var authority = raw[(separator + 3)..];
        if (!TryCheckAuthorityShape(authority, out error))
        {
            return false;
        }

        if (!TrySplitHostAndPort(authority, out var host, out var port, out error)
            || !TryNormalisePort(scheme, port, out var normalisedPort, out error)
            || !TryNormaliseHost(host, out var normalisedHost, out var anySubdomain, out error))
        {
            return false;
        }

        var value = scheme + "://" + (anySubdomain ? "*." : string.Empty) + normalisedHost
            + (normalisedPort is null ? ":*" : normalisedPort.Length == 0 ? string.Empty : ":" + normalisedPort);
        var pattern = anySubdomain || normalisedPort is null
            ? new OriginPattern(scheme, normalisedHost, anySubdomain, normalisedPort)
            : null;
        entry = new OriginEntry(value, pattern, scheme == "https", IsLoopbackHost(normalisedHost));
        return true;
    }

    private static bool TryCheckAuthorityShape(string authority, out string? error)
    {
        error = null;
        var slash = authority.IndexOf('/');
        if (slash >= 0)
        {
            return Fail(slash == authority.Length - 1
                ? "has a trailing slash; origins have no path (remove the final '/')"
                : "has a path; an origin is only scheme://host[:port]", out error);
        }

        if (authority.Contains('?', StringComparison.Ordinal))
        {
            return Fail("has a query; an origin is only scheme://host[:port]", out error);
        }

        if (authority.Contains('#', StringComparison.Ordinal))
        {
            return Fail("has a fragment; an origin is only scheme://host[:port]", out error);
        }

        if (authority.Contains('@', StringComparison.Ordinal))
        {
            return Fail("has user information; browsers never send credentials in an origin", out error);
        }

        return authority.Length > 0 || Fail("has no host", out error);
    }

    private static bool TrySplitHostAndPort(string authority, out string host, out string? port, out string? error)
    {
        error = null;
        port = null;
        host = authority;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return Fail("has an unterminated IPv6 address", out error);
            }

            host = authority[..(close + 1)];
            var rest = authority[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    return Fail("has characters after the IPv6 address", out error);
                }

                port = rest[1..];
            }

            return true;
        }

        var colon = authority.LastIndexOf(':');
        if (colon >= 0)
        {
            host = authority[..colon];
            port = authority[(colon + 1)..];
        }

        return true;
    }

    /// <summary>Null result means "any port"; empty means the scheme's default port.</summary>
    private static bool TryNormalisePort(string scheme, string? port, out string? normalised, out string? error)
    {
        error = null;
        normalised = string.Empty;
        if (port is null)
        {
            return true;
        }

        if (port == "*")
        {
            normalised = null;
            return true;
        }

        if (port.Length == 0)
        {
            // "https://app.example.com:" is the default port in the URL standard, which browsers drop when they serialise.
            return true;
        }

        if (port.Length is 0 or > 5 || !port.All(char.IsAsciiDigit)
            || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            return Fail($"has the port '{port}'; a port is a number from 1 to 65535, or * for any port", out error);
        }

        var isDefault = (scheme == "https" && number == 443) || (scheme == "http" && number == 80);
        normalised = isDefault ? string.Empty : number.ToString(CultureInfo.InvariantCulture);
        return true;
    }

    private static bool TryNormaliseHost(string host, out string normalised, out bool anySubdomain, out string? error)
    {
        normalised = string.Empty;
        anySubdomain = false;
        error = null;
        if (host.Length == 0)
        {
            return Fail("has no host", out error);
        }

        if (host.StartsWith('['))
        {
            var inner = host[1..^1];
            if (inner.Contains('%', StringComparison.Ordinal)
                || !IPAddress.TryParse(inner, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return Fail($"has the invalid IPv6 address '{host}'", out error);
            }

            normalised = "[" + Ipv6Serializer.Serialize(address) + "]";
            return true;
        }

        if (host.StartsWith("*.", StringComparison.Ordinal))
        {
            anySubdomain = true;
            host = host[2..];
        }

        if (host.Contains('*', StringComparison.Ordinal))
        {
            return Fail("has a misplaced wildcard; '*' may only stand for whole leading labels, as in https://*.example.com", out error);
        }

        // One trailing dot is kept: "example.com." is a different origin from "example.com" (browsers send it as written).
        var trailingDot = host.Length > 1 && host[host.Length - 1] == '.' && host[host.Length - 2] != '.';
        var name = trailingDot ? host.Substring(0, host.Length - 1) : host;
        if (!TryToAscii(name, out var ascii))
        {
            return Fail($"has the invalid host name '{host}'", out error);
        }

        var labels = ascii.Split('.');
        if (ascii.Length > MaxHostLength || labels.Any(label => !IsValidLabel(label)))
        {
            return Fail(ascii.Length > MaxHostLength
                ? $"has a host name of {ascii.Length} characters; browsers cannot look up names longer than {MaxHostLength}"
                : $"has the invalid host name '{host}'; a name is dot-separated labels of 1-63 letters, digits, '-' and '_', and a label that starts with 'xn--' must be valid Punycode", out error);
        }

        if (Ipv4Host.EndsInANumber(ascii.AsSpan()))
        {
            if (anySubdomain)
            {
                // Browsers read a host whose last label is a number as an IPv4 address, which has no subdomains.
                return Fail($"has a wildcard over '{host}', whose last label is a number: browsers read such hosts as IPv4 addresses; list the addresses instead", out error);
            }

            if (!Ipv4Host.TryParse(ascii.AsSpan(), out var address))
            {
                return Fail($"has the host '{host}', which browsers read as an IPv4 address but cannot parse (a part is too large or not a number): they refuse such a URL, so no request comes from it", out error);
            }

            var browserSpelling = Ipv4Host.Serialize(address);
            if (trailingDot || browserSpelling != ascii)
            {
                // Browsers parse hosts ending in a number as IPv4 (hex, octal, short forms) and write them dotted-decimal.
                return Fail($"has the host '{host}', which browsers read as the IPv4 address {browserSpelling} and send as such; write it as {browserSpelling}", out error);
            }
        }

        if (anySubdomain && PublicSuffixes.Contains(ascii))
        {
            return Fail($"has a wildcard over '{ascii}', a suffix under which anyone can register a site; name your own domain, e.g. https://*.yourdomain.{ascii}", out error);
        }

        if (anySubdomain && labels.Length < 2 && ascii != Localhost)
        {
            // "*.localhost" is the exception: every name under localhost is loopback (RFC 6761), never someone else's site.
            return Fail($"has a wildcard over a top-level domain ('*.{host}'); name the site, e.g. https://*.example.com", out error);
        }

        if (anySubdomain && ascii.Length + 2 > MaxHostLength)
        {
            // "*." needs at least one label of its own: a longer suffix leaves no host a browser can look up.
            return Fail($"has a wildcard over '{ascii}' ({ascii.Length} characters), which can never match: with a label in front the name would be longer than the {MaxHostLength} characters browsers can look up", out error);
        }

        normalised = trailingDot ? ascii + "." : ascii;
        return true;
    }

    private const int MaxHostLength = 253;

    private const string Localhost = "localhost";

    /// <summary>ASCII hosts are only lower-cased (no IDNA round trip, which would apply STD3 and hyphen rules browsers do
    /// not); others go through IDNA, as the URL standard's domain-to-ASCII does.</summary>
    private static bool TryToAscii(string name, out string ascii)
    {
        ascii = string.Empty;
        if (name.All(c => c < 0x80))
        {
            ascii = name.ToLowerInvariant();
            return true;
        }

        try
        {
            ascii = Idn.GetAscii(name).ToLowerInvariant();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // Shared suffixes under which anyone can get a host name. Not the whole Public Suffix List: the common cases where a
    // wildcard would hand every stranger's site the grant.
    private static readonly HashSet<string> PublicSuffixes = new(StringComparer.Ordinal)
    {
        "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "co.jp", "ne.jp", "or.jp", "com.au", "net.au", "org.au", "co.nz",
        "com.br", "com.cn", "com.mx", "co.in", "co.za", "com.tr", "com.sg", "co.kr", "com.tw", "com.hk",
        "github.io", "gitlab.io", "azurewebsites.net", "azurestaticapps.net", "cloudapp.net", "herokuapp.com",
        "vercel.app", "netlify.app", "pages.dev", "workers.dev", "web.app", "firebaseapp.com", "appspot.com",
        "blogspot.com", "s3.amazonaws.com", "cloudfront.net", "amplifyapp.com", "onrender.com", "fly.dev", "glitch.me",
        "ngrok.io", "ngrok-free.app", "trycloudflare.com", "repl.co", "codesandbox.io", "surge.sh", "now.sh",
    };

    // What a browser's URL parser keeps in a label and a name lookup accepts: 1-63 lower-case letters, digits, '-' and
    // '_' (no STD3 hyphen rules: browsers send "-a.example.com"); an "xn--" label must decode as Punycode.
    private static bool IsValidLabel(string label) =>
        label.Length is > 0 and <= PunycodeLabel.MaxLabelLength
        && label.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_')
        && (!label.StartsWith(PunycodeLabel.AcePrefix, StringComparison.Ordinal) || PunycodeLabel.IsValid(label.AsSpan()));

    /// <summary>localhost and every name under it (RFC 6761: browsers resolve them to loopback themselves, never through
    /// DNS), 127.0.0.0/8 and [::1]. A trailing dot does not change that.</summary>
    private static bool IsLoopbackHost(string host)
    {
        var name = host.Length > 0 && host[host.Length - 1] == '.' ? host.Substring(0, host.Length - 1) : host;
        return name == Localhost
            || name.EndsWith("." + Localhost, StringComparison.Ordinal)
            || name == "[::1]"
            || (IPAddress.TryParse(name, out var address) && address.AddressFamily == AddressFamily.InterNetwork && IPAddress.IsLoopback(address));
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }
}
