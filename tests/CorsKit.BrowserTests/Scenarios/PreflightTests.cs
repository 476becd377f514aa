using CorsKit.BrowserTests.Infrastructure;
using CorsKit.Tests.Diagnostics.Guide;

namespace CorsKit.BrowserTests.Scenarios;

/// <summary>
/// Scenarios 2, 3, 8 and 13: what the browser preflights, and what happens when the preflight refuses the method or a
/// header (the actual request is never sent; the console of each engine names the culprit in its own words).
/// </summary>
public abstract class PreflightTests(IBrowserEngine browser) : BrowserTest(browser)
{
    private static readonly Dictionary<string, string> Json = new() { ["Content-Type"] = "application/json" };

    [BrowserFact]
    public async Task PUT_and_DELETE_are_preflighted_then_sent_and_readable()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await StartApiAsync(page.Origin, p => p.WithMethods("PUT", "DELETE"));
        await using var session = await OpenAsync(page);

        foreach (var method in new[] { "PUT", "DELETE" })
        {
            var outcome = await session.FetchAsync(api.Url("/items/" + method), new FetchInit { Method = method });

            outcome.ShouldBeReadable();
            outcome.Body.Should().Be($"{method} ran");
            var preflight = api.Log.Preflights("/items/" + method).Should().ContainSingle().Subject;
            preflight.Header("Access-Control-Request-Method").Should().Be(method);
            preflight.Status.Should().Be(204);
            preflight.ResponseHeader("Access-Control-Allow-Origin").Should().Be(page.Origin);
            preflight.ResponseHeader("Access-Control-Allow-Methods").Should().Contain(method);
            var actual = api.Log.Actual("/items/" + method).Should().ContainSingle().Subject;
            actual.Method.Should().Be(method);
            api.Log.All.ToList().IndexOf(preflight).Should().BeLessThan(api.Log.All.ToList().IndexOf(actual), "the preflight comes first");
        }
    }

    [BrowserFact]
    public async Task POST_with_a_JSON_content_type_is_preflighted_for_the_header_not_the_method()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await StartApiAsync(page.Origin, p => p.WithHeaders("Content-Type"));
        await using var session = await OpenAsync(page);

        var outcome = await session.FetchAsync(api.Url("/echo"), new FetchInit { Method = "POST", Headers = Json, Body = "{\"a\":1}" });

        outcome.ShouldBeReadable();
        outcome.Body.Should().Be("{\"a\":1}");
        var preflight = api.Log.Preflights("/echo").Should().ContainSingle().Subject;
        preflight.Header("Access-Control-Request-Method").Should().Be("POST");
        preflight.Header("Access-Control-Request-Headers").Should().Be("content-type");
        api.Log.Actual("/echo").Should().ContainSingle().Which.Header("Content-Type").Should().Be("application/json");
    }

    [BrowserFact]
    public async Task A_refused_method_means_the_actual_request_never_reaches_the_server()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await StartApiAsync(page.Origin, p => p.WithMethods("PUT"));
        await using var session = await OpenAsync(page);

        var outcome = await session.FetchAsync(api.Url("/items/DELETE"), new FetchInit { Method = "DELETE" });

        outcome.ShouldBeBlocked();
        var preflight = api.Log.Preflights("/items/DELETE").Should().ContainSingle().Subject;
        preflight.Header("Access-Control-Request-Method").Should().Be("DELETE");
        preflight.ResponseHeader("Access-Control-Allow-Methods").Should().NotContain("DELETE");
        api.Log.Actual("/items/DELETE").Should().BeEmpty("the browser never sends a request its preflight refused");
        await session.ShouldHaveLoggedAsync(RefusalCatalog.MethodNotAllowed, api.Url("/items/DELETE"));
        await session.ShouldHaveLoggedAsync(RefusalCatalog.Accompanying, Expect(
            chromium: "net::ERR_FAILED",
            firefox: api.Url("/items/DELETE") + ". (Reason: CORS request did not succeed). Status code: (null)."));
    }

    [BrowserFact]
    public async Task An_allowed_custom_header_is_preflighted_and_arrives()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await StartApiAsync(page.Origin, p => p.WithHeaders("X-Request-Id"));
        await using var session = await OpenAsync(page);

        var outcome = await session.FetchAsync(api.Url("/header"), new FetchInit { Headers = new Dictionary<string, string> { ["X-Request-Id"] = "abc-123" } });

        outcome.ShouldBeReadable();
        outcome.Body.Should().Be("x-request-id=abc-123");
        var preflight = api.Log.Preflights("/header").Should().ContainSingle().Subject;
        preflight.Header("Access-Control-Request-Headers").Should().Be("x-request-id");
        preflight.ResponseHeader("Access-Control-Allow-Headers").Should().Contain("x-request-id");
        api.Log.Actual("/header").Should().ContainSingle().Which.Header("X-Request-Id").Should().Be("abc-123");
    }

    [BrowserFact]
    public async Task A_refused_custom_header_means_the_actual_request_never_reaches_the_server()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await StartApiAsync(page.Origin, p => p.WithHeaders("X-Request-Id"));
        await using var session = await OpenAsync(page);

        var outcome = await session.FetchAsync(api.Url("/header"), new FetchInit { Headers = new Dictionary<string, string> { ["X-Debug-Token"] = "1" } });

        outcome.ShouldBeBlocked();
        var preflight = api.Log.Preflights("/header").Should().ContainSingle().Subject;
        preflight.Header("Access-Control-Request-Headers").Should().Be("x-debug-token");
        preflight.ResponseHeader("Access-Control-Allow-Origin").Should().Be(page.Origin, "the origin is allowed; only the header is not");
        (preflight.ResponseHeader("Access-Control-Allow-Headers") ?? string.Empty).Should().NotContain("x-debug-token");
        api.Log.Actual("/header").Should().BeEmpty();
        await session.ShouldHaveLoggedAsync(RefusalCatalog.HeaderNotAllowed, api.Url("/header"), Expect(
            chromium: "Request header field x-debug-token is not allowed",
            firefox: "header ‘x-debug-token’ is not allowed"));
    }

    [BrowserFact]
    public async Task Authorization_with_any_header_and_no_credentials_is_allowed_by_name()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await StartApiAsync(page.Origin, p => p.AllowAnyHeader());
        await using var session = await OpenAsync(page);

        var outcome = await session.FetchAsync(api.Url("/auth"), new FetchInit { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer t0k3n" } });

        outcome.ShouldBeReadable();
        outcome.Body.Should().Be("authorization=Bearer t0k3n");
        var preflight = api.Log.Preflights("/auth").Should().ContainSingle().Subject;
        preflight.Header("Access-Control-Request-Headers").Should().Be("authorization");
        preflight.ResponseHeader("Access-Control-Allow-Headers").Should().Be("authorization",
            "a bare '*' never covers Authorization, so any-header must name it");
        api.Log.Actual("/auth").Should().ContainSingle().Which.Header("Authorization").Should().Be("Bearer t0k3n");
    }

    [BrowserFact]
    public async Task Authorization_with_any_header_and_credentials_is_allowed_by_name()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await StartApiAsync(page.Origin, p => p.AllowAnyHeader().AllowCredentials());
        await using var session = await OpenAsync(page);

        var outcome = await session.FetchAsync(api.Url("/auth"), new FetchInit
        {
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer t0k3n", ["X-Trace"] = "7" },
            Credentials = "include",
        });

        outcome.ShouldBeReadable();
        outcome.Body.Should().Be("authorization=Bearer t0k3n");
        var preflight = api.Log.Preflights("/auth").Should().ContainSingle().Subject;
        preflight.Header("Access-Control-Request-Headers").Should().Be("authorization,x-trace");
        preflight.ResponseHeader("Access-Control-Allow-Headers").Should().Be("authorization,x-trace",
            "with credentials '*' is literal, so any-header must echo the requested names");
        preflight.ResponseHeader("Access-Control-Allow-Credentials").Should().Be("true");
        var actual = api.Log.Actual("/auth").Should().ContainSingle().Subject;
        actual.Header("Authorization").Should().Be("Bearer t0k3n");
        actual.ResponseHeader("Access-Control-Allow-Credentials").Should().Be("true");
    }

    [BrowserFact]
    public async Task Any_method_answers_star_without_credentials_and_echoes_the_method_with_credentials()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var open = await StartApiAsync(page.Origin, p => p.AllowAnyMethod());
        await using var credentialed = await StartApiAsync(page.Origin, p => p.AllowAnyMethod().AllowCredentials());
        await using var session = await OpenAsync(page);

        var plain = await session.FetchAsync(open.Url("/items/PATCH"), new FetchInit { Method = "PATCH" });
        var withCookies = await session.FetchAsync(credentialed.Url("/items/PATCH"), new FetchInit { Method = "PATCH", Credentials = "include" });

        plain.ShouldBeReadable();
        plain.Body.Should().Be("PATCH ran");
        open.Log.Preflights("/items/PATCH").Should().ContainSingle().Which.ResponseHeader("Access-Control-Allow-Methods").Should().Be("*");
        open.Log.Actual("/items/PATCH").Should().ContainSingle();
        withCookies.ShouldBeReadable();
        withCookies.Body.Should().Be("PATCH ran");
        credentialed.Log.Preflights("/items/PATCH").Should().ContainSingle().Which.ResponseHeader("Access-Control-Allow-Methods").Should().Be("PATCH",
            "with credentials '*' is a literal method name, so any-method must echo the request's method");
        credentialed.Log.Actual("/items/PATCH").Should().ContainSingle();
    }

    [BrowserFact]
    public async Task Lower_case_patch_is_not_allowed_by_PATCH_because_methods_are_case_sensitive()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await StartApiAsync(page.Origin, p => p.WithMethods("PATCH"));
        await using var session = await OpenAsync(page);

        var lower = await session.FetchAsync(api.Url("/items/PATCH"), new FetchInit { Method = "patch" });

        lower.ShouldBeBlocked();
        var preflight = api.Log.Preflights("/items/PATCH").Should().ContainSingle().Subject;
        preflight.Header("Access-Control-Request-Method").Should().Be("patch", "browsers upper-case only DELETE, GET, HEAD, OPTIONS, POST and PUT");
        preflight.ResponseHeader("Access-Control-Allow-Methods").Should().Contain("PATCH").And.NotContain("patch");
        api.Log.Actual("/items/PATCH").Should().BeEmpty();
        // Chromium names the refused method; Firefox only says the method was not found in the allowed list.
        await session.ShouldHaveLoggedAsync(RefusalCatalog.MethodNotAllowed, api.Url("/items/PATCH"), Expect(
            chromium: "Method patch is not allowed",
            firefox: "Did not find method in CORS header ‘Access-Control-Allow-Methods’"));

        var upper = await session.FetchAsync(api.Url("/items/PATCH"), new FetchInit { Method = "PATCH" });

        upper.ShouldBeReadable();
        upper.Body.Should().Be("PATCH ran");
        api.Log.Preflights("/items/PATCH").Should().HaveCount(2);
        api.Log.Preflights("/items/PATCH")[1].Header("Access-Control-Request-Method").Should().Be("PATCH");
        api.Log.Actual("/items/PATCH").Should().ContainSingle().Which.Method.Should().Be("PATCH");
    }

    [BrowserFact]
    public async Task The_console_names_the_refused_header_and_in_Chromium_the_refused_method()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await StartApiAsync(page.Origin, p => p.WithMethods("PUT").WithHeaders("X-Request-Id"));
        await using var session = await OpenAsync(page);

        (await session.FetchAsync(api.Url("/items/DELETE"), new FetchInit { Method = "DELETE" })).ShouldBeBlocked();
        (await session.FetchAsync(api.Url("/header"), new FetchInit { Headers = new Dictionary<string, string> { ["X-Debug-Token"] = "1" } })).ShouldBeBlocked();

        var methodMessage = await session.ShouldHaveLoggedAsync(RefusalCatalog.MethodNotAllowed, api.Url("/items/DELETE"), Expect(
            chromium: "Method DELETE is not allowed by Access-Control-Allow-Methods",
            firefox: "(Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’)."));
        var headerMessage = await session.ShouldHaveLoggedAsync(RefusalCatalog.HeaderNotAllowed, api.Url("/header"), Expect(
            chromium: "x-debug-token is not allowed by Access-Control-Allow-Headers",
            firefox: "header ‘x-debug-token’ is not allowed according to header ‘Access-Control-Allow-Headers’"));
        // Chromium names the page's origin and the refused method; Firefox names only the URL.
        methodMessage.Contains(page.Origin, StringComparison.Ordinal).Should().Be(Expect(chromium: true, firefox: false));
        methodMessage.Contains("DELETE ", StringComparison.Ordinal).Should().Be(Expect(chromium: true, firefox: false));
        headerMessage.Should().Contain(api.Url("/header"));
        api.Log.Actual("/items/DELETE").Should().BeEmpty();
        api.Log.Actual("/header").Should().BeEmpty();
    }

    private async Task<BrowserSession> OpenAsync(KestrelSite page)
    {
        var session = await NewSessionAsync();
        await session.GoToAsync(page.Url("/"));
        return session;
    }

    private static Task<KestrelSite> StartApiAsync(string allowedOrigin, Action<CorsKitPolicyBuilder> configure) =>
        KestrelSite.StartApiAsync(ApiHost,
            cors => cors.AddDefaultPolicy(p =>
            {
                // The tests run on plain http; CorsKit refuses credentials for non-loopback http origins unless told.
                configure(p.WithOrigins(allowedOrigin).DangerouslyAllowInsecureOriginsWithCredentials());
            }),
            app =>
            {
                app.MapMethods("/items/{method}", ["PUT", "DELETE", "PATCH"], (string method, HttpRequest request) => $"{request.Method} ran");
                app.MapPost("/echo", async (HttpRequest request) => await new StreamReader(request.Body).ReadToEndAsync());
                app.MapGet("/header", (HttpRequest request) => $"x-request-id={request.Headers["X-Request-Id"]}");
                app.MapGet("/auth", (HttpRequest request) => $"authorization={request.Headers.Authorization}");
            });

    [Collection(ChromiumTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Chromium))]
    public sealed class InChromium(ChromiumFixture browser) : PreflightTests(browser);

    [Collection(FirefoxTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Firefox))]
    public sealed class InFirefox(FirefoxFixture browser) : PreflightTests(browser);
}
