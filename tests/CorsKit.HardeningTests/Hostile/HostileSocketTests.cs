using System.Diagnostics;
using System.Text;
using CorsKit.HardeningTests.Infrastructure;
using CsCheck;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using static CorsKit.HardeningTests.Infrastructure.RawHttp;

namespace CorsKit.HardeningTests.Hostile;

/// <summary>
/// Hostile requests as raw bytes over real sockets against Kestrel + CorsKit. For each: no 5xx (Kestrel's own 400/431
/// for bytes it refuses are fine), no CORS grant, every CORS header written is clean, and the server still answers a
/// normal CORS request correctly afterwards.
/// </summary>
public sealed class HostileSocketTests(HostileServers servers, ITestOutputHelper output) : IClassFixture<HostileServers>
{
    private const string Allowed = HostileServers.AllowedOrigin;

    public sealed record HostileCase(string Name, string Method, string Target, (string Name, byte[] Value)[] Headers)
    {
        public override string ToString() => Name;
    }

    private static byte[] Bytes(params int[] values) => [.. values.Select(v => (byte)v)];

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static string TenThousandNames => string.Join(", ", Enumerable.Range(0, 10_000).Select(i => "x-h" + i));

    /// <summary>Requests from origins that must never be granted.</summary>
    public static IEnumerable<HostileCase> NoGrantCases()
    {
        var refused = "https://evil.test";
        yield return new("duplicated Origin (both allowed)", "GET", "/", [Header("Origin", Allowed), Header("Origin", Allowed)]);
        yield return new("duplicated Origin preflight", "OPTIONS", "/", [Header("Origin", Allowed), Header("Origin", Allowed), Header("Access-Control-Request-Method", "PUT")]);
        yield return new("Origin list in one line", "GET", "/", [Header("Origin", Allowed + ", " + Allowed)]);
        yield return new("Origin with obs-text 0xE9", "GET", "/", [("Origin", Concat(Encoding.ASCII.GetBytes(Allowed), Bytes(0xE9)))]);
        yield return new("Origin with 0xFF label", "GET", "/", [("Origin", Concat(Encoding.ASCII.GetBytes("https://"), Bytes(0xFF), Encoding.ASCII.GetBytes(".example.test")))]);
        yield return new("Origin with UTF-8 a-umlaut label", "OPTIONS", "/", [("Origin", Concat(Encoding.ASCII.GetBytes("https://"), Bytes(0xC3, 0xA4), Encoding.ASCII.GetBytes(".example.test"))), Header("Access-Control-Request-Method", "PUT")]);
        yield return new("Origin with invalid UTF-8", "GET", "/", [("Origin", Concat(Encoding.ASCII.GetBytes("https://a"), Bytes(0xC3, 0x28), Encoding.ASCII.GetBytes(".example.test")))]);
        foreach (var control in new[] { 0x01, 0x08, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F })
        {
            yield return new($"Origin with control 0x{control:x2}", "GET", "/", [("Origin", Concat(Encoding.ASCII.GetBytes("https://a"), Bytes(control), Encoding.ASCII.GetBytes(".example.test")))]);
        }

        yield return new("Origin with inner HTAB", "GET", "/", [Header("Origin", "https://a\t.example.test")]);
        yield return new("Origin with bare CR", "GET", "/", [Header("Origin", Allowed + "\rX-Injected: 1")]);
        yield return new("Origin with NUL", "GET", "/", [Header("Origin", Allowed + "\0")]);
        yield return new("Origin folded over two lines (obs-fold)", "GET", "/", [Header("Origin", refused + "\r\n " + Allowed)]);
        yield return new("64 KB Origin of whole labels under *.example.test", "GET", "/", [Header("Origin", "https://" + string.Concat(Enumerable.Repeat("a.", 32_760)) + "example.test")]);
        yield return new("64 KB Origin of one label", "OPTIONS", "/", [Header("Origin", "https://" + new string('a', 65_536) + ".example.test"), Header("Access-Control-Request-Method", "PUT")]);
        yield return new("Origin null", "POST", "/", [Header("Origin", "null")]);
        yield return new("empty Origin", "GET", "/", [Header("Origin", "")]);
        yield return new("Origin *", "GET", "/", [Header("Origin", "*")]);
        yield return new("upper-case Origin", "GET", "/", [Header("Origin", Allowed.ToUpperInvariant())]);
        yield return new("Origin with trailing dot", "GET", "/", [Header("Origin", Allowed + ".")]);
        yield return new("Origin with userinfo", "GET", "/", [Header("Origin", "https://user@app.example.test")]);
        yield return new("Origin look-alike suffix", "GET", "/", [Header("Origin", "https://app.example.test.evil.net")]);
        yield return new("Origin look-alike prefix", "GET", "/", [Header("Origin", "https://evilexample.test")]);
        yield return new("refused Origin, 10,000-item ACRH", "OPTIONS", "/", [Header("Origin", refused), Header("Access-Control-Request-Method", "PUT"), Header("Access-Control-Request-Headers", TenThousandNames)]);
        yield return new("refused Origin, 64 KB ACRH", "OPTIONS", "/", [Header("Origin", refused), Header("Access-Control-Request-Method", "PUT"), Header("Access-Control-Request-Headers", new string('x', 65_536))]);
        yield return new("refused Origin, 60,000 commas and spaces ACRH", "OPTIONS", "/", [Header("Origin", refused), Header("Access-Control-Request-Method", "PUT"), Header("Access-Control-Request-Headers", string.Concat(Enumerable.Repeat(", \t,", 15_000)))]);
        yield return new("refused Origin, 2,000 ACRH lines", "OPTIONS", "/", [Header("Origin", refused), Header("Access-Control-Request-Method", "PUT"), .. Enumerable.Repeat(Header("Access-Control-Request-Headers", "x-a"), 2_000)]);
        yield return new("refused Origin, 64 KB ACRM", "OPTIONS", "/", [Header("Origin", refused), Header("Access-Control-Request-Method", new string('P', 65_536))]);
        yield return new("refused Origin, thousands of Vary values set by the app", "GET", "/many-vary", [Header("Origin", refused)]);
        yield return new("refused Origin, one giant Vary set by the app", "GET", "/giant-vary", [Header("Origin", refused)]);
        yield return new("duplicated Origin, thousands of Vary values", "GET", "/many-vary", [Header("Origin", Allowed), Header("Origin", Allowed)]);
        foreach (var method in new[] { "get", "pOsT", "put", "FOO", "PROPFIND", "M-SEARCH", "DELETE", "PATCH" })
        {
            yield return new($"refused Origin, method {method}", method, "/", [Header("Origin", refused)]);
        }

        yield return new("refused Origin, lower-case options preflight", "options", "/", [Header("Origin", refused), Header("Access-Control-Request-Method", "put")]);

        // Issue 12: origins no browser's URL parser produces, most of them under the allowed https://*.example.test.
        foreach (var (name, origin) in BrowserImpossibleOrigins)
        {
            yield return new($"{name} ({origin})", "GET", "/", [Header("Origin", origin)]);
            yield return new($"{name} ({origin}), preflight", "OPTIONS", "/", [Header("Origin", origin), Header("Access-Control-Request-Method", "PUT")]);
        }
    }

    private static readonly (string Name, string Origin)[] BrowserImpossibleOrigins =
    [
        ("empty Punycode label under the pattern (the issue-12 probe)", "https://xn--.example.test"),
        ("Punycode decoding to a control character", "https://xn--a.example.test"),
        ("Punycode that overflows", "https://xn--99999999999.example.test"),
        ("Punycode standing for ASCII only", "https://xn--abc-.example.test"),
        ("Punycode with a character that is not a Punycode digit", "https://xn--bcher_kva.example.test"),
        ("Punycode decoding to a mapped character (circled c)", "https://xn--xuh.example.test"),
        ("hex IPv4", "https://0x7f000001"),
        ("octal IPv4", "https://0177.0.0.1"),
        ("short IPv4", "https://127.1"),
        ("a host under the pattern that ends in a hex number", "https://a.example.test.0x1"),
        ("trailing dot under the pattern", "https://a.example.test."),
        ("trailing dot and a port", "https://app.example.test.:8443"),
        ("empty port", "https://app.example.test:"),
        ("empty port under the pattern", "https://a.example.test:"),
        ("user info under the pattern", "https://user:pw@a.example.test"),
        ("path under the pattern", "https://a.example.test/x"),
        ("underscore in the scheme", "https_://a.example.test"),
        ("underscore label longer than 63", "https://" + new string('_', 64) + ".example.test"),
        ("IPv6 not in the browser's compressed form", "https://[0:0::1]"),
    ];

    [Fact]
    public async Task Browser_spellings_with_underscores_and_Punycode_are_granted_over_raw_sockets()
    {
        // The counterpart of the issue-12 cases above, so that their "no grant" is not a refusal of everything.
        foreach (var origin in new[] { "https://my_app.example.test", "https://_a.b_c.example.test", "https://xn--bcher-kva.example.test" })
        {
            var response = await SendAsync(servers.DefaultEncoding.Port, Request("GET", "/", servers.DefaultEncoding.Port, [Header("Origin", origin)]));
            response.Values("Access-Control-Allow-Origin").Should().Equal([origin], origin);
            response.Values("Access-Control-Allow-Credentials").Should().Equal(["true"], origin);
        }
    }

    /// <summary>Abuse from an allowed origin: the origin may be echoed, but nothing the abuse asks for is granted.</summary>
    public static IEnumerable<HostileCase> AllowedOriginAbuseCases()
    {
        (string, byte[]) Origin() => Header("Origin", Allowed);
        (string, byte[]) Put() => Header("Access-Control-Request-Method", "PUT");
        yield return new("10,000-item ACRH", "OPTIONS", "/", [Origin(), Put(), Header("Access-Control-Request-Headers", TenThousandNames)]);
        yield return new("65-item ACRH", "OPTIONS", "/", [Origin(), Put(), Header("Access-Control-Request-Headers", string.Join(",", Enumerable.Range(0, 65).Select(i => "x-" + i)))]);
        yield return new("64 KB ACRH name", "OPTIONS", "/", [Origin(), Put(), Header("Access-Control-Request-Headers", new string('x', 65_536))]);
        yield return new("10,000 commas ACRH", "OPTIONS", "/", [Origin(), Put(), Header("Access-Control-Request-Headers", new string(',', 10_000))]);
        yield return new("2,000 ACRH lines", "OPTIONS", "/", [Origin(), Put(), .. Enumerable.Repeat(Header("Access-Control-Request-Headers", "x-a"), 2_000)]);
        yield return new("ACRH with obs-text", "OPTIONS", "/", [Origin(), Put(), ("Access-Control-Request-Headers", Concat(Encoding.ASCII.GetBytes("x-a, x-"), Bytes(0xE9)))]);
        yield return new("ACRH with control byte", "OPTIONS", "/", [Origin(), Put(), ("Access-Control-Request-Headers", Concat(Encoding.ASCII.GetBytes("x-a, x-"), Bytes(0x01)))]);
        yield return new("ACRH with separators", "OPTIONS", "/", [Origin(), Put(), Header("Access-Control-Request-Headers", "x-a; x-b=\"c\", (x)")]);
        yield return new("64 KB ACRM", "OPTIONS", "/", [Origin(), Header("Access-Control-Request-Method", new string('P', 65_536))]);
        yield return new("65-char ACRM", "OPTIONS", "/", [Origin(), Header("Access-Control-Request-Method", new string('P', 65))]);
        yield return new("ACRM with obs-text", "OPTIONS", "/", [Origin(), ("Access-Control-Request-Method", Concat(Encoding.ASCII.GetBytes("P"), Bytes(0xC9), Encoding.ASCII.GetBytes("T")))]);
        yield return new("ACRM with space", "OPTIONS", "/", [Origin(), Header("Access-Control-Request-Method", "PUT X")]);
        yield return new("two ACRM lines", "OPTIONS", "/", [Origin(), Put(), Put()]);
    }

    [Fact]
    public async Task Hostile_requests_get_no_grant_no_5xx_and_the_server_keeps_serving()
    {
        var cases = NoGrantCases().ToList();
        var watch = Stopwatch.StartNew();
        var statuses = new Dictionary<int, int>();
        foreach (var server in servers.All)
        {
            foreach (var c in cases)
            {
                var response = await SendAsync(server.Port, Request(c.Method, c.Target, server.Port, c.Headers));
                statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
                output.WriteLine($"  [{(server == servers.Latin1 ? "latin1" : "default")}] {c.Name}: {response.StatusCode}");
                response.StatusCode.Should().BeLessThan(500, c.Name);
                response.Has("Access-Control-Allow-Origin").Should().BeFalse($"{c.Name} must not be granted");
                response.Has("Access-Control-Allow-Credentials").Should().BeFalse(c.Name);
                AssertCorsHeadersClean(response, c.Name);
                if (c.Target.EndsWith("vary", StringComparison.Ordinal) && response.StatusCode == 200)
                {
                    var vary = response.Values("Vary").SelectMany(HeaderValues.Items).ToList();
                    vary.Count(v => v == "Origin").Should().Be(1, $"{c.Name}: CorsKit adds Origin to the app's Vary once");
                    vary.Should().Contain("X-Vary-4999", "the app's own Vary values are kept");
                }

                await AssertStillServingAsync(server, c.Name);
            }

            AssertNoErrorsLogged(server);
        }

        output.WriteLine($"{cases.Count} hostile raw requests x {servers.All.Count()} servers in {watch.ElapsedMilliseconds} ms; statuses: "
            + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Value}")));
    }

    [Fact]
    public async Task Abuse_from_an_allowed_origin_grants_nothing_it_asks_for()
    {
        var cases = AllowedOriginAbuseCases().ToList();
        foreach (var server in servers.All)
        {
            foreach (var c in cases)
            {
                var response = await SendAsync(server.Port, Request(c.Method, c.Target, server.Port, c.Headers));
                response.StatusCode.Should().BeLessThan(500, c.Name);
                AssertCorsHeadersClean(response, c.Name);
                response.Has("Access-Control-Max-Age").Should().BeFalse($"{c.Name}: a refused preflight is not cacheable");
                foreach (var acah in response.Values("Access-Control-Allow-Headers"))
                {
                    acah.Length.Should().BeLessThanOrEqualTo(4096, c.Name);
                }

                foreach (var acam in response.Values("Access-Control-Allow-Methods"))
                {
                    acam.Length.Should().BeLessThanOrEqualTo(64, c.Name);
                    acam.Should().NotContain(" X", c.Name);
                }

                if (response.StatusCode is 200 or 204)
                {
                    response.Values("Access-Control-Allow-Headers").Should().BeEmpty($"{c.Name}: the requested list must not be echoed");
                    if (c.Name.Contains("ACRM", StringComparison.Ordinal))
                    {
                        response.Values("Access-Control-Allow-Methods").Should().BeEmpty($"{c.Name}: the requested method must not be echoed");
                    }
                }

                await AssertStillServingAsync(server, c.Name);
            }

            AssertNoErrorsLogged(server);
        }

        output.WriteLine($"{cases.Count} abusive preflights from an allowed origin x {servers.All.Count()} servers: nothing granted beyond the origin.");
    }

    [Fact]
    public async Task Generated_raw_origin_bytes_are_never_granted()
    {
        var server = servers.Latin1;
        var tried = 0;
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var gen = from prefix in Gen.OneOf("https://", "http://", "https://a.", "")
                  from body in Gen.Frequency(
                      (200, Gen.OneOf<byte>([.. "az09.-:/*,@[]% "u8.ToArray(), 0x01, 0x09, 0x1F, 0x7F, 0x80, 0xA0, 0xC3, 0xA4, 0xE2, 0xA8, 0xFF])),
                      (1, Gen.OneOf<byte>(0x00, 0x0D, 0x0A))).Array[0, 60]
                  from preflight in Gen.Bool
                  select (Origin: Concat(Encoding.ASCII.GetBytes(prefix), body), Preflight: preflight);
        await gen.SampleAsync(async sample =>
        {
            (string, byte[])[] headers = sample.Preflight
                ? [("Origin", sample.Origin), Header("Access-Control-Request-Method", "PUT")]
                : [("Origin", sample.Origin)];
            var response = await SendAsync(server.Port, Request(sample.Preflight ? "OPTIONS" : "POST", "/", server.Port, headers));
            Interlocked.Increment(ref tried);
            statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
            response.StatusCode.Should().BeLessThan(500);
            response.Has("Access-Control-Allow-Origin").Should().BeFalse();
            AssertCorsHeadersClean(response, "generated origin");
        }, iter: 400, threads: 2, print: s => Convert.ToHexString(s.Origin));

        await AssertStillServingAsync(server, "generated origins");
        AssertNoErrorsLogged(server);
        output.WriteLine($"{tried} generated raw Origin values sent; statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Value}")));
    }

    private static void AssertCorsHeadersClean(RawResponse response, string name)
    {
        foreach (var (header, value) in response.Headers)
        {
            if (header.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase) || header.Equals("Vary", StringComparison.OrdinalIgnoreCase)
                || header.StartsWith("CorsKit", StringComparison.OrdinalIgnoreCase))
            {
                HeaderValues.IsClean(value).Should().BeTrue($"{name}: {header} must be clean");
            }
        }
    }

    private static async Task AssertStillServingAsync(TestHost server, string after)
    {
        var response = await SendAsync(server.Port, Request("GET", "/", server.Port, [Header("Origin", Allowed)]));
        response.StatusCode.Should().Be(200, $"the server must keep serving after: {after}");
        response.Values("Access-Control-Allow-Origin").Should().Equal([Allowed], $"CORS must keep working after: {after}");
    }

    private static void AssertNoErrorsLogged(TestHost server)
    {
        server.Logs.GetSnapshot().Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message} {e.Exception}").Should().BeEmpty();

        // CorsKit's own log lines quote request values: no forged lines (CR/LF), no raw control or non-ASCII bytes,
        // and bounded in size however large the hostile value was.
        var corsKit = server.Logs.GetSnapshot().Where(e => e.Category == "CorsKit").ToList();
        corsKit.Should().NotBeEmpty("refusals are logged");
        foreach (var entry in corsKit)
        {
            HeaderValues.IsClean(entry.Message).Should().BeTrue($"log line must be escaped: {OriginPropertyTestsEscape(entry.Message)}");
            entry.Message.Length.Should().BeLessThan(1024, "request values are cut in log lines");
        }
    }

    private static string OriginPropertyTestsEscape(string value) => Properties.OriginPropertyTests.Escape(value[..Math.Min(300, value.Length)]);
}
