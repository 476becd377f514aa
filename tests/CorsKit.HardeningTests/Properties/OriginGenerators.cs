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
    ];

    private static readonly string[] AsciiLabels = [.. Labels.Select(l => l.Ascii), "evil-example", "exampl", "xample", "-", "9"];

    private static readonly int[] Ports = [1, 81, 443, 3000, 8080, 65535];

    public static readonly Gen<ModelEntry> Entry =
        from scheme in Gen.OneOf("http", "https")
        from labels in Gen.OneOf(Labels).Array[1, 3]
        from wildcard in Gen.Bool
        from portKind in Gen.Int[0, 3]
        from portNumber in Gen.OneOf(Ports)
        from upper in Gen.Int[0, 2]
        select MakeEntry(scheme, labels, wildcard && labels.Length >= 2, portKind, portNumber, upper);

    // Loopback literals, which browsers send as-is and which patterns such as http://127.0.0.1:* are written for.
    private static readonly Gen<ModelEntry> Literal = Gen.OneOf(
        new ModelEntry("http://127.0.0.1:*", "http", "127.0.0.1", false, null),
        new ModelEntry("http://127.0.0.1:8080", "http", "127.0.0.1", false, 8080),
        new ModelEntry("http://[::1]:*", "http", "[::1]", false, null),
        new ModelEntry("https://[0:0::1]", "https", "[::1]", false, 443));

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
            (1, Gen.OneOf("null", "", "null ", "NULL", "*", "file://", "https://", "http://:80", "https://[::1", "https://a.b:")))
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

    private const int Mutations = 24;

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
                _ => origin.Replace(".", "\u3002", StringComparison.Ordinal),
            };
        }

        return origin;
    }

    private static ModelEntry MakeEntry(string scheme, (string Spelling, string Ascii)[] labels, bool wildcard, int portKind, int portNumber, int upper)
    {
        var host = string.Join('.', labels.Select(l => l.Ascii));
        var spelledHost = string.Join('.', labels.Select(l => l.Spelling));
        var defaultPort = OriginModel.DefaultPort(scheme);
        int? port = portKind switch
        {
            0 or 1 => defaultPort,
            2 => portNumber,
            _ => null,
        };
        var portSpelling = portKind switch
        {
            0 => string.Empty,
            1 => ":" + defaultPort.ToString(CultureInfo.InvariantCulture),
            2 => ":" + portNumber.ToString(CultureInfo.InvariantCulture),
            _ => ":*",
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
