using CorsKit.HardeningTests.Infrastructure;
using CsCheck;
using Xunit.Abstractions;

namespace CorsKit.HardeningTests.Properties;

/// <summary>
/// "An origin is granted if and only if the configuration says so", checked against <see cref="OriginModel"/> over
/// generated configurations and origins (near-misses, look-alikes, mutations, junk). Failures shrink to a minimal case
/// and print a seed to reproduce it.
/// </summary>
public sealed class OriginPropertyTests(ITestOutputHelper output)
{
    private const int PolicyIterations = 30_000;
    private const int MiddlewareIterations = 3_000;

    [Fact]
    public void Policy_grants_an_origin_iff_the_reference_model_does()
    {
        var tried = 0;
        var granted = 0;
        OriginGenerators.ConfigAndOrigin.Sample((config, origin) =>
        {
            var policy = new CorsKitPolicyBuilder().WithOrigins(config.Spellings).Build();
            var expected = OriginModel.IsGranted(config, origin);
            var actual = policy.IsOriginAllowed(origin);
            Interlocked.Increment(ref tried);
            if (actual)
            {
                Interlocked.Increment(ref granted);
            }

            return actual == expected;
        }, iter: PolicyIterations, print: t => $"config [{t.Item1}] origin \"{Escape(t.Item2)}\"");

        output.WriteLine($"{tried} (configuration, origin) pairs tried, {granted} granted by both the policy and the model.");
        granted.Should().BeGreaterThan(tried / 20, "the generator must produce plenty of origins that should be granted, or the property proves little");
    }

    [Fact]
    public void Middleware_answers_with_the_exact_origin_iff_the_reference_model_grants_it()
    {
        var tried = 0;
        OriginGenerators.ConfigAndOrigin.Sample((config, origin) =>
        {
            using var pipeline = new InMemoryPipeline(cors => cors.AddDefaultPolicy(p => p.WithOrigins(config.Spellings).WithMethods("PUT").AllowCredentials()
                .DangerouslyAllowInsecureOriginsWithCredentials()));
            var expected = OriginModel.IsGranted(config, origin);
            var preflight = pipeline.SendAsync("OPTIONS", [new("Origin", origin), new("Access-Control-Request-Method", "PUT")]).GetAwaiter().GetResult();
            var actual = pipeline.SendAsync("POST", [new("Origin", origin)]).GetAwaiter().GetResult();
            Interlocked.Increment(ref tried);

            foreach (var response in new[] { preflight, actual })
            {
                var acao = response["Access-Control-Allow-Origin"];
                if (expected ? acao != origin || response["Access-Control-Allow-Credentials"] != "true" : acao is not null)
                {
                    return false;
                }
            }

            return true;
        }, iter: MiddlewareIterations, print: t => $"config [{t.Item1}] origin \"{Escape(t.Item2)}\"");

        output.WriteLine($"{tried} (configuration, origin) pairs sent through the middleware (preflight + actual request each).");
    }

    [Theory]
    [InlineData("https://*.example.com", "https://evil-example.com")]
    [InlineData("https://*.example.com", "https://example.com.evil.net")]
    [InlineData("https://*.example.com", "https://example.com")]
    [InlineData("https://*.example.com", "http://a.example.com")]
    [InlineData("https://*.example.com", "https://a.example.com.")]
    [InlineData("https://*.example.com", "https://A.example.com")]
    [InlineData("https://*.example.com", "https://a.example.com:443")]
    [InlineData("https://*.example.com", "https://user@a.example.com")]
    [InlineData("https://*.example.com", "https://a.example.com/")]
    [InlineData("https://*.example.com", "https://ä.example.com")]
    [InlineData("https://*.example.com", "https://a.example.com\r\nSet-Cookie: x=1")]
    [InlineData("https://*.example.com", "https://a.example.com\u3002evil.net")]
    [InlineData("http://localhost:*", "http://localhost.evil.net:3000")]
    [InlineData("http://localhost:*", "http://localhost:08080")]
    [InlineData("https://app.example.com", "null")]
    [InlineData("https://*.example.com", "https://xn--.example.com")]
    [InlineData("https://*.example.com", "https://xn--a.example.com")]
    [InlineData("https://*.example.com", "https://xn--abc-.example.com")]
    [InlineData("https://*.example.com", "https://a.example.com:")]
    [InlineData("https://*.example.com", "https://a..example.com")]
    [InlineData("http://127.0.0.1:*", "http://0x7f000001")]
    [InlineData("http://127.0.0.1:*", "http://127.1:8080")]
    [InlineData("http://localhost:*", "http://localhost.:3000")]
    [InlineData("http://[::1]:*", "http://[0::1]:3000")]
    public void Look_alikes_are_refused_by_both_the_model_and_the_policy(string configured, string origin)
    {
        var config = new ModelConfig([ParseEntryForModel(configured)], AllowNull: false);
        OriginModel.IsGranted(config, origin).Should().BeFalse("the reference model itself must refuse look-alikes");
        new CorsKitPolicyBuilder().WithOrigins(configured).Build().IsOriginAllowed(origin).Should().BeFalse();
    }

    [Fact]
    public void The_model_grants_what_it_should()
    {
        // Guards the model against being trivially "refuse everything".
        var wildcard = new ModelConfig([ParseEntryForModel("https://*.example.com"), ParseEntryForModel("http://localhost:*")], AllowNull: true);
        OriginModel.IsGranted(wildcard, "https://a.example.com").Should().BeTrue();
        OriginModel.IsGranted(wildcard, "https://a.b.example.com").Should().BeTrue();
        OriginModel.IsGranted(wildcard, "http://localhost").Should().BeTrue();
        OriginModel.IsGranted(wildcard, "http://localhost:5173").Should().BeTrue();
        OriginModel.IsGranted(wildcard, "null").Should().BeTrue();
        OriginModel.IsGranted(wildcard, "https://my_app.example.com").Should().BeTrue();
        OriginModel.IsGranted(wildcard, "https://xn--bcher-kva.example.com").Should().BeTrue();
        var dotted = new ModelConfig([ParseEntryForModel("https://*.example.com."), ParseEntryForModel("http://example.com.:3999")], AllowNull: false);
        OriginModel.IsGranted(dotted, "https://a.example.com.").Should().BeTrue();
        OriginModel.IsGranted(dotted, "http://example.com.:3999").Should().BeTrue();
        OriginModel.IsGranted(dotted, "http://example.com:3999").Should().BeFalse();
    }

    [Fact]
    public void A_wildcard_never_matches_an_IPv4_address()
    {
        // Browsers parse a host whose last label is a number as an IPv4 address, so "*.0.1" could only ever match IP
        // addresses (10.0.0.1, 192.168.0.1, ...), which are not subdomains of anything: the pattern is a configuration error.
        var act = () => new CorsKitPolicyBuilder().WithOrigins("https://*.0.1").Build();
        act.Should().Throw<CorsKitConfigurationException>().WithMessage("*IPv4*");
    }

    [Fact]
    public void An_any_port_pattern_refuses_an_explicit_default_port_like_every_other_entry()
    {
        // Browsers omit the default port when they serialise an origin; exact entries and default-port patterns already
        // refuse https://a.example.com:443, so any-port patterns should too.
        var policy = new CorsKitPolicyBuilder().WithOrigins("http://localhost:*", "https://*.example.com:*").Build();
        policy.IsOriginAllowed("http://localhost").Should().BeTrue();
        policy.IsOriginAllowed("http://localhost:80").Should().BeFalse();
        policy.IsOriginAllowed("https://a.example.com:443").Should().BeFalse();
    }

    [Theory]
    [InlineData("http://[::ffff:7f00:1]")]
    [InlineData("http://[::7f00:1]:8080")]
    public void An_IPv6_origin_in_browser_serialisation_can_be_allowed(string origin)
    {
        OriginModel.TryParseSerialised(origin, out _, out _, out _, out _).Should().BeTrue("this is how a browser serialises the origin");
        new CorsKitPolicyBuilder().WithOrigins(origin).Build().IsOriginAllowed(origin).Should().BeTrue();
    }

    [Theory]
    [InlineData("::1", "::1")]
    [InlineData("1:0:1:1:1:1:1:1", "1:0:1:1:1:1:1:1")]
    [InlineData("1:0:0:1:0:0:1:1", "1::1:0:0:1:1")]
    [InlineData("::ffff:127.0.0.1", "::ffff:7f00:1")]
    [InlineData("0:0:0:0:0:0:0:0", "::")]
    [InlineData("fe80:0:0:0:0:0:0:1", "fe80::1")]
    public void The_models_IPv6_serializer_follows_the_URL_standard(string input, string expected) =>
        OriginModel.SerializeIPv6(System.Net.IPAddress.Parse(input)).Should().Be(expected);

    private static ModelEntry ParseEntryForModel(string spelling)
    {
        // Only for the hand-written cases above: lower-case ASCII spellings, optional "*." and ":*"/":port".
        var scheme = spelling[..spelling.IndexOf("://", StringComparison.Ordinal)];
        var rest = spelling[(scheme.Length + 3)..];
        var wildcard = rest.StartsWith("*.", StringComparison.Ordinal);
        rest = wildcard ? rest[2..] : rest;
        var colon = rest.LastIndexOf(':');
        int? port = OriginModel.DefaultPort(scheme);
        if (colon >= 0)
        {
            port = rest[(colon + 1)..] == "*" ? null : int.Parse(rest[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            rest = rest[..colon];
        }

        return new ModelEntry(spelling, scheme, rest, wildcard, port);
    }

    internal static string Escape(string value) =>
        string.Concat(value.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}"));
}
