namespace CorsKit.Tests.Policies;

public sealed class PolicyValidationTests
{
    private static CorsKitConfigurationException BuildFails(Action<CorsKitPolicyBuilder> configure)
    {
        var builder = new CorsKitPolicyBuilder();
        configure(builder);
        var act = () => builder.Build();
        return act.Should().Throw<CorsKitConfigurationException>().Which;
    }

    [Theory]
    [InlineData("https://a.example.com/", "trailing slash")]
    [InlineData("https://a.example.com/api", "has a path")]
    [InlineData("https://a.example.com?x=1", "has a query")]
    [InlineData("https://a.example.com#top", "has a fragment")]
    [InlineData("https://user:pw@a.example.com", "user information")]
    [InlineData("a.example.com", "has no scheme")]
    [InlineData("*.example.com", "has no scheme")]
    [InlineData("ftp://a.example.com", "only http and https")]
    [InlineData("https://a.example.com:0", "port")]
    [InlineData("https://a.example.com:70000", "port")]
    [InlineData("https://a.example.com:8o", "port")]
    [InlineData("https://*", "misplaced wildcard")]
    [InlineData("https://a.*.com", "misplaced wildcard")]
    [InlineData("https://*a.example.com", "misplaced wildcard")]
    [InlineData("https://*.com", "top-level domain")]
    [InlineData("https://a b.com", "white space")]
    [InlineData("", "is empty")]
    [InlineData("https://", "no host")]
    [InlineData("https://exa!mple.com", "invalid host")]
    [InlineData("https://xn--.example.com", "Punycode")]
    [InlineData("http://0x7f000001", "IPv4 address 127.0.0.1")]
    [InlineData("https://[::1", "unterminated IPv6")]
    [InlineData("https://[zz::1]", "invalid IPv6")]
    [InlineData("https://*.0.1", "IPv4")]
    [InlineData("http://127.1", "IPv4")]
    [InlineData("http://0x7f.0.0.1", "IPv4")]
    [InlineData("https://*.co.uk", "anyone can register")]
    [InlineData("https://*.github.io", "anyone can register")]
    public void Malformed_origins_are_rejected_with_the_value_and_the_fix(string origin, string expected)
    {
        var exception = BuildFails(p => p.WithOrigins(origin));

        var error = exception.Errors.Should().ContainSingle().Which;
        error.Setting.Should().Be(CorsKitSetting.Origins);
        error.Problem.Should().Be(CorsKitProblem.Malformed);
        error.Index.Should().Be(0);
        error.Value.Should().Be(origin);
        error.Message.Should().Contain(expected);
        exception.Message.Should().Contain(expected);
    }

    [Theory]
    [InlineData("HTTPS://App.Example.COM", "https://app.example.com")]
    [InlineData("https://app.example.com:443", "https://app.example.com")]
    [InlineData("http://app.example.com:80", "http://app.example.com")]
    [InlineData("http://localhost:8080", "http://localhost:8080")]
    [InlineData("https://bücher.example", "https://xn--bcher-kva.example")]
    [InlineData("https://*.Example.com", "https://*.example.com")]
    [InlineData("http://localhost:*", "http://localhost:*")]
    [InlineData("http://[0:0:0:0:0:0:0:1]:3000", "http://[::1]:3000")]
    [InlineData("http://[::ffff:127.0.0.1]", "http://[::ffff:7f00:1]")]
    [InlineData("http://[1:0:0:1:0:0:1:1]", "http://[1::1:0:0:1:1]")]
    [InlineData("http://[FE80:0:0:0:0:0:0:1]:8080", "http://[fe80::1]:8080")]
    [InlineData("null", "null")]
    public void Unambiguous_spellings_are_normalised_to_the_browser_serialisation(string configured, string normalised)
    {
        var policy = new CorsKitPolicyBuilder().WithOrigins(configured).Build();

        policy.Origins.Should().Equal(normalised);
    }

    [Fact]
    public void Every_problem_is_reported_in_one_exception()
    {
        var exception = BuildFails(p => p
            .AllowAnyOrigin()
            .WithOrigins("https://ok.example.com/", "http://plain.example.com")
            .WithMethods("TRACE", "GET POST", "connect")
            .WithHeaders("Cookie", "Sec-Fetch-Mode", "Bad Header", "Proxy-Authorization")
            .WithExposedHeaders("Set-Cookie", "*")
            .AllowCredentials()
            .SetPreflightMaxAge(TimeSpan.FromSeconds(-1))
            .SetPreflightSuccessStatusCode(302));

        exception.Errors.Select(e => (e.Setting.ToString(), e.Value)).Should().BeEquivalentTo(new (string, string?)[]
        {
            ("Credentials", null),
            ("Origins", "https://ok.example.com/"),
            ("Origins", "http://plain.example.com"),
            ("Methods", "TRACE"),
            ("Methods", "GET POST"),
            ("Methods", "connect"),
            ("Headers", "Cookie"),
            ("Headers", "Sec-Fetch-Mode"),
            ("Headers", "Bad Header"),
            ("Headers", "Proxy-Authorization"),
            ("ExposedHeaders", "Set-Cookie"),
            ("ExposedHeaders", "*"),
            ("PreflightMaxAge", "-00:00:01"),
            ("PreflightSuccessStatusCode", "302"),
        });
        exception.Message.Should().StartWith("The CORS policy is invalid (14 problems):");
    }

    [Fact]
    public void Any_origin_with_credentials_is_rejected_and_explains_why()
    {
        var exception = BuildFails(p => p.AllowAnyOrigin().AllowCredentials());

        exception.Errors.Should().ContainSingle().Which.Message.Should().Contain("cannot be combined with AllowCredentials()");
    }

    [Theory]
    [InlineData("http://app.example.com")]
    [InlineData("http://*.example.com")]
    [InlineData("http://app.example.com:*")]
    public void Plain_http_origins_with_credentials_need_the_dangerous_opt_in(string origin)
    {
        BuildFails(p => p.WithOrigins(origin).AllowCredentials())
            .Errors.Should().ContainSingle().Which.Message.Should().Contain("DangerouslyAllowInsecureOriginsWithCredentials");

        var policy = new CorsKitPolicyBuilder().WithOrigins(origin).AllowCredentials().DangerouslyAllowInsecureOriginsWithCredentials().Build();
        policy.SupportsCredentials.Should().BeTrue();
    }

    [Theory]
    [InlineData("http://localhost:*")]
    [InlineData("http://localhost:5173")]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://[::1]:3000")]
    [InlineData("http://app.localhost")]
    public void Loopback_http_origins_may_use_credentials(string origin)
    {
        var policy = new CorsKitPolicyBuilder().WithOrigins(origin).AllowCredentials().Build();

        policy.SupportsCredentials.Should().BeTrue();
    }

    [Fact]
    public void Null_with_credentials_needs_the_dangerous_opt_in()
    {
        BuildFails(p => p.WithOrigins("https://app.example.com", "null").AllowCredentials())
            .Errors.Should().ContainSingle().Which.Message.Should().Contain("sandboxed iframes");

        new CorsKitPolicyBuilder().WithOrigins("null").AllowCredentials().DangerouslyAllowInsecureOriginsWithCredentials().Build()
            .IsOriginAllowed("null").Should().BeTrue();
    }

    [Fact]
    public void Policy_lists_cannot_be_changed_through_the_public_properties()
    {
        var policy = new CorsKitPolicyBuilder().WithOrigins("https://a.example.com").WithMethods("PUT").Build();

        policy.Methods.Should().BeAssignableTo<System.Collections.ObjectModel.ReadOnlyCollection<string>>();
        policy.Origins.Should().NotBeOfType<string[]>();
    }

    [Fact]
    public void A_policy_that_allows_no_origin_is_rejected()
    {
        BuildFails(p => p.WithMethods("PUT")).Errors.Should().ContainSingle().Which.Message.Should().Contain("no origin is allowed");
    }

    [Fact]
    public void Origin_predicate_with_credentials_is_allowed()
    {
        var policy = new CorsKitPolicyBuilder().SetIsOriginAllowed(o => o.EndsWith(".corp.example", StringComparison.Ordinal)).AllowCredentials().Build();

        policy.HasOriginPredicate.Should().BeTrue();
        policy.IsOriginAllowed("https://hr.corp.example").Should().BeTrue();
        policy.IsOriginAllowed("https://corp.example.evil").Should().BeFalse();
    }

    [Fact]
    public void Methods_browsers_normalise_are_upper_cased_and_others_keep_their_case()
    {
        var policy = new CorsKitPolicyBuilder().WithOrigins("https://a.example.com").WithMethods("put", "Delete", "PATCH", "patch", "PUT").Build();

        policy.Methods.Should().Equal("PUT", "DELETE", "PATCH", "patch");
    }

    [Fact]
    public void Header_names_are_lower_cased_and_deduplicated()
    {
        var policy = new CorsKitPolicyBuilder().WithOrigins("https://a.example.com").WithHeaders("Content-Type", "X-Request-Id", "content-type").Build();

        policy.Headers.Should().Equal("content-type", "x-request-id");
    }

    [Fact]
    public void Star_means_any_in_every_list_as_in_microsoft_cors()
    {
        var policy = new CorsKitPolicyBuilder().WithOrigins("*").WithMethods("*").WithHeaders("*").WithExposedHeaders("*").Build();

        policy.AllowsAnyOrigin.Should().BeTrue();
        policy.AllowsAnyMethod.Should().BeTrue();
        policy.AllowsAnyHeader.Should().BeTrue();
        policy.ExposesAllHeaders.Should().BeTrue();
    }

    [Fact]
    public void Max_age_zero_and_not_set_are_different()
    {
        new CorsKitPolicyBuilder().AllowAnyOrigin().SetPreflightMaxAge(TimeSpan.Zero).Build().PreflightMaxAge.Should().Be(TimeSpan.Zero);
        new CorsKitPolicyBuilder().AllowAnyOrigin().Build().PreflightMaxAge.Should().BeNull();
    }

    [Fact]
    public void Null_arguments_fail_fast()
    {
        var builder = new CorsKitPolicyBuilder();

        builder.Invoking(b => b.WithOrigins(null!)).Should().Throw<ArgumentNullException>();
        builder.Invoking(b => b.SetIsOriginAllowed(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Options_name_the_policy_in_the_error()
    {
        var options = new CorsKitOptions();

        var act = () => options.AddPolicy("partners", p => p.WithOrigins("https://partner.example.net/"));

        act.Should().Throw<CorsKitConfigurationException>()
            .Which.Message.Should().StartWith("The CORS policy 'partners' is invalid (1 problem):")
            .And.Contain("Origins[0] 'https://partner.example.net/' has a trailing slash");
    }
}
