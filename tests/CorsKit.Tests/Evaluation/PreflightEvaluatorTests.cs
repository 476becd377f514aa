using CorsKit.Evaluation;
using Microsoft.Extensions.Primitives;

namespace CorsKit.Tests.Evaluation;

public sealed class PreflightEvaluatorTests
{
    private const string App = "https://app.example.com";

    private static readonly CorsKitPolicy Listed = new CorsKitPolicyBuilder()
        .WithOrigins(App).WithMethods("PUT", "PATCH").WithHeaders("Content-Type", "X-Request-Id").AllowCredentials().Build();

    private static CorsDecision Evaluate(CorsKitPolicy policy, string method, string? headers = null, string origin = App) =>
        PolicyCompilation.Preflight(policy.Compile(), origin, method, headers is null ? StringValues.Empty : new StringValues(headers));

    [Fact]
    public void Allowed_preflight_lists_the_configured_methods_and_headers()
    {
        var decision = Evaluate(Listed, "PUT", "x-request-id,content-type");

        decision.Refusal.Should().Be(CorsRefusal.None);
        decision.AllowMethods.ToString().Should().Be("PUT, PATCH");
        decision.AllowHeaders.ToString().Should().Be("content-type, x-request-id");
    }

    [Fact]
    public void Refused_origin_gets_nothing()
    {
        var decision = Evaluate(Listed, "PUT", origin: "https://evil.example.com");

        decision.Refusal.Should().Be(CorsRefusal.Origin);
        decision.AllowMethods.Should().BeEmpty();
        decision.AllowHeaders.Should().BeEmpty();
    }

    [Theory]
    [InlineData("patch")]
    [InlineData("Put")]
    [InlineData("DELETE")]
    public void Methods_are_compared_case_sensitively(string method)
    {
        var decision = Evaluate(Listed, method);

        decision.Refusal.Should().Be(CorsRefusal.Method);
        decision.AllowMethods.ToString().Should().Be("PUT, PATCH", "the browser's console names the refused method against this list");
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("POST")]
    public void Safelisted_methods_are_never_refused_even_when_not_listed(string method) =>
        Evaluate(Listed, method, "content-type").Refusal.Should().Be(CorsRefusal.None);

    [Theory]
    [InlineData("PUT, DELETE")]
    [InlineData("P UT")]
    [InlineData("")]
    public void Malformed_request_method_is_refused(string method) =>
        Evaluate(new CorsKitPolicyBuilder().WithOrigins(App).AllowAnyMethod().Build(), method).Refusal.Should().Be(CorsRefusal.Method);

    [Fact]
    public void Several_request_method_lines_are_refused() =>
        PolicyCompilation.Preflight(Listed.Compile(), App, new StringValues(["PUT", "PATCH"]), StringValues.Empty).Refusal.Should().Be(CorsRefusal.Method);

    [Fact]
    public void Any_method_without_credentials_answers_star()
    {
        var policy = new CorsKitPolicyBuilder().WithOrigins(App).AllowAnyMethod().Build();

        Evaluate(policy, "PURGE").AllowMethods.ToString().Should().Be("*");
    }

    [Fact]
    public void Any_method_with_credentials_echoes_the_validated_method()
    {
        var policy = new CorsKitPolicyBuilder().WithOrigins(App).AllowAnyMethod().AllowCredentials().Build();

        var decision = Evaluate(policy, "PURGE");

        decision.Refusal.Should().Be(CorsRefusal.None);
        decision.AllowMethods.ToString().Should().Be("PURGE");
    }

    [Theory]
    [InlineData("authorization")]
    [InlineData("x-other")]
    [InlineData("content-type, x-other")]
    public void A_header_not_listed_is_refused_with_the_allowed_list(string headers)
    {
        var decision = Evaluate(Listed, "PUT", headers);

        decision.Refusal.Should().Be(CorsRefusal.Headers);
        decision.AllowHeaders.ToString().Should().Be("content-type, x-request-id");
        CorsEvaluator.DescribeRefusedHeader(Listed.Compile(), headers).Should().Be(headers.Split(',').Last().Trim());
    }

    [Fact]
    public void Header_names_are_compared_case_insensitively_with_any_spacing() =>
        Evaluate(Listed, "PUT", " Content-Type ,X-REQUEST-ID,, ").Refusal.Should().Be(CorsRefusal.None);

    [Fact]
    public void Authorization_is_covered_when_named() =>
        Evaluate(new CorsKitPolicyBuilder().WithOrigins(App).WithHeaders("Authorization").Build(), "GET", "authorization")
            .Refusal.Should().Be(CorsRefusal.None);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Any_header_echoes_the_validated_list_so_authorization_is_covered(bool credentials)
    {
        var builder = new CorsKitPolicyBuilder().WithOrigins(App).AllowAnyHeader();
        var policy = (credentials ? builder.AllowCredentials() : builder).Build();

        var decision = Evaluate(policy, "GET", "authorization,x-custom");

        decision.Refusal.Should().Be(CorsRefusal.None);
        decision.AllowHeaders.ToString().Should().Be("authorization,x-custom");
    }

    [Fact]
    public void Any_header_joins_a_list_split_over_several_lines()
    {
        var policy = new CorsKitPolicyBuilder().WithOrigins(App).AllowAnyHeader().Build();

        var decision = PolicyCompilation.Preflight(policy.Compile(), App, "PUT", new StringValues(["authorization", "x-custom"]));

        decision.AllowHeaders.ToString().Should().Be("authorization, x-custom");
    }

    [Theory]
    [InlineData("x-ok, bad header")]
    [InlineData("x-ok, x-\r\nevil")]
    [InlineData("x-ok; x-other")]
    public void Any_header_never_echoes_invalid_names(string headers)
    {
        var policy = new CorsKitPolicyBuilder().WithOrigins(App).AllowAnyHeader().Build();

        Evaluate(policy, "GET", headers).Refusal.Should().Be(CorsRefusal.Headers);
    }

    [Fact]
    public void No_requested_headers_means_no_allow_headers()
    {
        Evaluate(Listed, "PUT").AllowHeaders.Should().BeEmpty();
        Evaluate(Listed, "PUT", " , ").AllowHeaders.Should().BeEmpty();
    }

    [Fact]
    public void Oversized_header_lists_are_refused_without_parsing_them()
    {
        var policy = new CorsKitPolicyBuilder().WithOrigins(App).AllowAnyHeader().Build();

        Evaluate(policy, "GET", new string(',', 100_000)).Refusal.Should().Be(CorsRefusal.Headers);
        Evaluate(policy, "GET", string.Join(",", Enumerable.Range(0, 65).Select(i => $"x-{i}"))).Refusal.Should().Be(CorsRefusal.Headers);
        Evaluate(policy, "GET", string.Join(",", Enumerable.Range(0, 64).Select(i => $"x-{i}"))).Refusal.Should().Be(CorsRefusal.None);
    }
}

public sealed class RequestHeadersMemoTests
{
    private const string App = "https://app.example.com";

    [Fact]
    public void A_repeated_allowed_list_gets_the_same_answer_and_a_refused_list_is_never_memoised()
    {
        var policy = new CorsKitPolicyBuilder().WithOrigins(App).WithHeaders("X-A", "X-B").Build().Compile();

        var first = PolicyCompilation.Preflight(policy, App, "GET", "x-a,x-b");
        var again = PolicyCompilation.Preflight(policy, App, "GET", "x-a,x-b");
        var refused = PolicyCompilation.Preflight(policy, App, "GET", "x-a,x-c");
        var refusedAgain = PolicyCompilation.Preflight(policy, App, "GET", "x-a,x-c");

        again.Should().Be(first);
        again.Refusal.Should().Be(CorsRefusal.None);
        refused.Refusal.Should().Be(CorsRefusal.Headers);
        refusedAgain.Refusal.Should().Be(CorsRefusal.Headers);
        PolicyCompilation.Preflight(policy, App, "GET", "x-a,x-b").Refusal.Should().Be(CorsRefusal.None);
    }

    [Fact]
    public void The_memo_belongs_to_one_policy()
    {
        var wide = new CorsKitPolicyBuilder().WithOrigins(App).AllowAnyHeader().Build().Compile();
        var narrow = new CorsKitPolicyBuilder().WithOrigins(App).WithHeaders("X-A").Build().Compile();

        PolicyCompilation.Preflight(wide, App, "GET", "x-a,authorization").AllowHeaders.ToString().Should().Be("x-a,authorization");
        PolicyCompilation.Preflight(wide, App, "GET", "x-a,authorization").AllowHeaders.ToString().Should().Be("x-a,authorization");
        PolicyCompilation.Preflight(narrow, App, "GET", "x-a,authorization").Refusal.Should().Be(CorsRefusal.Headers);
    }
}
