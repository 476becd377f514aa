using CorsKit.Testing.Tests.Apps;
using Microsoft.AspNetCore.TestHost;

namespace CorsKit.Testing.Tests;

/// <summary>BrowserCors against real servers: CorsKit, Microsoft.AspNetCore.Cors, broken ones, and a TestServer.</summary>
public sealed class BrowserCorsTests
{
    private static readonly KeyValuePair<string, string>[] RequestId = [new("X-Request-Id", "42")];

    [Fact]
    public async Task A_CorsKit_api_allows_the_trusted_origin_with_credentials_and_exposes_what_it_lists()
    {
        await using var server = await SampleServer.StartCorsKitAsync();
        using var client = server.CreateClient();
        var page = new BrowserCors(client).FromOrigin(SampleServer.AppOrigin);

        var put = await page.FetchAsync(HttpMethod.Put, "/api/todos/1", RequestId, credentials: true);
        var list = await page.GetAsync("/api/todos", credentials: true);

        put.EnsureAllowed();
        put.Exchanges.Select(e => e.Kind).Should().Equal(ExchangeKind.Preflight, ExchangeKind.Actual);
        put.Exchanges[0].ResponseHeader("Access-Control-Max-Age").Should().Be("600");
        put.Body.Should().Contain("\"saved\":true");
        list.EnsureAllowed();
        list.ReadableHeaders.Should().ContainKey("x-total-count").And.NotContainKey("x-internal");
    }

    [Fact]
    public async Task A_CorsKit_api_refuses_an_unknown_origin_a_method_and_a_header_with_Chromiums_texts()
    {
        await using var server = await SampleServer.StartCorsKitAsync();
        using var client = server.CreateClient();
        var browser = new BrowserCors(client);

        var evil = await browser.FromOrigin(SampleServer.EvilOrigin).GetAsync("/api/todos");
        var patch = await browser.FromOrigin(SampleServer.AppOrigin).FetchAsync(HttpMethod.Patch, "/api/todos/1");
        var header = await browser.FromOrigin(SampleServer.AppOrigin).FetchAsync(HttpMethod.Put, "/api/todos/1", [new("X-Debug", "1")]);

        evil.EnsureBlocked(CorsFailure.MissingAllowOriginHeader);
        evil.ConsoleMessage.Should().Be($"Access to fetch at '{server.Url("/api/todos")}' from origin '{SampleServer.EvilOrigin}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
        patch.EnsureBlocked(CorsFailure.MethodDisallowedByPreflightResponse);
        patch.ConsoleMessage.Should().EndWith("Method PATCH is not allowed by Access-Control-Allow-Methods in preflight response.");
        header.EnsureBlocked(CorsFailure.HeaderDisallowedByPreflightResponse);
        header.ConsoleMessage.Should().EndWith("Request header field x-debug is not allowed by Access-Control-Allow-Headers in preflight response.");
        header.Exchanges.Should().ContainSingle("the refused PUT is never sent");
    }

    [Fact]
    public async Task The_preflight_cache_answers_a_second_request_and_expires()
    {
        await using var server = await SampleServer.StartCorsKitAsync();
        using var client = server.CreateClient();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var page = new BrowserCors(client, new CorsVerdictOptions { TimeProvider = clock }).FromOrigin(SampleServer.AppOrigin);

        (await page.FetchAsync(HttpMethod.Delete, "/api/todos/1")).PreflightFromCache.Should().BeFalse();
        (await page.FetchAsync(HttpMethod.Delete, "/api/todos/2")).PreflightFromCache.Should().BeFalse("the cache is per URL");
        (await page.FetchAsync(HttpMethod.Delete, "/api/todos/1")).PreflightFromCache.Should().BeTrue();
        clock.Advance(TimeSpan.FromMinutes(10));
        (await page.FetchAsync(HttpMethod.Delete, "/api/todos/1")).PreflightFromCache.Should().BeFalse("max-age 600 has passed");
    }

    [Fact]
    public async Task A_Microsoft_CORS_api_is_judged_the_same_way()
    {
        await using var server = await SampleServer.StartMicrosoftCorsAsync();
        using var client = server.CreateClient();
        var browser = new BrowserCors(client);

        var put = await browser.FromOrigin(SampleServer.AppOrigin).FetchAsync(HttpMethod.Put, "/api/todos/1", RequestId, credentials: true);
        var patch = await browser.FromOrigin(SampleServer.AppOrigin).FetchAsync(HttpMethod.Patch, "/api/todos/1");
        var evil = await browser.FromOrigin(SampleServer.EvilOrigin).GetAsync("/api/todos");

        put.EnsureAllowed();
        patch.EnsureBlocked(CorsFailure.MethodDisallowedByPreflightResponse);
        patch.ConsoleMessage.Should().EndWith("Method PATCH is not allowed by Access-Control-Allow-Methods in preflight response.",
            "Microsoft's middleware sends its method list and lets the browser refuse");
        evil.EnsureBlocked(CorsFailure.MissingAllowOriginHeader);
    }

    [Fact]
    public async Task A_wildcard_with_credentials_is_blocked_and_explained()
    {
        await using var server = await SampleServer.StartBrokenAsync(BrokenCors.WildcardWithCredentials);
        using var client = server.CreateClient();

        var verdict = await new BrowserCors(client).FromOrigin(SampleServer.AppOrigin).GetAsync("/api/todos", credentials: true);

        var act = () => verdict.EnsureAllowed();
        var message = act.Should().Throw<CorsExpectationException>().Which.Message;
        message.Should().Contain("The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.")
            .And.Contain("Cause: ").And.Contain("'*' never allows credentials").And.Contain("Fix: ");
    }

    [Fact]
    public async Task A_preflight_answered_401_is_blocked_with_the_middleware_order_as_the_fix()
    {
        await using var server = await SampleServer.StartBrokenAsync(BrokenCors.PreflightAnswered401);
        using var client = server.CreateClient();

        var verdict = await new BrowserCors(client).FromOrigin(SampleServer.AppOrigin)
            .FetchAsync(HttpMethod.Put, "/api/todos/1", [new("Authorization", "Bearer t0k3n")]);

        verdict.EnsureBlocked(CorsFailure.MissingAllowOriginHeader);
        verdict.FailedAtPreflight.Should().BeTrue();
        verdict.ConsoleMessage.Should().Contain("Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header");
        verdict.Exchanges.Single().StatusCode.Should().Be(401);
        verdict.Fix.Should().Contain("before UseAuthentication()");
    }

    [Fact]
    public async Task A_redirected_preflight_is_blocked()
    {
        await using var server = await SampleServer.StartBrokenAsync(BrokenCors.PreflightRedirected);
        using var client = server.CreateClient();

        var verdict = await new BrowserCors(client).FromOrigin(SampleServer.AppOrigin).FetchAsync(HttpMethod.Delete, "/api/todos/1");

        verdict.EnsureBlocked(CorsFailure.PreflightDisallowedRedirect);
        verdict.ConsoleMessage.Should().EndWith("Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.");
    }

    [Fact]
    public async Task A_missing_method_is_blocked_naming_the_method()
    {
        await using var server = await SampleServer.StartBrokenAsync(BrokenCors.MissingMethod);
        using var client = server.CreateClient();

        var verdict = await new BrowserCors(client).FromOrigin(SampleServer.AppOrigin).FetchAsync(HttpMethod.Put, "/api/todos/1");

        verdict.EnsureBlocked(CorsFailure.MethodDisallowedByPreflightResponse);
        verdict.ConsoleMessage.Should().Be($"Access to fetch at '{server.Url("/api/todos/1")}' from origin '{SampleServer.AppOrigin}' has been blocked by CORS policy: Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.");
        verdict.Cause.Should().Contain("GET, POST");
    }

    [Fact]
    public async Task Works_over_an_in_memory_TestServer_client()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins(SampleServer.AppOrigin).WithMethods("PUT")));
        await using var app = builder.Build();
        app.UseCorsKit();
        app.MapPut("/items/{id:int}", (int id) => Results.Ok(id));
        await app.StartAsync();
        using var client = app.GetTestClient();

        var allowed = await new BrowserCors(client).FromOrigin(SampleServer.AppOrigin).FetchAsync(HttpMethod.Put, "/items/7");
        var lowerCase = await new BrowserCors(client).FromOrigin(SampleServer.AppOrigin).FetchAsync(new HttpMethod("put"), "/items/7");

        allowed.EnsureAllowed().Body.Should().Be("7");
        lowerCase.EnsureAllowed();
        lowerCase.Exchanges[0].RequestHeader("Access-Control-Request-Method").Should().Be("PUT", "fetch upper-cases put");
    }

    [Fact]
    public async Task A_relative_path_without_a_base_address_is_a_clear_error()
    {
        using var client = new HttpClient();

        var act = () => new BrowserCors(client).FromOrigin(SampleServer.AppOrigin).GetAsync("/api/todos");

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("no BaseAddress");
    }
}
