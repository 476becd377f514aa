namespace CorsKit.Tests.Origins;

/// <summary>
/// Issue 12, "origins exactly as browsers serialise them": what a browser's URL parser writes in <c>Origin</c> can be
/// listed and matched; what it cannot write is refused at startup (with the browser's spelling where there is one) and
/// never granted at run time, by exact entries, patterns or the predicate.
/// </summary>
public sealed class BrowserSerialisedOriginTests
{
    private static CorsKitPolicy Build(params string[] origins) => new CorsKitPolicyBuilder().WithOrigins(origins).Build();

    private static CorsKitPolicy BuildWithCredentials(params string[] origins) =>
        new CorsKitPolicyBuilder().WithOrigins(origins).AllowCredentials().Build();

    private static CorsKitConfigurationError SingleError(string origin)
    {
        var act = () => Build(origin);
        var error = act.Should().Throw<CorsKitConfigurationException>().Which.Errors.Should().ContainSingle().Which;
        error.Setting.Should().Be(CorsKitSetting.Origins);
        error.Problem.Should().Be(CorsKitProblem.Malformed);
        error.Value.Should().Be(origin);
        return error;
    }

    // Underscores: the URL standard keeps them, browsers send them.

    [Fact]
    public void A_host_with_an_underscore_can_be_listed_and_is_granted()
    {
        var policy = BuildWithCredentials("https://my_app.example.com");

        policy.Origins.Should().Equal("https://my_app.example.com");
        policy.IsOriginAllowed("https://my_app.example.com").Should().BeTrue();
        policy.IsOriginAllowed("https://myapp.example.com").Should().BeFalse();
    }

    [Theory]
    [InlineData("https://my_app.example.com")]
    [InlineData("https://_dmarc.example.com")]
    [InlineData("https://a_.b_c.example.com")]
    public void A_wildcard_pattern_matches_hosts_with_underscores(string origin) =>
        BuildWithCredentials("https://*.example.com").IsOriginAllowed(origin).Should().BeTrue();

    [Fact]
    public void The_predicate_sees_hosts_with_underscores()
    {
        var seen = new List<string>();
        var policy = new CorsKitPolicyBuilder().SetIsOriginAllowed(origin =>
        {
            seen.Add(origin);
            return true;
        }).Build();

        policy.IsOriginAllowed("https://my_app.example.com").Should().BeTrue();
        seen.Should().Equal("https://my_app.example.com");
    }

    [Fact]
    public void A_wildcard_over_a_suffix_with_an_underscore_is_accepted() =>
        Build("https://*.my_team.example.com").IsOriginAllowed("https://a.my_team.example.com").Should().BeTrue();

    // *.localhost: every name under localhost is loopback (RFC 6761), so plain http is fine with credentials.

    [Theory]
    [InlineData("http://*.localhost:*")]
    [InlineData("http://*.localhost")]
    [InlineData("http://*.localhost:5173")]
    public void A_wildcard_under_localhost_is_accepted_with_credentials(string configured)
    {
        var policy = BuildWithCredentials(configured);

        policy.SupportsCredentials.Should().BeTrue();
        policy.Origins.Should().Equal(configured);
    }

    [Theory]
    [InlineData("http://app.localhost:5173", true)]
    [InlineData("http://a.b.localhost:3000", true)]
    [InlineData("http://app.localhost", true)]
    [InlineData("http://localhost:5173", false)] // the wildcard needs a label of its own, as everywhere
    [InlineData("https://app.localhost:5173", false)] // scheme must match
    [InlineData("http://app.localhost.evil.net:5173", false)]
    [InlineData("http://applocalhost:5173", false)]
    public void A_wildcard_under_localhost_matches_names_under_localhost_only(string origin, bool granted) =>
        BuildWithCredentials("http://*.localhost:*").IsOriginAllowed(origin).Should().Be(granted);

    // Hosts a browser reads as IPv4 in other notations are refused with the browser's spelling.

    [Theory]
    [InlineData("http://0x7f000001", "127.0.0.1")]
    [InlineData("http://0X7F000001:8080", "127.0.0.1")]
    [InlineData("http://0177.0.0.1", "127.0.0.1")]
    [InlineData("http://0x7f.0.0.1", "127.0.0.1")]
    [InlineData("http://1.0x2.3.4", "1.2.3.4")]
    [InlineData("http://127.1", "127.0.0.1")]
    [InlineData("http://10.1.2", "10.1.0.2")]
    [InlineData("http://2130706433", "127.0.0.1")]
    [InlineData("http://192.168.0.1.", "192.168.0.1")]
    [InlineData("http://0x", "0.0.0.0")]
    [InlineData("http://app.example.0x10", "cannot parse")]
    [InlineData("http://1.2.3.256", "cannot parse")]
    [InlineData("http://4294967296", "cannot parse")]
    [InlineData("http://08.0.0.1", "cannot parse")] // "08" is not octal: the last label is a number, so the browser fails the URL
    public void Hosts_browsers_read_as_IPv4_in_another_notation_are_refused_with_the_browser_spelling(string origin, string expected)
    {
        var error = SingleError(origin);
        error.Message.Should().Contain(expected);
        if (!expected.Contains(' ', StringComparison.Ordinal))
        {
            error.Message.Should().Contain("IPv4").And.Contain($"write it as {expected}");
        }
    }

    [Theory]
    [InlineData("http://0x7f000001")]
    [InlineData("http://0177.0.0.1")]
    [InlineData("http://127.1")]
    [InlineData("http://127.0.0.1.")]
    [InlineData("http://127.000.0.1")]
    [InlineData("http://1.0x2.3.4")]
    public void Request_origins_with_IPv4_in_another_notation_are_never_granted(string origin)
    {
        Build("http://127.0.0.1:*", "http://*.example.com:*").IsOriginAllowed(origin).Should().BeFalse();
        new CorsKitPolicyBuilder().SetIsOriginAllowed(_ => true).Build().IsOriginAllowed(origin).Should().BeFalse("the predicate never sees an origin a browser cannot send");
    }

    // A trailing dot is its own origin.

    [Fact]
    public void A_trailing_dot_host_is_listed_as_its_own_origin()
    {
        var dotted = Build("http://example.com.:3999");
        dotted.Origins.Should().Equal("http://example.com.:3999");
        dotted.IsOriginAllowed("http://example.com.:3999").Should().BeTrue();
        dotted.IsOriginAllowed("http://example.com:3999").Should().BeFalse();

        Build("http://example.com:3999").IsOriginAllowed("http://example.com.:3999").Should().BeFalse("example.com. is not example.com");
    }

    [Fact]
    public void A_trailing_dot_host_is_normalised_like_any_other()
    {
        Build("HTTPS://App.Example.COM.:443").Origins.Should().Equal("https://app.example.com.");
        Build("https://bücher.example.").Origins.Should().Equal("https://xn--bcher-kva.example.");
    }

    [Theory]
    [InlineData("https://*.example.com", "https://a.example.com.", false)]
    [InlineData("https://*.example.com", "https://a.example.com", true)]
    [InlineData("https://*.example.com.", "https://a.example.com.", true)]
    [InlineData("https://*.example.com.", "https://a.b.example.com.", true)]
    [InlineData("https://*.example.com.", "https://a.example.com", false)]
    [InlineData("https://*.example.com.", "https://example.com.", false)]
    [InlineData("http://localhost.:*", "http://localhost.:3000", true)]
    [InlineData("http://localhost:*", "http://localhost.:3000", false)]
    public void A_wildcard_matches_trailing_dot_hosts_only_when_written_with_the_dot(string configured, string origin, bool granted) =>
        Build(configured).IsOriginAllowed(origin).Should().Be(granted);

    [Theory]
    [InlineData("https://example.com..")]
    [InlineData("https://.")]
    [InlineData("https://example..com")]
    public void Empty_labels_other_than_the_trailing_one_are_refused(string origin) =>
        SingleError(origin).Message.Should().Contain("invalid host name");

    [Theory]
    [InlineData("https://app.example.com..")]
    [InlineData("https://app..example.com")]
    [InlineData("https://.app.example.com")]
    [InlineData("https://.")]
    public void Request_origins_with_empty_labels_are_never_granted(string origin) =>
        Build("https://*.example.com", "https://app.example.com.").IsOriginAllowed(origin).Should().BeFalse();

    // An empty port is the default port in configuration, and never sent by a browser.

    [Theory]
    [InlineData("https://app.example.com:", "https://app.example.com")]
    [InlineData("http://localhost:", "http://localhost")]
    [InlineData("http://[::1]:", "http://[::1]")]
    [InlineData("https://*.example.com:", "https://*.example.com")]
    public void An_empty_port_in_configuration_is_the_default_port(string configured, string normalised) =>
        Build(configured).Origins.Should().Equal(normalised);

    [Theory]
    [InlineData("https://app.example.com:")]
    [InlineData("https://a.example.com:")]
    [InlineData("http://localhost:")]
    public void A_request_origin_with_an_empty_port_is_never_granted(string origin) =>
        Build("https://app.example.com", "https://*.example.com", "http://localhost:*").IsOriginAllowed(origin).Should().BeFalse();

    // Lengths: a name lookup takes labels of at most 63 and names of at most 253 characters.

    [Fact]
    public void A_wildcard_that_can_never_match_is_a_startup_error()
    {
        var suffix = LongName(252);
        var error = SingleError("https://*." + suffix);

        error.Message.Should().Contain("can never match").And.Contain("253");
    }

    [Fact]
    public void The_longest_wildcard_suffix_that_can_still_match_is_accepted_and_matches()
    {
        var suffix = LongName(251);
        var policy = Build("https://*." + suffix);

        policy.IsOriginAllowed("https://a." + suffix).Should().BeTrue("a one-letter label makes a 253-character name");
        policy.IsOriginAllowed("https://ab." + suffix).Should().BeFalse("254 characters is longer than any name a browser can look up");
    }

    [Fact]
    public void Names_and_labels_longer_than_a_lookup_allows_are_refused()
    {
        SingleError("https://" + new string('a', 64) + ".example.com").Message.Should().Contain("invalid host name");
        SingleError("https://" + LongName(254)).Message.Should().Contain("longer than 253");
        Build("https://" + new string('a', 63) + ".example.com").Origins.Should().ContainSingle();
        Build("https://" + LongName(253) + ".").Origins.Should().ContainSingle("the trailing dot does not count");
    }

    [Fact]
    public void Request_origins_with_a_label_longer_than_63_are_never_granted() =>
        Build("https://*.example.com").IsOriginAllowed("https://" + new string('a', 64) + ".example.com").Should().BeFalse();

    // xn-- labels must be valid Punycode, in configuration and in requests.

    [Theory]
    [InlineData("https://xn--.example.com")]
    [InlineData("https://xn--a.example.com")]
    [InlineData("https://xn--abc-.example.com")]
    [InlineData("https://xn--zzzzzzzzzzzzzzzzzzzz.example.com")]
    [InlineData("https://*.xn--.example.com")]
    public void Configured_labels_that_are_not_valid_Punycode_are_refused(string origin) =>
        SingleError(origin).Message.Should().Contain("Punycode");

    [Theory]
    [InlineData("https://xn--.example.com")] // empty Punycode: the raw-socket finding of issue 12
    [InlineData("https://a.xn--.example.com")]
    [InlineData("https://xn--a.example.com")] // decodes to U+0080, a control character
    [InlineData("https://xn--abc-.example.com")] // decodes to "abc": an ACE label must stand for something non-ASCII
    [InlineData("https://xn---abc.example.com")] // a leading delimiter
    [InlineData("https://xn--99999999999999.example.com")] // overflow
    [InlineData("https://xn--zzzzzzzzzzzzzzzzzzzz.example.com")] // beyond U+10FFFF
    [InlineData("https://xn--bcher_kva.example.com")] // '_' is not a Punycode digit
    [InlineData("https://xn--ls8h-.example.com")] // the basic part must be ASCII letters or digits, a trailing delimiter
    public void Request_origins_with_invalid_Punycode_are_never_granted(string origin)
    {
        BuildWithCredentials("https://*.example.com").IsOriginAllowed(origin).Should().BeFalse();
        new CorsKitPolicyBuilder().SetIsOriginAllowed(_ => true).Build().IsOriginAllowed(origin).Should().BeFalse();
    }

    [Theory]
    [InlineData("https://xn--bcher-kva.example.com")] // bücher
    [InlineData("https://xn--mnchen-3ya.example.com")] // münchen
    [InlineData("https://xn--wgv71a119e.example.com")] // 日本語
    [InlineData("https://xn--e1afmkfd.example.com")] // пример
    [InlineData("https://xn--4dbrk0ce.example.com")] // ישראל
    [InlineData("https://xn--mgbh0fb.example.com")] // مثال
    [InlineData("https://xn--ls8h.example.com")] // 💩, which browsers accept
    public void Request_origins_with_valid_Punycode_are_granted_by_patterns(string origin) =>
        BuildWithCredentials("https://*.example.com").IsOriginAllowed(origin).Should().BeTrue();

    [Theory]
    [InlineData("bcher-kva", "bücher")]
    [InlineData("egbpdaj6bu4bxfgehfvwxn", "\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064A\u061F")] // RFC 3492 7.1 (A)
    [InlineData("ihqwcrb4cv8a8dqg056pqjye", "\u4ED6\u4EEC\u4E3A\u4EC0\u4E48\u4E0D\u8BF4\u4E2D\u6587")] // RFC 3492 7.1 (B)
    [InlineData("3b-ww4c5e180e575a65lsy2b", "3\u5E74b\u7D44\u91D1\u516B\u5148\u751F")] // RFC 3492 7.1 (L)
    [InlineData("-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n", "\u5B89\u5BA4\u5948\u7F8E\u6075-with-SUPER-MONKEYS")] // RFC 3492 7.1 (M)
    public void The_Punycode_decoder_follows_RFC_3492(string encoded, string expected)
    {
        Span<int> output = stackalloc int[64];

        CorsKit.Origins.PunycodeLabel.TryDecode(encoded, output, out var length).Should().BeTrue();

        var decoded = string.Concat(output[..length].ToArray().Select(char.ConvertFromUtf32));
        decoded.Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("-abc")]
    [InlineData("99999999999")]
    [InlineData("ab!c")]
    [InlineData("\u00e4-kva")]
    [InlineData("zzzzzzzzzzzzzzzzzzzz")]
    public void The_Punycode_decoder_refuses_bad_input_without_throwing(string encoded)
    {
        Span<int> output = stackalloc int[64];

        CorsKit.Origins.PunycodeLabel.TryDecode(encoded, output, out _).Should().BeFalse();
        CorsKit.Origins.PunycodeLabel.IsValid("xn--" + encoded).Should().BeFalse();
    }

    [Fact]
    public void A_label_that_decodes_to_a_control_character_is_not_valid()
    {
        Span<int> output = stackalloc int[64];

        CorsKit.Origins.PunycodeLabel.TryDecode("a", output, out var length).Should().BeTrue();
        output[..length].ToArray().Should().Equal(0x80);
        CorsKit.Origins.PunycodeLabel.IsValid("xn--a").Should().BeFalse();
    }

    [Theory]
    [InlineData("https://xn--bcher-kva.example.com", true)]
    [InlineData("https://xn--4dbrk0ce.example.com", true)]
    [InlineData("https://xn--.example.com", false)]
    [InlineData("https://xn--99999999999.example.com", false)]
    [InlineData("https://my_app.example.com.", false)]
    public void Matching_an_origin_with_Punycode_labels_allocates_nothing(string origin, bool granted)
    {
        var policy = Build("https://*.example.com");
        policy.IsOriginAllowed(origin).Should().Be(granted); // warm up (JIT, static data)

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            policy.IsOriginAllowed(origin);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0, "the Punycode check decodes on the stack");
    }

    // Everything else that is not an origin a browser sends.

    [Theory]
    [InlineData("https://user@app.example.com")]
    [InlineData("https://app.example.com/")]
    [InlineData("https://app.example.com/path")]
    [InlineData("https://App.example.com")]
    [InlineData("https://app.example.com:443")]
    [InlineData("https://app!.example.com")]
    [InlineData("https://app~.example.com")]
    public void Other_values_no_browser_sends_are_never_granted(string origin) =>
        BuildWithCredentials("https://app.example.com", "https://*.example.com").IsOriginAllowed(origin).Should().BeFalse();

    [Theory]
    [InlineData("https://-app.example.com")]
    [InlineData("https://app-.example.com")]
    [InlineData("https://a--b.example.com")]
    public void Hyphens_anywhere_in_a_label_are_accepted_as_browsers_send_them(string origin)
    {
        Build(origin).IsOriginAllowed(origin).Should().BeTrue();
        Build("https://*.example.com").IsOriginAllowed(origin).Should().BeTrue();
    }

    // IPv6: only the compressed, lower-case form a browser writes.

    [Theory]
    [InlineData("http://[0:0:0:0:0:0:0:1]")]
    [InlineData("http://[0::1]:3000")]
    [InlineData("http://[::ffff:127.0.0.1]")]
    [InlineData("http://[2001:db8:0:0:1:0:0:1]")]
    [InlineData("http://[2001:DB8::1]")]
    [InlineData("http://[::1%25eth0]")]
    [InlineData("http://[1::2::3]")]
    [InlineData("http://[12345::1]")]
    public void Request_origins_with_IPv6_not_in_browser_form_are_never_granted(string origin)
    {
        Build("http://[::1]:*", "http://[2001:db8::1:0:0:1]").IsOriginAllowed(origin).Should().BeFalse();
        new CorsKitPolicyBuilder().SetIsOriginAllowed(_ => true).Build().IsOriginAllowed(origin).Should().BeFalse();
    }

    [Theory]
    [InlineData("http://[::1]")]
    [InlineData("http://[::1]:3000")]
    [InlineData("http://[::ffff:7f00:1]")]
    [InlineData("http://[2001:db8::1:0:0:1]")]
    [InlineData("http://[1:2:3:4:5:6:7:8]")]
    [InlineData("http://[::]")]
    [InlineData("http://[1::]")]
    public void Request_origins_with_IPv6_in_browser_form_reach_the_predicate(string origin) =>
        new CorsKitPolicyBuilder().SetIsOriginAllowed(_ => true).Build().IsOriginAllowed(origin).Should().BeTrue();

    private static string LongName(int length)
    {
        // Labels of 62 letters and a dot, then a last label to make the length exact (never starting with a digit).
        var name = new System.Text.StringBuilder();
        while (length - name.Length > 63)
        {
            name.Append(new string('a', 62)).Append('.');
        }

        name.Append(new string('b', length - name.Length));
        return name.ToString();
    }
}
