using CorsKit.Testing.Tests.Infrastructure;
using static CorsKit.Testing.Tests.Infrastructure.ScriptedServer;

namespace CorsKit.Testing.Tests.Verdicts;

/// <summary>Fetch's CORS check on an actual response, with Chromium 156's console text for each failure.</summary>
public sealed class CorsCheckVerdictTests
{
    private const string Blocked = "Access to fetch at 'https://api.example.com/data' from origin 'https://app.example.com' has been blocked by CORS policy: ";

    [Fact]
    public async Task A_simple_GET_with_the_echoed_origin_is_allowed_without_a_preflight()
    {
        var engine = Engine(r => Reply.Ok(("Access-Control-Allow-Origin", r.OriginOf()), ("Content-Type", "text/plain")), out var server);

        var verdict = await engine.FetchAsync(Request());

        verdict.Allowed.Should().BeTrue();
        verdict.Failure.Should().Be(CorsFailure.None);
        verdict.ConsoleMessage.Should().BeEmpty();
        verdict.PreflightRequired.Should().BeFalse();
        verdict.Status.Should().Be(200);
        verdict.Body.Should().Be("payload");
        verdict.Exchanges.Should().ContainSingle().Which.Kind.Should().Be(ExchangeKind.Actual);
        server.Requests.Should().ContainSingle().Which.Header("Origin").Should().Be(App);
        server.Requests[0].Header("Sec-Fetch-Mode").Should().Be("cors");
        server.Requests[0].Header("Sec-Fetch-Site").Should().Be("same-site");
    }

    [Fact]
    public async Task A_response_without_Access_Control_Allow_Origin_is_blocked_with_Chromiums_text()
    {
        var engine = Engine(_ => Reply.Ok(), out _);

        var verdict = await engine.FetchAsync(Request());

        verdict.Allowed.Should().BeFalse();
        verdict.Failure.Should().Be(CorsFailure.MissingAllowOriginHeader);
        verdict.FailedAtPreflight.Should().BeFalse();
        verdict.ConsoleMessage.Should().Be(Blocked + "No 'Access-Control-Allow-Origin' header is present on the requested resource.");
        verdict.Status.Should().Be(0, "script reads nothing of a blocked response");
        verdict.Body.Should().BeNull();
        verdict.ReadableHeaders.Should().BeEmpty();
        verdict.Cause.Should().Contain("https://app.example.com");
        verdict.Fix.Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_wildcard_allows_a_request_without_credentials()
    {
        var engine = Engine(_ => Reply.Ok(("Access-Control-Allow-Origin", "*")), out _);

        (await engine.FetchAsync(Request())).Allowed.Should().BeTrue();
    }

    [Fact]
    public async Task A_wildcard_blocks_a_request_with_credentials()
    {
        var engine = Engine(_ => Reply.Ok(("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Credentials", "true")), out _);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Credentials = CredentialsMode.Include });

        verdict.Failure.Should().Be(CorsFailure.WildcardOriginNotAllowed);
        verdict.ConsoleMessage.Should().Be(Blocked + "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.");
    }

    [Theory]
    [InlineData("https://other.example.com", CorsFailure.AllowOriginMismatch, "The 'Access-Control-Allow-Origin' header has a value 'https://other.example.com' that is not equal to the supplied origin. Have the server send the header with a valid value.")]
    [InlineData("https://app.example.com/", CorsFailure.AllowOriginMismatch, "The 'Access-Control-Allow-Origin' header has a value 'https://app.example.com/' that is not equal to the supplied origin. Have the server send the header with a valid value.")]
    [InlineData("null", CorsFailure.AllowOriginMismatch, "The 'Access-Control-Allow-Origin' header has a value 'null' that is not equal to the supplied origin. Have the server send the header with a valid value.")]
    [InlineData("foo", CorsFailure.InvalidAllowOriginValue, "The 'Access-Control-Allow-Origin' header contains the invalid value 'foo'. Have the server send the header with a valid value.")]
    [InlineData("https://app.example.com https://b.example.com", CorsFailure.MultipleAllowOriginValues, "The 'Access-Control-Allow-Origin' header contains multiple values 'https://app.example.com https://b.example.com', but only one is allowed. Have the server send the header with a valid value.")]
    [InlineData("HTTPS://APP.EXAMPLE.COM", CorsFailure.AllowOriginMismatch, "The 'Access-Control-Allow-Origin' header has a value 'HTTPS://APP.EXAMPLE.COM' that is not equal to the supplied origin. Have the server send the header with a valid value.")]
    public async Task A_wrong_Access_Control_Allow_Origin_is_blocked_with_the_value_quoted(string value, CorsFailure failure, string text)
    {
        var engine = Engine(_ => Reply.Ok(("Access-Control-Allow-Origin", value)), out _);

        var verdict = await engine.FetchAsync(Request());

        verdict.Failure.Should().Be(failure);
        verdict.ConsoleMessage.Should().Be(Blocked + text);
    }

    [Fact]
    public async Task Two_Access_Control_Allow_Origin_field_lines_are_joined_like_Chromium_does()
    {
        var engine = Engine(r => Reply.Ok(("Access-Control-Allow-Origin", r.OriginOf()), ("Access-Control-Allow-Origin", r.OriginOf())), out _);

        var verdict = await engine.FetchAsync(Request());

        verdict.Failure.Should().Be(CorsFailure.MultipleAllowOriginValues);
        verdict.ConsoleMessage.Should().Contain("contains multiple values 'https://app.example.com, https://app.example.com', but only one is allowed.");
        verdict.Cause.Should().Contain("two components");
    }

    [Fact]
    public async Task Origin_null_is_allowed_by_an_explicit_null()
    {
        var engine = Engine(_ => Reply.Ok(("Access-Control-Allow-Origin", "null")), out var server);

        var verdict = await engine.FetchAsync(Request(origin: "null"));

        verdict.Allowed.Should().BeTrue();
        server.Requests[0].Header("Origin").Should().Be("null");
        server.Requests[0].Header("Sec-Fetch-Site").Should().Be("cross-site");
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("True", "True")]
    [InlineData("false", "false")]
    public async Task Credentials_need_Access_Control_Allow_Credentials_exactly_true(string? value, string quoted)
    {
        var engine = Engine(r => value is null
            ? Reply.Ok(("Access-Control-Allow-Origin", r.OriginOf()))
            : Reply.Ok(("Access-Control-Allow-Origin", r.OriginOf()), ("Access-Control-Allow-Credentials", value)), out _);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Credentials = CredentialsMode.Include });

        verdict.Failure.Should().Be(CorsFailure.InvalidAllowCredentials);
        verdict.ConsoleMessage.Should().Be(Blocked + $"The value of the 'Access-Control-Allow-Credentials' header in the response is '{quoted}' which must be 'true' when the request's credentials mode is 'include'.");
    }

    [Fact]
    public async Task Credentials_with_the_echoed_origin_and_true_are_allowed()
    {
        var engine = Engine(r => Reply.Ok(("Access-Control-Allow-Origin", r.OriginOf()), ("Access-Control-Allow-Credentials", "true")), out _);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Credentials = CredentialsMode.Include });

        verdict.Allowed.Should().BeTrue();
    }

    [Theory]
    [InlineData(CredentialsMode.SameOrigin)]
    [InlineData(CredentialsMode.Omit)]
    public async Task Without_include_Access_Control_Allow_Credentials_is_not_needed(CredentialsMode mode)
    {
        var engine = Engine(r => Reply.Ok(("Access-Control-Allow-Origin", r.OriginOf())), out _);

        (await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Credentials = mode })).Allowed.Should().BeTrue();
    }

    [Fact]
    public async Task A_same_origin_request_needs_no_CORS_headers_and_reads_every_header()
    {
        var engine = Engine(_ => Reply.Ok(("X-Secret", "1"), ("Set-Cookie", "a=b")), out var server);

        var get = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), Api));
        var put = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), Api) { Method = "PUT", Headers = [new("X-Custom", "1")] });

        get.Allowed.Should().BeTrue();
        get.ReadableHeaders.Should().ContainKey("x-secret").And.NotContainKey("set-cookie");
        put.Allowed.Should().BeTrue();
        put.PreflightRequired.Should().BeFalse("same-origin requests are never preflighted");
        server.Requests[0].Header("Origin").Should().BeNull("a same-origin GET carries no Origin");
        server.Requests[1].Header("Origin").Should().Be(Api, "a same-origin PUT carries Origin");
        server.Requests[1].Header("Sec-Fetch-Site").Should().Be("same-origin");
    }
}
