using Microsoft.AspNetCore.Http;

namespace CorsKit.Tests.Protocol;

public sealed class ClassificationTests
{
    private static HttpRequest Request(string method, string? origin, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("api.example.com");
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        foreach (var (name, value) in headers)
        {
            context.Request.Headers.Append(name, value);
        }

        return context.Request;
    }

    [Fact]
    public void No_origin_is_not_cors() =>
        CorsRequestClassifier.Classify(Request("GET", null)).Should().Be(CorsRequestKind.NotCors);

    [Theory]
    [InlineData("https://api.example.com", "api.example.com")]
    [InlineData("https://api.example.com", "api.example.com:443")]
    [InlineData("https://api.example.com", "API.Example.com")]
    [InlineData("https://api.example.com:8443", "api.example.com:8443")]
    public void Origin_equal_to_the_request_host_is_same_origin(string origin, string host)
    {
        var request = Request("POST", origin);
        request.Host = new HostString(host);

        CorsRequestClassifier.Classify(request).Should().Be(CorsRequestKind.SameOrigin);
    }

    [Theory]
    [InlineData("http://api.example.com")] // other scheme
    [InlineData("https://api.example.com:8443")] // other port
    [InlineData("https://api.example.com.evil.net")]
    [InlineData("https://api.example.co")]
    public void Origin_differing_in_scheme_host_or_port_is_cross_origin(string origin) =>
        CorsRequestClassifier.Classify(Request("POST", origin)).Should().Be(CorsRequestKind.CrossOriginSafelistedMethod);

    [Fact]
    public void Options_with_request_method_is_a_preflight() =>
        CorsRequestClassifier.Classify(Request("OPTIONS", "https://app.example.com", ("Access-Control-Request-Method", "PUT")))
            .Should().Be(CorsRequestKind.Preflight);

    [Fact]
    public void Options_without_request_method_is_an_actual_request_for_the_app() =>
        CorsRequestClassifier.Classify(Request("OPTIONS", "https://app.example.com")).Should().Be(CorsRequestKind.CrossOriginPreflightedMethod);

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("POST")]
    public void Safelisted_methods_with_safelisted_headers_may_be_unpreflighted(string method) =>
        CorsRequestClassifier.Classify(Request(method, "https://app.example.com",
                ("Accept", "application/json"), ("Accept-Language", "en-GB,en;q=0.9"), ("Content-Type", "text/plain;charset=UTF-8"),
                ("User-Agent", "Mozilla/5.0"), ("Referer", "https://app.example.com/page"), ("Sec-Fetch-Mode", "cors")))
            .Should().Be(CorsRequestKind.CrossOriginSafelistedMethod);

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("patch")]
    [InlineData("post")]
    [InlineData("QUERY")]
    public void A_method_that_is_not_safelisted_is_one_a_browser_only_sends_after_a_preflight(string method) =>
        CorsRequestClassifier.Classify(Request(method, "https://app.example.com", ("Content-Type", "text/plain")))
            .Should().Be(CorsRequestKind.CrossOriginPreflightedMethod);

    // Issue 12: these headers arrive on plain cross-site form posts (added by proxies, CDNs or the browser itself), so
    // they must never make a safelisted-method request look preflighted. The old tests asserted the opposite for several
    // of them ("non-simple"), which encoded the defect.
    [Theory]
    [InlineData("POST", "X-Forwarded-For", "203.0.113.7")]
    [InlineData("POST", "CF-Connecting-IP", "203.0.113.7")]
    [InlineData("POST", "X-Request-Id", "1")]
    [InlineData("GET", "If-None-Match", "\"abc\"")]
    [InlineData("GET", "Range", "bytes=0-1,5-6")]
    [InlineData("POST", "Content-Type", "application/json")]
    [InlineData("GET", "Authorization", "Bearer x")]
    [InlineData("GET", "Accept", "text/html(")]
    public void Headers_never_make_a_safelisted_method_look_preflighted(string method, string header, string value) =>
        CorsRequestClassifier.Classify(Request(method, "https://app.example.com", (header, value)))
            .Should().Be(CorsRequestKind.CrossOriginSafelistedMethod);

    [Fact]
    public void A_long_safelisted_header_value_does_not_make_a_request_look_preflighted() =>
        CorsRequestClassifier.Classify(Request("GET", "https://app.example.com", ("Accept", new string('a', 129))))
            .Should().Be(CorsRequestKind.CrossOriginSafelistedMethod);

    [Theory]
    [InlineData("https://a@api.example.com", "a@api.example.com")]
    [InlineData("https://api.example.com/x", "api.example.com/x")]
    [InlineData("https://api.example.com?x", "api.example.com?x")]
    public void An_origin_with_user_info_or_a_path_is_never_same_origin(string origin, string host)
    {
        // Even when a lax Host header carries the same characters, the origin is malformed.
        var request = Request("POST", origin);
        request.Headers.Host = host;

        CorsRequestClassifier.Classify(request).Should().Be(CorsRequestKind.CrossOriginSafelistedMethod);
    }
}
