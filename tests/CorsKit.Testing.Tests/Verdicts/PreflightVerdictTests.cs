using CorsKit.Testing.Tests.Infrastructure;
using static CorsKit.Testing.Tests.Infrastructure.ScriptedServer;

namespace CorsKit.Testing.Tests.Verdicts;

/// <summary>When the browser preflights, what it sends, and every preflight check with Chromium 156's text.</summary>
public sealed class PreflightVerdictTests
{
    private const string Blocked = "Access to fetch at 'https://api.example.com/data' from origin 'https://app.example.com' has been blocked by CORS policy: ";
    private const string PreflightBlocked = Blocked + "Response to preflight request doesn't pass access control check: ";

    /// <summary>A server that allows the origin and answers preflights with the given lists.</summary>
    private static Func<HttpRequestMessage, Reply> Allowing(string? methods = null, string? headers = null, bool credentials = false, string? maxAge = null) => r =>
    {
        var list = new List<(string, string)> { ("Access-Control-Allow-Origin", r.OriginOf()) };
        if (credentials)
        {
            list.Add(("Access-Control-Allow-Credentials", "true"));
        }

        if (r.IsPreflight())
        {
            AddIfSet(list, "Access-Control-Allow-Methods", methods);
            AddIfSet(list, "Access-Control-Allow-Headers", headers);
            AddIfSet(list, "Access-Control-Max-Age", maxAge);
            return Reply.NoContent([.. list]);
        }

        return Reply.Ok([.. list]);
    };

    private static void AddIfSet(List<(string, string)> list, string name, string? value)
    {
        if (value is not null)
        {
            list.Add((name, value));
        }
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("POST")]
    [InlineData("get")]
    [InlineData("post")]
    public async Task Safelisted_methods_are_never_preflighted(string method)
    {
        var engine = Engine(Allowing(), out var server);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Method = method });

        verdict.PreflightRequired.Should().BeFalse();
        server.Preflights.Should().BeEmpty();
        server.Requests.Should().ContainSingle().Which.Method.Method.Should().Be(method.ToUpperInvariant());
    }

    [Fact]
    public async Task A_PUT_is_preflighted_with_the_method_and_sent_after_an_allowing_answer()
    {
        var engine = Engine(Allowing(methods: "PUT"), out var server);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Method = "put" });

        verdict.Allowed.Should().BeTrue();
        verdict.PreflightRequired.Should().BeTrue();
        verdict.Exchanges.Select(e => e.Kind).Should().Equal(ExchangeKind.Preflight, ExchangeKind.Actual);
        var preflight = server.Requests[0];
        preflight.Method.Should().Be(HttpMethod.Options);
        preflight.Header("Origin").Should().Be(App);
        preflight.Header("Access-Control-Request-Method").Should().Be("PUT", "fetch upper-cases put");
        preflight.Header("Access-Control-Request-Headers").Should().BeNull("no unsafe header was set");
        server.Requests[1].Method.Method.Should().Be("PUT");
    }

    [Fact]
    public async Task Lower_case_patch_is_sent_as_written_and_refused_by_PATCH()
    {
        var engine = Engine(Allowing(methods: "PATCH"), out var server);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Method = "patch" });

        verdict.Failure.Should().Be(CorsFailure.MethodDisallowedByPreflightResponse);
        verdict.FailedAtPreflight.Should().BeTrue();
        verdict.ConsoleMessage.Should().Be(Blocked + "Method patch is not allowed by Access-Control-Allow-Methods in preflight response.");
        verdict.Cause.Should().Contain("case-sensitive");
        server.Requests.Should().ContainSingle("the refused request is never sent").Which.Header("Access-Control-Request-Method").Should().Be("patch");
    }

    [Fact]
    public async Task A_method_missing_from_the_answer_is_refused()
    {
        var engine = Engine(Allowing(methods: "GET"), out _);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Method = "PUT" });

        verdict.ConsoleMessage.Should().Be(Blocked + "Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.");
        verdict.Exchanges.Should().ContainSingle().Which.Kind.Should().Be(ExchangeKind.Preflight);
    }

    [Fact]
    public async Task POST_is_never_refused_for_its_method_even_when_the_answer_lists_others()
    {
        var engine = Engine(Allowing(methods: "PUT", headers: "x-request-id"), out var server);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Method = "POST", Headers = [new("X-Request-Id", "1")] });

        verdict.Allowed.Should().BeTrue();
        server.Requests[0].Header("Access-Control-Request-Method").Should().Be("POST");
    }

    [Fact]
    public async Task Any_method_covers_PATCH_only_without_credentials()
    {
        var open = Engine(Allowing(methods: "*"), out _);
        var credentialed = Engine(Allowing(methods: "*", credentials: true), out _);

        (await open.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Method = "PATCH" })).Allowed.Should().BeTrue();
        var verdict = await credentialed.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Method = "PATCH", Credentials = CredentialsMode.Include });
        verdict.Failure.Should().Be(CorsFailure.MethodDisallowedByPreflightResponse, "with credentials '*' is a literal method name");
    }

    [Fact]
    public async Task Unsafe_headers_are_requested_lower_cased_and_sorted_and_the_first_refused_in_request_order_is_named()
    {
        var engine = Engine(Allowing(headers: "x-b"), out var server);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App)
        {
            Headers = [new("X-C", "1"), new("X-A", "2"), new("X-B", "3")],
        });

        server.Requests[0].Header("Access-Control-Request-Headers").Should().Be("x-a,x-b,x-c");
        verdict.Failure.Should().Be(CorsFailure.HeaderDisallowedByPreflightResponse);
        verdict.ConsoleMessage.Should().Be(Blocked + "Request header field x-c is not allowed by Access-Control-Allow-Headers in preflight response.",
            "Chromium 156 names the first refused header in the order script set them");
    }

    [Fact]
    public async Task Header_names_in_the_answer_compare_case_insensitively_and_tolerate_spacing()
    {
        var engine = Engine(Allowing(headers: " X-Request-Id ,\tContent-Type "), out _);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App)
        {
            Method = "POST",
            Headers = [new("x-request-id", "1"), new("Content-Type", "application/json")],
        });

        verdict.Allowed.Should().BeTrue();
    }

    [Theory]
    [InlineData("Content-Type", "application/json", true)]
    [InlineData("Content-Type", "text/plain; charset=utf-8", false)]
    [InlineData("Content-Type", "multipart/form-data; boundary=x", false)]
    [InlineData("Content-Type", "application/x-www-form-urlencoded", false)]
    [InlineData("Content-Type", "text/plain(", true)]
    [InlineData("Accept", "application/json", false)]
    [InlineData("Accept", "a\"b", true)]
    [InlineData("Accept-Language", "en-US,en;q=0.9", false)]
    [InlineData("Accept-Language", "en/US", true)]
    [InlineData("Content-Language", "de", false)]
    [InlineData("Range", "bytes=0-99", false)]
    [InlineData("Range", "bytes=5-", false)]
    [InlineData("Range", "bytes=9-1", true)]
    [InlineData("Range", "bytes=0-1,3-4", true)]
    [InlineData("Authorization", "Bearer x", true)]
    [InlineData("X-Anything", "1", true)]
    public async Task Safelisted_request_headers_follow_the_standard(string name, string value, bool preflighted)
    {
        var engine = Engine(Allowing(headers: "*"), out var server);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Method = "POST", Headers = [new(name, value)] });

        verdict.PreflightRequired.Should().Be(preflighted);
        server.Preflights.Any().Should().Be(preflighted);
    }

    [Fact]
    public async Task A_safelisted_value_over_128_bytes_needs_a_preflight()
    {
        var engine = Engine(Allowing(headers: "accept"), out var server);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Headers = [new("Accept", new string('a', 129))] });

        verdict.PreflightRequired.Should().BeTrue();
        server.Preflights.Single().Header("Access-Control-Request-Headers").Should().Be("accept");
    }

    [Fact]
    public async Task Safelisted_values_over_1024_bytes_together_need_a_preflight()
    {
        var engine = Engine(Allowing(headers: "accept,accept-language,content-language"), out var server);
        var value = new string('a', 128);
        var headers = Enumerable.Range(0, 9).Select(i => new KeyValuePair<string, string>(i % 2 == 0 ? "Accept" : "Content-Language", value)).ToList();

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Headers = headers });

        verdict.PreflightRequired.Should().BeTrue("9 x 128 = 1152 bytes exceed 1024");
        server.Preflights.Single().Header("Access-Control-Request-Headers").Should().Be("accept,content-language");
    }

    [Fact]
    public async Task Any_header_covers_Authorization_in_Chromium_and_the_verdict_notes_the_standard_refuses_it()
    {
        var engine = Engine(Allowing(headers: "*"), out _);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Headers = [new("Authorization", "Bearer x")] });

        verdict.Allowed.Should().BeTrue();
        verdict.StandardNotes.Should().ContainSingle().Which.Should().Contain("never covers Authorization");
    }

    [Fact]
    public async Task Any_header_with_credentials_is_literal_and_refuses_authorization()
    {
        var engine = Engine(Allowing(headers: "*", credentials: true), out _);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App)
        {
            Headers = [new("Authorization", "Bearer x")],
            Credentials = CredentialsMode.Include,
        });

        verdict.ConsoleMessage.Should().Be(Blocked + "Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response.");
        verdict.StandardNotes.Should().BeEmpty();
    }

    [Fact]
    public async Task A_named_authorization_is_allowed_without_a_note()
    {
        var engine = Engine(Allowing(headers: "authorization"), out _);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Headers = [new("Authorization", "Bearer x")] });

        verdict.Allowed.Should().BeTrue();
        verdict.StandardNotes.Should().BeEmpty();
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(405)]
    [InlineData(500)]
    public async Task A_preflight_with_CORS_headers_but_a_non_ok_status_is_refused(int status)
    {
        var engine = Engine(r => r.IsPreflight() ? new Reply(status, ("Access-Control-Allow-Origin", r.OriginOf()), ("Access-Control-Allow-Methods", "PUT")) : Reply.Ok(), out var server);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Method = "PUT" });

        verdict.Failure.Should().Be(CorsFailure.PreflightInvalidStatus);
        verdict.ConsoleMessage.Should().Be(PreflightBlocked + "It does not have HTTP ok status.");
        verdict.Cause.Should().Contain(status.ToString());
        server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task A_preflight_answered_401_without_CORS_headers_fails_the_origin_check_first()
    {
        var engine = Engine(r => r.IsPreflight() ? new Reply(401, ("WWW-Authenticate", "Bearer")) : Reply.Ok(), out _);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Method = "PUT" });

        verdict.Failure.Should().Be(CorsFailure.MissingAllowOriginHeader);
        verdict.FailedAtPreflight.Should().BeTrue();
        verdict.ConsoleMessage.Should().Be(PreflightBlocked + "No 'Access-Control-Allow-Origin' header is present on the requested resource.");
        verdict.Cause.Should().Contain("401").And.Contain("authentication");
        verdict.Fix.Should().Contain("before UseAuthentication");
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirected_preflight_is_refused(int status)
    {
        var engine = Engine(r => r.IsPreflight() ? new Reply(status, ("Location", "https://api.example.com/data/"), ("Access-Control-Allow-Origin", r.OriginOf())) : Reply.Ok(), out var server);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Method = "DELETE" });

        verdict.Failure.Should().Be(CorsFailure.PreflightDisallowedRedirect);
        verdict.ConsoleMessage.Should().Be(PreflightBlocked + "Redirect is not allowed for a preflight request.");
        verdict.Cause.Should().Contain("https://api.example.com/data/");
        server.Requests.Should().ContainSingle("browsers never follow a preflight's redirect");
    }

    [Theory]
    [InlineData(null, "*", CorsFailure.WildcardOriginNotAllowed, "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.")]
    [InlineData(null, "https://x.example.com", CorsFailure.AllowOriginMismatch, "The 'Access-Control-Allow-Origin' header has a value 'https://x.example.com' that is not equal to the supplied origin. Have the server send the header with a valid value.")]
    [InlineData(null, "echo", CorsFailure.InvalidAllowCredentials, "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.")]
    public async Task Origin_and_credential_failures_of_a_preflight_use_the_preflight_wording(string? unused, string allowOrigin, CorsFailure failure, string text)
    {
        _ = unused;
        var engine = Engine(r => Reply.NoContent(("Access-Control-Allow-Origin", allowOrigin == "echo" ? r.OriginOf() : allowOrigin), ("Access-Control-Allow-Methods", "PUT")), out _);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Method = "PUT", Credentials = CredentialsMode.Include });

        verdict.Failure.Should().Be(failure);
        verdict.FailedAtPreflight.Should().BeTrue();
        verdict.ConsoleMessage.Should().Be(PreflightBlocked + text);
    }

    [Theory]
    [InlineData("PUT DELETE", null, CorsFailure.InvalidAllowMethodsPreflightResponse, "Cannot parse Access-Control-Allow-Methods response header field in preflight response.")]
    [InlineData("PUT", "x-a x-b", CorsFailure.InvalidAllowHeadersPreflightResponse, "Cannot parse Access-Control-Allow-Headers response header field in preflight response.")]
    public async Task Unparsable_lists_are_refused(string methods, string? headers, CorsFailure failure, string text)
    {
        var engine = Engine(Allowing(methods: methods, headers: headers), out _);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Method = "PUT", Headers = [new("X-A", "1")] });

        verdict.Failure.Should().Be(failure);
        verdict.ConsoleMessage.Should().Be(Blocked + text);
    }

    [Fact]
    public async Task The_actual_response_of_an_allowed_preflight_needs_its_own_CORS_headers()
    {
        var engine = Engine(r => r.IsPreflight() ? Reply.NoContent(("Access-Control-Allow-Origin", r.OriginOf()), ("Access-Control-Allow-Methods", "PUT")) : Reply.Ok(), out _);

        var verdict = await engine.FetchAsync(new CorsRequest(new Uri(Api + "/data"), App) { Method = "PUT" });

        verdict.Failure.Should().Be(CorsFailure.MissingAllowOriginHeader);
        verdict.FailedAtPreflight.Should().BeFalse();
        verdict.ConsoleMessage.Should().Be(Blocked + "No 'Access-Control-Allow-Origin' header is present on the requested resource.");
        verdict.Exchanges.Should().HaveCount(2);
    }
}
