using System.Globalization;
using System.Net;

namespace CorsKit.HardeningTests.Properties;

/// <summary>One allowed-origin entry as the model understands it.</summary>
/// <param name="Spelling">How the entry is written in the configuration (may use upper case, Unicode, an explicit default port).</param>
/// <param name="Scheme">Lower-case scheme.</param>
/// <param name="Host">Lower-case ASCII host; for a wildcard entry the part after <c>*.</c>.</param>
/// <param name="Wildcard">Whether the entry is <c>scheme://*.host</c>: one or more whole labels before <see cref="Host"/>.</param>
/// <param name="Port">The effective port (the scheme's default when none is written); <see langword="null"/> for <c>:*</c>.</param>
internal sealed record ModelEntry(string Spelling, string Scheme, string Host, bool Wildcard, int? Port)
{
    public override string ToString() => Spelling;
}

/// <summary>A configuration: the entries, and whether the opaque origin <c>null</c> is listed.</summary>
internal sealed record ModelConfig(ModelEntry[] Entries, bool AllowNull)
{
    public string[] Spellings => [.. Entries.Select(e => e.Spelling), .. AllowNull ? new[] { "null" } : []];

    public override string ToString() => string.Join(" ", Spellings);
}

/// <summary>
/// An independent reference model of "is this Origin granted?", written from the rules rather than from CorsKit's code:
/// <list type="bullet">
/// <item>An origin is matched only in the exact form a browser serialises it (HTML "serialization of an origin" over the
/// URL standard's host serialisation): <c>http</c> or <c>https</c>, <c>://</c>, a host, and <c>:port</c> only when it is
/// not the scheme's default. The host is dot-separated labels of 1-63 characters a-z, 0-9, '-' and '_' (what the URL
/// standard keeps and a name lookup reaches; at most 253 characters), optionally one trailing dot, which makes it another
/// origin; a host whose last label is a number (decimal or 0x hex) is an IPv4 address and must be a canonical dotted quad;
/// an xn-- label must decode as IDNA; an IPv6 literal must be in its compressed form. The port is 1-65535 without leading
/// zeros, never empty. So case changes, other IPv4 notations, invalid Punycode, slashes, paths, queries, user info,
/// explicit default or empty ports, Unicode hosts and white space are all "not an origin a browser sends".</item>
/// <item>Exact entry: same scheme, host and effective port. <c>*.x.y</c>: same scheme, the host is one or more whole
/// labels followed by <c>.x.y</c> (so never <c>x.y</c> itself, <c>evil-x.y</c>, <c>x.y.evil.net</c> or <c>a.x.y.</c>,
/// which only <c>*.x.y.</c> matches) and is not an IP address; same effective port. <c>:*</c>: any port. <c>null</c>:
/// only when listed.</item>
/// </list>
/// </summary>
internal static class OriginModel
{
    public static bool IsGranted(ModelConfig config, string origin)
    {
        if (origin == "null")
        {
            return config.AllowNull;
        }

        if (!TryParseSerialised(origin, out var scheme, out var host, out var port, out var isIp))
        {
            return false;
        }

        foreach (var entry in config.Entries)
        {
            if (entry.Scheme != scheme || (entry.Port is { } p && p != port))
            {
                continue;
            }

            var hostMatches = entry.Wildcard
                ? !isIp && host.Length > entry.Host.Length + 1 && host.EndsWith("." + entry.Host, StringComparison.Ordinal)
                : host == entry.Host;
            if (hostMatches)
            {
                return true;
            }
        }

        return false;
    }

    public static bool TryParseSerialised(string value, out string scheme, out string host, out int port, out bool isIp)
    {
        scheme = host = string.Empty;
        port = 0;
        isIp = false;
        var separator = value.IndexOf("://", StringComparison.Ordinal);
        if (separator < 0 || value[..separator] is not ("http" or "https"))
        {
            return false;
        }

        scheme = value[..separator];
        var authority = value[(separator + 3)..];
        string portText;
        if (authority.StartsWith('['))
        {
            // IPv6 literal: must be exactly the compressed form a browser serialises.
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || !IPAddress.TryParse(authority[1..close], out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6
                || "[" + SerializeIPv6(v6) + "]" != authority[..(close + 1)] || authority[1..close].Contains('%', StringComparison.Ordinal))
            {
                return false;
            }

            host = authority[..(close + 1)];
            portText = authority[(close + 1)..];
            isIp = true;
        }
        else
        {
            var colon = authority.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? authority : authority[..colon];
            portText = colon < 0 ? string.Empty : authority[colon..];
            // One trailing dot is part of the host as the browser writes it ("example.com." is its own origin).
            var name = host.EndsWith('.') ? host[..^1] : host;
            var labels = name.Split('.');
            if (name.Length is 0 or > 253 || labels.Any(l => l.Length is 0 or > 63 || !l.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_')))
            {
                return false;
            }

            // URL standard: a host whose last label is a number (decimal, or hex with 0x) is an IPv4 address, which a
            // browser writes as a canonical dotted quad without a trailing dot.
            var last = labels[^1];
            if (last.All(char.IsAsciiDigit) || (last.StartsWith("0x", StringComparison.Ordinal) && last[2..].All(char.IsAsciiHexDigit)))
            {
                if (host != name || !IPAddress.TryParse(host, out var v4) || v4.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
                    || v4.ToString() != host || labels.Length != 4)
                {
                    return false;
                }

                isIp = true;
            }

            // The URL standard's host parser decodes every xn-- label (UTS #46); one that fails, or that stands for
            // nothing but ASCII, fails the URL. ICU (through IdnMapping) is the model's judge.
            if (labels.Any(l => l.StartsWith("xn--", StringComparison.Ordinal) && !IsValidAceLabel(l)))
            {
                return false;
            }
        }

        port = DefaultPort(scheme);
        if (portText.Length > 0)
        {
            // ":" then 1-65535 without leading zeros; the scheme's default port is never written.
            var digits = portText[1..];
            if (portText[0] != ':' || digits.Length is 0 or > 5 || digits[0] == '0' || !digits.All(char.IsAsciiDigit))
            {
                return false;
            }

            port = int.Parse(digits, CultureInfo.InvariantCulture);
            if (port > 65535 || port == DefaultPort(scheme))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The URL standard's IPv6 serializer: eight lower-case hex pieces without leading zeros, the first longest run of two
    /// or more zero pieces compressed to "::", and never a dotted-quad tail (unlike <see cref="IPAddress.ToString()"/>).
    /// </summary>
    public static string SerializeIPv6(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        var pieces = Enumerable.Range(0, 8).Select(i => (bytes[2 * i] << 8) | bytes[(2 * i) + 1]).ToArray();
        int compress = -1, longest = 1;
        for (var i = 0; i < 8; i++)
        {
            var length = 0;
            while (i + length < 8 && pieces[i + length] == 0)
            {
                length++;
            }

            if (length > longest)
            {
                (compress, longest) = (i, length);
            }
        }

        var output = new System.Text.StringBuilder();
        for (var i = 0; i < 8; i++)
        {
            if (i == compress)
            {
                output.Append(i == 0 ? "::" : ":");
                i += longest - 1;
                continue;
            }

            output.Append(pieces[i].ToString("x", CultureInfo.InvariantCulture));
            if (i != 7)
            {
                output.Append(':');
            }
        }

        return output.ToString();
    }

    public static int DefaultPort(string scheme) => scheme == "https" ? 443 : 80;

    public static bool IsValidAceLabel(string label)
    {
        try
        {
            var unicode = new IdnMapping { UseStd3AsciiRules = false }.GetUnicode(label);
            return unicode != label && unicode.Any(c => c >= 0x80);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
