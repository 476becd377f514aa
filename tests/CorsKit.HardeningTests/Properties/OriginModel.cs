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
/// <item>An origin is matched only in the exact form a browser serialises it: <see cref="Uri"/> parses it as an absolute
/// http(s) URL, and re-serialising it as <c>scheme://host[:port]</c> (lower case, punycode host, default port omitted,
/// nothing else) gives back the very same string. So case changes, trailing slashes, paths, queries, user info, explicit
/// default ports, Unicode hosts and white space are all "not an origin a browser sends".</item>
/// <item>Explicit rules on top (CorsKit's documented limits): host names are dot-separated labels of a-z, 0-9 and '-'
/// (what IDNA produces), at most 253 characters; the port is 1-65535.</item>
/// <item>Exact entry: same scheme, host and effective port. <c>*.x.y</c>: same scheme, the host is one or more whole
/// labels followed by <c>.x.y</c> (so never <c>x.y</c> itself, <c>evil-x.y</c> or <c>x.y.evil.net</c>) and is not an IP
/// address; same effective port. <c>:*</c>: any port. <c>null</c>: only when listed.</item>
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
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return false;
        }

        isIp = uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6;
        host = isIp ? uri.Host : uri.IdnHost;
        var serialised = uri.Scheme + "://" + host + (uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(CultureInfo.InvariantCulture));
        if (!string.Equals(serialised, value, StringComparison.Ordinal))
        {
            return false;
        }

        scheme = uri.Scheme;
        port = uri.Port;
        if (port is < 1 or > 65535)
        {
            return false;
        }

        if (uri.HostNameType == UriHostNameType.IPv6)
        {
            return IPAddress.TryParse(host.Trim('[', ']'), out _);
        }

        return host.Length <= 253 && host.Split('.').All(label => label.Length > 0 && label.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'));
    }

    public static int DefaultPort(string scheme) => scheme == "https" ? 443 : 80;
}
