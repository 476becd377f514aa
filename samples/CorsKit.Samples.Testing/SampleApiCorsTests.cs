using CorsKit.Testing;
using CorsKit.Testing.Apps;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CorsKit.Samples.Testing;

/// <summary>The sample API's CORS behaviour, as Chromium would see it from its front ends.</summary>
public sealed class SampleApiCorsTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private const string Front = "https://app.example.com";
    private const string Partner = "https://partner.example.net";

    // No automatic redirects: the browser never follows a preflight's redirect, so the verdict engine must see it.
    private HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task The_front_end_can_update_a_todo_with_cookies()
    {
        var page = new BrowserCors(Client()).FromOrigin(Front);

        var verdict = await page.FetchAsync(HttpMethod.Put, "/api/todos/1",
            [new("Content-Type", "application/json"), new("X-Request-Id", "42")], credentials: true, body: """{"id":1,"title":"Test CORS"}""");

        verdict.EnsureAllowed();                                   // on failure: Chromium's console text, cause and fix
        Assert.True(verdict.PreflightRequired);                     // application/json is not a safelisted Content-Type
        Assert.Contains("Test CORS", verdict.Body);
    }

    [Fact]
    public async Task The_front_end_reads_the_exposed_total_count()
    {
        var verdict = await new BrowserCors(Client()).FromOrigin(Front).GetAsync("/api/todos", credentials: true);

        verdict.EnsureAllowed();
        Assert.Equal("2", verdict.ReadableHeaders["x-total-count"]);
    }

    [Fact]
    public async Task Another_site_is_refused_with_the_message_its_developers_would_see()
    {
        var verdict = await new BrowserCors(Client()).FromOrigin("https://evil.example.org").GetAsync("/api/todos", credentials: true);

        verdict.EnsureBlocked(CorsFailure.MissingAllowOriginHeader);
        Assert.EndsWith("No 'Access-Control-Allow-Origin' header is present on the requested resource.", verdict.ConsoleMessage);
    }

    [Fact]
    public async Task The_partner_can_patch_but_not_delete()
    {
        var page = new BrowserCors(Client()).FromOrigin(Partner);

        (await page.FetchAsync(HttpMethod.Patch, "/partners/orders/7", [new("Authorization", "Bearer partner-token")])).EnsureAllowed();
        var delete = await page.FetchAsync(HttpMethod.Delete, "/partners/orders/7");

        delete.EnsureBlocked();
    }

    [Fact]
    public async Task The_preflight_answer_is_cached_for_ten_minutes()
    {
        var page = new BrowserCors(Client()).FromOrigin(Front);

        var first = await page.FetchAsync(HttpMethod.Delete, "/api/todos/3", credentials: true);
        var second = await page.FetchAsync(HttpMethod.Delete, "/api/todos/3", credentials: true);

        Assert.False(first.PreflightFromCache);
        Assert.True(second.PreflightFromCache);
    }

    [Fact]
    public async Task Every_endpoint_with_a_policy_answers_its_preflights()
    {
        using var client = Client();
        _ = await client.GetAsync("/public/status");   // starts the app, so every endpoint is known

        var report = await new CorsAppCheck(factory.Services, client).RunAsync();

        // The orders controller shows a real finding: its PUT action uses the "partners" policy, which allows POST and
        // PATCH only, so the browser refuses every PUT. Everything else passes.
        var failure = Assert.Single(report.Failures);
        Assert.Equal("api/orders/{id:int}", failure.Endpoint.RoutePattern);
        Assert.Equal("PUT", failure.Method);
        Assert.Equal(CorsEndpointOutcome.RefusedByOwnPolicy, failure.Outcome);
    }
}
