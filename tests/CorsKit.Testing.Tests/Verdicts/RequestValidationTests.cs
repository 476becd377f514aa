using CorsKit.Testing.Tests.Infrastructure;
using static CorsKit.Testing.Tests.Infrastructure.ScriptedServer;

namespace CorsKit.Testing.Tests.Verdicts;

/// <summary>What script cannot do is refused with a clear error; network failures are verdicts, not crashes.</summary>
public sealed class RequestValidationTests
{
    [Theory]
    [InlineData("https://app.example.com/")]
    [InlineData("https://APP.example.com")]
    [InlineData("https://app.example.com:443")]
    [InlineData("app.example.com")]
    [InlineData("https://user@app.example.com")]
    public async Task An_origin_no_browser_sends_is_refused(string origin)
    {
        var engine = Engine(_ => Reply.Ok(), out var server);

        var act = () => engine.FetchAsync(Request(origin: origin));

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain(origin).And.Contain("no trailing slash");
        server.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Cookie")]
    [InlineData("Origin")]
    [InlineData("Sec-Fetch-Site")]
    [InlineData("Proxy-Authorization")]
    [InlineData("Host")]
    public async Task A_forbidden_header_is_refused(string name)
    {
        var engine = Engine(_ => Reply.Ok(), out _);

        var act = () => engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Headers = [new(name, "x")] });

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain(name).And.Contain("forbidden");
    }

    [Theory]
    [InlineData("TRACE")]
    [InlineData("connect")]
    [InlineData("TRACK")]
    public async Task A_forbidden_method_is_refused(string method)
    {
        var engine = Engine(_ => Reply.Ok(), out _);

        var act = () => engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Method = method });

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Theory]
    [InlineData("ftp://api.example.com/x")]
    [InlineData("/relative")]
    public async Task A_url_that_is_not_absolute_http_is_refused(string url)
    {
        var engine = Engine(_ => Reply.Ok(), out _);

        var act = () => engine.FetchAsync(new CorsRequest(new Uri(url, UriKind.RelativeOrAbsolute), App));

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("absolute http");
    }

    [Fact]
    public async Task An_unreachable_server_is_a_network_error_verdict_without_a_CORS_text()
    {
        using var client = new HttpClient();
        var engine = new CorsVerdictEngine(client);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri("http://127.0.0.1:1/data"), App));

        verdict.Allowed.Should().BeFalse();
        verdict.Failure.Should().Be(CorsFailure.NetworkError);
        verdict.ConsoleMessage.Should().BeEmpty();
        verdict.Cause.Should().Contain("ConnectionError");
        verdict.Exchanges.Should().BeEmpty();
    }

    [Fact]
    public async Task EnsureAllowed_throws_with_the_console_text_the_cause_and_the_fix()
    {
        var engine = Engine(_ => Reply.Ok(), out _);
        var verdict = await engine.FetchAsync(Request());

        var act = () => verdict.EnsureAllowed();

        var message = act.Should().Throw<CorsExpectationException>().Which.Message;
        message.Should().Contain(verdict.ConsoleMessage).And.Contain("Cause: " + verdict.Cause).And.Contain("Fix: " + verdict.Fix)
            .And.Contain("request:   GET https://api.example.com/data");
        verdict.EnsureBlocked(CorsFailure.MissingAllowOriginHeader).Should().BeSameAs(verdict);
        ((Action)(() => verdict.EnsureBlocked(CorsFailure.AllowOriginMismatch))).Should().Throw<CorsExpectationException>()
            .Which.Message.Should().Contain("with AllowOriginMismatch, but it fails with MissingAllowOriginHeader");
    }

    [Fact]
    public async Task EnsureBlocked_throws_for_an_allowed_response()
    {
        var engine = Engine(_ => Reply.Ok(("Access-Control-Allow-Origin", "*")), out _);
        var verdict = await engine.FetchAsync(Request());

        ((Action)(() => verdict.EnsureBlocked())).Should().Throw<CorsExpectationException>().Which.Verdict.Should().BeSameAs(verdict);
        verdict.EnsureAllowed().Should().BeSameAs(verdict);
    }

    [Theory]
    [InlineData(CorsFailure.MissingAllowOriginHeader, "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/data. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.")]
    [InlineData(CorsFailure.InvalidAllowCredentials, "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/data. (Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).")]
    public async Task Firefox_verdicts_carry_Firefoxs_text(CorsFailure failure, string text)
    {
        var engine = Engine(r => failure == CorsFailure.MissingAllowOriginHeader ? Reply.Ok() : Reply.Ok(("Access-Control-Allow-Origin", r.OriginOf())), out _,
            new CorsVerdictOptions { Browser = BrowserEngine.Firefox });

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Credentials = CredentialsMode.Include });

        verdict.Browser.Should().Be(BrowserEngine.Firefox);
        verdict.Failure.Should().Be(failure);
        verdict.ConsoleMessage.Should().Be(text);
    }

    [Fact]
    public async Task Firefox_does_not_name_the_refused_method()
    {
        var engine = Engine(r => Reply.NoContent(("Access-Control-Allow-Origin", r.OriginOf())), out _, new CorsVerdictOptions { Browser = BrowserEngine.Firefox });

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Method = "DELETE" });

        verdict.ConsoleMessage.Should().EndWith("(Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).");
    }

    [Theory]
    [InlineData(false, CorsFailure.MissingAllowOriginHeader, "(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 401.")]
    [InlineData(true, CorsFailure.PreflightInvalidStatus, "(Reason: CORS preflight response did not succeed). Status code: 401.")]
    public async Task Firefox_checks_a_preflights_origin_then_its_status(bool withOrigin, CorsFailure failure, string text)
    {
        var engine = Engine(r => withOrigin ? new Reply(401, ("Access-Control-Allow-Origin", r.OriginOf())) : new Reply(401), out _,
            new CorsVerdictOptions { Browser = BrowserEngine.Firefox });

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Method = "DELETE" });

        verdict.Failure.Should().Be(failure);
        verdict.ConsoleMessage.Should().EndWith(text);
    }

    [Fact]
    public async Task Firefox_reads_a_redirected_preflight_without_CORS_headers_as_a_missing_header()
    {
        var engine = Engine(r => new Reply(307, ("Location", "https://api.example.com/data/")), out _, new CorsVerdictOptions { Browser = BrowserEngine.Firefox });

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Method = "DELETE" });

        verdict.Failure.Should().Be(CorsFailure.MissingAllowOriginHeader);
        verdict.ConsoleMessage.Should().EndWith("(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 307.");
    }
}
