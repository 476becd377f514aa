using System.Globalization;
using System.Text;
using CsCheck;

namespace CorsKit.HardeningTests.Properties;

/// <summary>
/// Generators for configurations and for request origins: near-misses derived from the configured entries (the cases
/// that matter) plus look-alikes, mutations and random junk.
/// </summary>
internal static class OriginGenerators
{
    // (spelling in configuration, ASCII form). Shared by configurations and requests so that they collide often.
    private static readonly (string Spelling, string Ascii)[] Labels =
    [
        ("example", "example"), ("app", "app"), ("api", "api"), ("com", "com"), ("net", "net"), ("test", "test"),
        ("a", "a"), ("evil", "evil"), ("x-y", "x-y"), ("localhost", "localhost"), ("bücher", "xn--bcher-kva"), ("b2", "b2"),
        ("my_app", "my_app"), ("_x", "_x"), ("日本", "xn--wgv71a"),
    ];

    private static readonly string[] AsciiLabels =
    [
        .. Labels.Select(l => l.Ascii), "evil-example", "exampl", "xample", "-", "9", "a_b", "_",
        // xn-- labels: valid (bücher, münchen) and ones no URL parser accepts (empty, a control character, ASCII only,
        // a digit that is not a Punycode digit, an overflow).
        "xn--mnchen-3ya", "xn--", "xn--a", "xn--abc-", "xn--bcher_kva", "xn--99999999999",
    ];

    private static readonly int[] Ports = [1, 81, 443, 3000, 8080, 65535];

    public static readonly Gen<ModelEntry> Entry =
        from scheme in Gen.OneOf("http", "https")
        from labels in Gen.OneOf(Labels).Array[1, 3]
        from wildcard in Gen.Bool
        from portKind in Gen.Int[0, 4]
        from portNumber in Gen.OneOf(Ports)
        from upper in Gen.Int[0, 2]
        from trailingDot in Gen.Frequency((1, Gen.Const(true)), (7, Gen.Const(false)))
        select MakeEntry(scheme, labels, wildcard && (labels.Length >= 2 || labels[0].Ascii == "localhost"), portKind, portNumber, upper, trailingDot);

    // Loopback literals, which browsers send as-is and which patterns such as http://127.0.0.1:* are written for.
    private static readonly Gen<ModelEntry> Literal = Gen.OneOf(
        new ModelEntry("http://127.0.0.1:*", "http", "127.0.0.1", false, null),
        new ModelEntry("http://127.0.0.1:8080", "http", "127.0.0.1", false, 8080),
        new ModelEntry("http://[::1]:*", "http", "[::1]", false, null),
        new ModelEntry("https://[0:0::1]", "https", "[::1]", false, 443),
        new ModelEntry("http://*.localhost:*", "http", "localhost", true, null),
        new ModelEntry("http://example.com.:3999", "http", "example.com.", false, 3999),
        new ModelEntry("https://app.example.com:", "https", "app.example.com", false, 443));

    public static readonly Gen<ModelConfig> Config =
        from entries in Gen.Frequency((9, Entry), (1, Literal)).Array[1, 4]
        from allowNull in Gen.Frequency((1, Gen.Const(true)), (3, Gen.Const(false)))
        select new ModelConfig(entries, allowNull);

    private static readonly Gen<string> RandomJunk =
        from prefix in Gen.OneOf("", "http://", "https://", "HTTPS://", "ftp://", "javascript:")
        from body in Gen.Char["abcxyz019.-:/*[]@%?#_ \t\r\n\0\u007f\u00e4\u0130\u212a\u2024\uff0e"].Array[0, 30]
        select prefix + new string(body);

    /// <summary>A configuration and an origin to try against it.</summary>
    public static readonly Gen<(ModelConfig Config, string Origin)> ConfigAndOrigin =
        from config in Config
        from origin in Gen.Frequency(
            (6, NearMiss(config)),
            (1, RandomJunk),
            (1, Gen.OneOf("null", "", "null ", "NULL", "*", "file://", "https://", "http://:80", "https://[::1", "https://a.b:",
                "http://0x7f000001", "http://0177.0.0.1", "http://127.1", "http://1.0x2.3.4", "http://127.0.0.1.", "http://[0:0::1]",
                "http://example.com.:3999", "http://example.com:3999", "http://a.localhost:3000", "http://xn--.localhost")))
        select (config, origin);

    /// <summary>An origin built to match one entry, then perhaps mutated into a near-miss or a look-alike.</summary>
    private static Gen<string> NearMiss(ModelConfig config) =>
        from index in Gen.Int[0, config.Entries.Length - 1]
        from subdomain in Gen.OneOf(AsciiLabels).Array[1, 2]
        from anyPort in Gen.OneOf(0, 1, 80, 443, 8080, 65535, 65536)
        from mutations in Gen.Int[0, Mutations - 1].Array[0, 2]
        from position in Gen.Int[0, 1000]
        select Mutate(Candidate(config.Entries[index], subdomain, anyPort), mutations, position);

    private static string Candidate(ModelEntry entry, string[] subdomain, int anyPort)
    {
        var host = entry.Wildcard ? string.Join('.', subdomain) + "." + entry.Host : entry.Host;
        var port = entry.Port ?? anyPort;
        var portPart = port == 0 || port == OriginModel.DefaultPort(entry.Scheme) ? string.Empty : ":" + port.ToString(CultureInfo.InvariantCulture);
        return entry.Scheme + "://" + host + portPart;
    }

    private const int Mutations = 34;

    private static string Mutate(string origin, int[] mutations, int position)
    {
        foreach (var mutation in mutations)
        {
            var schemeEnd = origin.IndexOf("://", StringComparison.Ordinal);
            var hostStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
            var at = origin.Length == 0 ? 0 : position % (origin.Length + 1);
            origin = mutation switch
            {
                0 => origin.ToUpperInvariant(),
                1 => origin.Length == 0 ? origin : origin[..at] + char.ToUpperInvariant(origin[Math.Min(at, origin.Length - 1)]) + origin[Math.Min(at + 1, origin.Length)..],
                2 => origin + ".",
                3 => origin + "/",
                4 => origin + "/path?q=1#f",
                5 => origin + ".evil.net",
                6 => origin[..hostStart] + "evil-" + origin[hostStart..],
                7 => origin[..hostStart] + "user:pw@" + origin[hostStart..],
                8 => origin + ":443",
                9 => origin + ":80",
                10 => origin + ":08080",
                11 => origin.Replace("https://", "http://", StringComparison.Ordinal),
                12 => origin.Replace("http://", "https://", StringComparison.Ordinal),
                13 => origin[..at] + "\u00e4" + origin[at..],
                14 => origin[..at] + "\r\n" + origin[at..],
                15 => origin[..at] + "\0" + origin[at..],
                16 => " " + origin + "\t",
                17 => origin[..at] + "." + origin[at..],
                18 => origin.Length > hostStart ? origin[..hostStart] + origin[(origin.IndexOf('.', hostStart) + 1)..] : origin,
                19 => origin + ", " + origin,
                20 => origin[..hostStart] + "a." + origin[hostStart..],
                21 => origin[..at] + "%2e" + origin[at..],
                22 => origin[..hostStart] + "*." + origin[hostStart..],
                23 => origin[..hostStart] + "xn--." + origin[hostStart..],
                24 => origin[..hostStart] + "xn--a." + origin[hostStart..],
                25 => origin[..hostStart] + "xn--bcher-kva." + origin[hostStart..],
                26 => origin + ":",
                27 => origin.Replace("127.0.0.1", "0x7f000001", StringComparison.Ordinal),
                28 => origin.Replace("127.0.0.1", "0177.0.0.1", StringComparison.Ordinal).Replace("[::1]", "[0::1]", StringComparison.Ordinal),
                29 => origin[..hostStart] + "my_" + origin[hostStart..],
                30 => InsertAtHostEnd(origin, hostStart, "."),
                31 => origin[..hostStart] + "xn--abc-." + origin[hostStart..],
                32 => InsertAtHostEnd(origin, hostStart, ":"),
                _ => origin.Replace(".", "\u3002", StringComparison.Ordinal),
            };
        }

        return origin;
    }

    // Inserts text where the host ends (before a port, or at the end): a trailing dot, or an empty port.
    private static string InsertAtHostEnd(string origin, int hostStart, string text)
    {
        if (hostStart > origin.Length)
        {
            return origin;
        }

        var end = origin.IndexOf(':', hostStart);
        end = end < 0 ? origin.Length : end;
        return origin[..end] + text + origin[end..];
    }

    private static ModelEntry MakeEntry(string scheme, (string Spelling, string Ascii)[] labels, bool wildcard, int portKind, int portNumber, int upper, bool trailingDot)
    {
        var dot = trailingDot ? "." : string.Empty;
        var host = string.Join('.', labels.Select(l => l.Ascii)) + dot;
        var spelledHost = string.Join('.', labels.Select(l => l.Spelling)) + dot;
        var defaultPort = OriginModel.DefaultPort(scheme);
        int? port = portKind switch
        {
            0 or 1 or 4 => defaultPort,
            2 => portNumber,
            _ => null,
        };
        var portSpelling = portKind switch
        {
            0 => string.Empty,
            1 => ":" + defaultPort.ToString(CultureInfo.InvariantCulture),
            2 => ":" + portNumber.ToString(CultureInfo.InvariantCulture),
            3 => ":*",
            _ => ":", // an empty port: the default port in the URL standard
        };

        var spelling = new StringBuilder()
            .Append(upper == 1 ? scheme.ToUpperInvariant() : scheme).Append("://")
            .Append(wildcard ? "*." : string.Empty)
            .Append(upper == 2 ? spelledHost.ToUpperInvariant() : spelledHost)
            .Append(portSpelling)
            .ToString();
        return new ModelEntry(spelling, scheme, host, wildcard, port);
    }
}
