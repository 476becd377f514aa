namespace CorsKit.Tests.Origins;

public sealed class OriginMatchingTests
{
    private static readonly CorsKitPolicy Policy = new CorsKitPolicyBuilder()
        .WithOrigins("https://app.example.com", "https://*.example.com", "http://localhost:*", "https://*.partner.test:8443")
        .Build();

    [Theory]
    [InlineData("https://app.example.com")]
    [InlineData("https://a.example.com")]
    [InlineData("https://a.b.c.example.com")]
    [InlineData("https://xn--bcher-kva.example.com")]
    [InlineData("http://localhost")]
    [InlineData("http://localhost:5173")]
    [InlineData("http://localhost:65535")]
    [InlineData("https://x.partner.test:8443")]
    public void Allowed(string origin) => Policy.IsOriginAllowed(origin).Should().BeTrue();

    [Theory]
    [InlineData("https://example.com")] // the wildcard needs at least one label
    [InlineData("https://evil-example.com")]
    [InlineData("https://example.com.evil.net")]
    [InlineData("https://a.example.com.evil.net")]
    [InlineData("https://aexample.com")]
    [InlineData("http://a.example.com")] // scheme must match
    [InlineData("https://a.example.com:8443")] // the pattern has the default port only
    [InlineData("https://App.example.com")] // browsers send lower case; anything else is not a browser origin
    [InlineData("https://app.example.com/")]
    [InlineData("https://app.example.com.")]
    [InlineData("https://.example.com")]
    [InlineData("https://a..example.com")]
    [InlineData("https://localhost:5173")]
    [InlineData("http://localhost.evil.net:80")]
    [InlineData("http://localhost:0")]
    [InlineData("http://localhost:65536")]
    [InlineData("http://localhost:08080")]
    [InlineData("http://localhost:80")] // browsers never write the default port
    [InlineData("https://x.partner.test:443")]
    [InlineData("https://x.partner.test")]
    [InlineData("https://x.partner.test:9443")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData(" https://app.example.com")]
    [InlineData("https://app.example.com\r\nX-Evil: 1")]
    [InlineData("https://a.example.com\u0000")]
    [InlineData("https://ä.example.com")]
    [InlineData("https://[::1]")]
    public void Refused(string origin) => Policy.IsOriginAllowed(origin).Should().BeFalse();

    // A value no pattern could match is refused on its text before it is parsed (the common refused origin costs a few
    // comparisons); these are the pattern shapes whose text test differs (any port, bracketed IPv6, trailing dot, a
    // port after the suffix), each with an origin it must still let through to the full match.
    [Theory]
    [InlineData("http://localhost:*", "http://localhost")]
    [InlineData("http://localhost:*", "http://localhost:3000")]
    [InlineData("http://[::1]:*", "http://[::1]:3000")]
    [InlineData("http://[::1]:*", "http://[::1]")]
    [InlineData("https://*.example.com.", "https://a.example.com.")]
    [InlineData("https://*.partner.test:8443", "https://x.partner.test:8443")]
    [InlineData("http://*.localhost:*", "http://app.localhost:5173")]
    public void The_text_test_before_parsing_never_refuses_what_a_pattern_matches(string pattern, string origin)
    {
        var policy = new CorsKitPolicyBuilder().WithOrigins(pattern).Build();
        policy.IsOriginAllowed(origin).Should().BeTrue();
        policy.IsOriginAllowed(origin + "x").Should().BeFalse();
    }

    [Fact]
    public void Null_matches_only_when_listed()
    {
        new CorsKitPolicyBuilder().WithOrigins("https://a.example.com", "null").Build().IsOriginAllowed("null").Should().BeTrue();
        new CorsKitPolicyBuilder().SetIsOriginAllowed(_ => true).Build().IsOriginAllowed("null").Should().BeFalse("a predicate is not an explicit opt-in for null");
    }

    [Fact]
    public void The_predicate_sees_only_well_formed_origins()
    {
        var seen = new List<string>();
        var policy = new CorsKitPolicyBuilder().SetIsOriginAllowed(o =>
        {
            seen.Add(o);
            return true;
        }).Build();

        policy.IsOriginAllowed("https://ok.example").Should().BeTrue();
        policy.IsOriginAllowed("https://bad example").Should().BeFalse();
        policy.IsOriginAllowed("javascript:alert(1)").Should().BeFalse();
        seen.Should().Equal("https://ok.example");
    }

    [Fact]
    public void Exact_lookup_works_for_large_lists()
    {
        var origins = Enumerable.Range(0, 1000).Select(i => $"https://app{i}.example.org").ToArray();
        var policy = new CorsKitPolicyBuilder().WithOrigins(origins).Build();

        policy.IsOriginAllowed("https://app999.example.org").Should().BeTrue();
        policy.IsOriginAllowed("https://app1000.example.org").Should().BeFalse();
    }

    [Fact]
    public void Any_origin_allows_every_origin_including_null()
    {
        var policy = new CorsKitPolicyBuilder().AllowAnyOrigin().Build();

        policy.IsOriginAllowed("null").Should().BeTrue();
        policy.IsOriginAllowed("https://anything.example").Should().BeTrue();
        policy.IsOriginAllowed("http://localhost:8080").Should().BeTrue();
    }

    [Theory]
    [InlineData("https://a b.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://app.example.com/path")]
    [InlineData("NULL")]
    [InlineData("")]
    public void Any_origin_still_refuses_values_no_browser_sends(string origin) =>
        new CorsKitPolicyBuilder().AllowAnyOrigin().Build().IsOriginAllowed(origin).Should().BeFalse();

    [Theory]
    [InlineData("chrome-extension://abcdefghijklmnopabcdefghijklmnop")]
    [InlineData("moz-extension://3f1c9c9e-1d2b-4c4f-8a4b-2f1e0d9c8b7a")]
    [InlineData("capacitor://localhost")]
    [InlineData("https://my_app.example.com")]
    [InlineData("http://[::1]:8080")]
    public void Any_origin_allows_every_origin_a_user_agent_sends(string origin) =>
        new CorsKitPolicyBuilder().AllowAnyOrigin().Build().IsOriginAllowed(origin).Should().BeTrue();
}
