using CorsKit.Testing.Tests.Infrastructure;
using static CorsKit.Testing.Tests.Infrastructure.ScriptedServer;

namespace CorsKit.Testing.Tests.Verdicts;

/// <summary>What script may read of an allowed response, and redirects of the actual request.</summary>
public sealed class ResponseVerdictTests
{
    private static (string, string)[] Headers(string origin, params (string, string)[] more) =>
        [("Access-Control-Allow-Origin", origin), ("Content-Type", "text/plain"), ("X-Total-Count", "3"), ("X-Trace", "t"), ("Set-Cookie", "a=b"), .. more];

    [Fact]
    public async Task Script_reads_only_safelisted_and_exposed_headers()
    {
        var engine = Engine(r => Reply.Ok(Headers(r.OriginOf(), ("Access-Control-Expose-Headers", "X-Total-Count, Set-Cookie"))), out _);

        var verdict = await engine.FetchAsync(Request());

        verdict.ReadableHeaders.Keys.Should().BeEquivalentTo("content-type", "x-total-count");
        verdict.ReadableHeaders["x-total-count"].Should().Be("3");
    }

    [Fact]
    public async Task Exposing_star_exposes_all_but_Set_Cookie_without_credentials()
    {
        var engine = Engine(r => Reply.Ok(Headers(r.OriginOf(), ("Access-Control-Expose-Headers", "*"))), out _);

        var verdict = await engine.FetchAsync(Request());

        verdict.ReadableHeaders.Should().ContainKeys("x-total-count", "x-trace", "access-control-allow-origin").And.NotContainKey("set-cookie");
    }

    [Fact]
    public async Task Exposing_star_with_credentials_exposes_nothing_extra()
    {
        var engine = Engine(r => Reply.Ok(Headers(r.OriginOf(), ("Access-Control-Allow-Credentials", "true"), ("Access-Control-Expose-Headers", "*"))), out _);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Credentials = CredentialsMode.Include });

        verdict.Allowed.Should().BeTrue();
        verdict.ReadableHeaders.Keys.Should().BeEquivalentTo("content-type");
    }

    [Fact]
    public async Task A_redirect_is_checked_then_followed_and_the_message_names_both_urls()
    {
        var engine = Engine(r => r.RequestUri!.AbsolutePath == "/old"
            ? new Reply(302, ("Location", "/new"), ("Access-Control-Allow-Origin", r.OriginOf()))
            : Reply.Ok(), out var server);

        var verdict = await engine.FetchAsync(Request("/old"));

        server.Requests.Select(r => r.RequestUri!.AbsolutePath).Should().Equal("/old", "/new");
        verdict.Failure.Should().Be(CorsFailure.MissingAllowOriginHeader);
        verdict.ConsoleMessage.Should().Be("Access to fetch at 'https://api.example.com/new' (redirected from 'https://api.example.com/old') from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
    }

    [Fact]
    public async Task A_redirect_response_without_CORS_headers_is_refused_before_following_it()
    {
        var engine = Engine(r => r.RequestUri!.AbsolutePath == "/old" ? new Reply(307, ("Location", "/new")) : Reply.Ok(("Access-Control-Allow-Origin", "*")), out var server);

        var verdict = await engine.FetchAsync(Request("/old"));

        verdict.Failure.Should().Be(CorsFailure.MissingAllowOriginHeader);
        verdict.ConsoleMessage.Should().StartWith("Access to fetch at 'https://api.example.com/old' from origin");
        server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task A_redirect_to_a_third_origin_taints_the_origin_to_null()
    {
        var engine = Engine(r => r.RequestUri!.Host == "api.example.com"
            ? new Reply(302, ("Location", "https://cdn.example.net/file"), ("Access-Control-Allow-Origin", r.OriginOf()))
            : Reply.Ok(("Access-Control-Allow-Origin", r.OriginOf())), out var server);

        var verdict = await engine.FetchAsync(Request());

        verdict.Allowed.Should().BeTrue();
        server.Requests[1].Header("Origin").Should().Be("null", "a cross-origin redirect from a cross-origin URL taints the origin");
        verdict.Exchanges.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_303_turns_a_POST_into_a_GET_without_its_body()
    {
        var engine = Engine(r => r.RequestUri!.AbsolutePath == "/form"
            ? new Reply(303, ("Location", "/done"), ("Access-Control-Allow-Origin", r.OriginOf()))
            : Reply.Ok(("Access-Control-Allow-Origin", r.OriginOf())), out var server);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/form"), App) { Method = "POST", Body = "a=1", Headers = [new("Content-Type", "text/plain")] });

        verdict.Allowed.Should().BeTrue();
        server.Requests[1].Method.Should().Be(HttpMethod.Get);
        server.Requests[1].Content.Should().BeNull();
    }

    [Fact]
    public async Task A_string_body_gets_text_plain_like_fetch_gives_it_and_needs_no_preflight()
    {
        var engine = Engine(r => Reply.Ok(("Access-Control-Allow-Origin", r.OriginOf())), out var server);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/form"), App) { Method = "POST", Body = "x" });

        verdict.PreflightRequired.Should().BeFalse();
        server.Requests.Single().Header("Content-Type").Should().StartWith("text/plain").And.Contain("charset=UTF-8");
    }

    [Fact]
    public async Task More_than_twenty_redirects_fail()
    {
        var engine = Engine(r => new Reply(302, ("Location", "/loop"), ("Access-Control-Allow-Origin", r.OriginOf())), out var server);

        var verdict = await engine.FetchAsync(Request("/loop"));

        verdict.Failure.Should().Be(CorsFailure.TooManyRedirects);
        verdict.ConsoleMessage.Should().BeEmpty("Chromium prints a net:: error code, not a CORS text");
        server.Requests.Should().HaveCount(21);
    }

    [Fact]
    public async Task A_redirect_to_a_url_with_credentials_is_refused()
    {
        var engine = Engine(r => new Reply(302, ("Location", "https://user:pw@api.example.com/x"), ("Access-Control-Allow-Origin", r.OriginOf())), out _);

        var verdict = await engine.FetchAsync(Request());

        verdict.Failure.Should().Be(CorsFailure.RedirectContainsCredentials);
        verdict.ConsoleMessage.Should().EndWith("Redirect location 'https://user:pw@api.example.com/x' contains a username and password, which is disallowed for cross-origin requests.");
    }

    [Fact]
    public async Task A_client_that_follows_redirects_itself_is_reported()
    {
        var handler = new FollowingHandler();
        var engine = new CorsVerdictEngine(new HttpMessageInvoker(handler));

        var verdict = await engine.FetchAsync(Request("/old"));

        verdict.Allowed.Should().BeTrue();
        verdict.StandardNotes.Should().ContainSingle().Which.Should().Contain("AllowAutoRedirect = false");
    }

    [Fact]
    public async Task A_preflight_that_a_client_redirected_itself_is_still_refused()
    {
        var engine = new CorsVerdictEngine(new HttpMessageInvoker(new FollowingHandler()));

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/old"), App) { Method = "PUT" });

        verdict.Failure.Should().Be(CorsFailure.PreflightDisallowedRedirect);
    }

    /// <summary>Pretends to be a client that followed /old -> /new without showing the 302.</summary>
    private sealed class FollowingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var followed = new HttpRequestMessage(request.Method, new Uri(request.RequestUri!, "/new"));
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { RequestMessage = followed, Content = new StringContent("x") };
            response.Headers.TryAddWithoutValidation("Access-Control-Allow-Origin", request.Headers.GetValues("Origin").Single());
            response.Headers.TryAddWithoutValidation("Access-Control-Allow-Methods", "PUT");
            return Task.FromResult(response);
        }
    }
}
