using CorsKit.BrowserTests.Infrastructure;

namespace CorsKit.BrowserTests.Scenarios;

/// <summary>Scenario 5: script reads a non-safelisted response header only when the policy exposes it.</summary>
public abstract class ExposedHeaderTests(IBrowserEngine browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task Only_listed_response_headers_are_readable()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await StartApiAsync(p => p.WithOrigins(page.Origin).WithExposedHeaders("X-Total-Count"));
        await using var session = await NewSessionAsync();
        await session.GoToAsync(page.Url("/"));

        var outcome = await session.FetchAsync(api.Url("/todos"));

        outcome.ShouldBeReadable();
        outcome.Headers.Should().Contain("x-total-count", "42");
        outcome.Headers.Should().ContainKey("content-type", "safelisted response headers are always readable");
        outcome.Headers.Should().NotContainKey("x-internal-cost");
        var request = api.Log.Actual("/todos").Should().ContainSingle().Subject;
        request.ResponseHeader("X-Internal-Cost").Should().Be("7", "the server did send it; the browser hid it");
        request.ResponseHeader("Access-Control-Expose-Headers").Should().Be("X-Total-Count");
    }

    [BrowserFact]
    public async Task Without_exposed_headers_script_sees_only_the_safelisted_ones()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await StartApiAsync(p => p.WithOrigins(page.Origin));
        await using var session = await NewSessionAsync();
        await session.GoToAsync(page.Url("/"));

        var outcome = await session.FetchAsync(api.Url("/todos"));

        outcome.ShouldBeReadable();
        outcome.Body.Should().Be("[1,2]");
        outcome.Headers.Keys.Should().BeSubsetOf(["cache-control", "content-language", "content-length", "content-type", "expires", "last-modified", "pragma"]);
        var request = api.Log.Actual("/todos").Should().ContainSingle().Subject;
        request.ResponseHeader("X-Total-Count").Should().Be("42");
        request.ResponseHeader("Access-Control-Expose-Headers").Should().BeNull();
    }

    [BrowserFact]
    public async Task Headers_the_app_exposes_itself_stay_readable_next_to_the_policys()
    {
        // Issue 12: the application's own Access-Control-Expose-Headers is merged with the policy's, not overwritten.
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await KestrelSite.StartApiAsync(ApiHost,
            cors => cors.AddDefaultPolicy(p => p.WithOrigins(page.Origin).WithExposedHeaders("X-Total-Count")),
            app => app.MapGet("/todos", (HttpResponse response) =>
            {
                response.Headers["X-Total-Count"] = "42";
                response.Headers["X-Request-Cost"] = "7";
                response.Headers.AccessControlExposeHeaders = "X-Request-Cost";
                return Results.Content("[1,2]", "application/json");
            }));
        await using var session = await NewSessionAsync();
        await session.GoToAsync(page.Url("/"));

        var outcome = await session.FetchAsync(api.Url("/todos"));

        outcome.ShouldBeReadable();
        outcome.Headers.Should().Contain("x-total-count", "42");
        outcome.Headers.Should().Contain("x-request-cost", "7");
        api.Log.Actual("/todos").Should().ContainSingle().Which.ResponseHeader("Access-Control-Expose-Headers").Should().Be("X-Request-Cost, X-Total-Count");
    }

    private static Task<KestrelSite> StartApiAsync(Action<CorsKitPolicyBuilder> configure) =>
        KestrelSite.StartApiAsync(ApiHost,
            cors => cors.AddDefaultPolicy(configure),
            app => app.MapGet("/todos", (HttpResponse response) =>
            {
                response.Headers["X-Total-Count"] = "42";
                response.Headers["X-Internal-Cost"] = "7";
                return Results.Content("[1,2]", "application/json");
            }));

    [Collection(ChromiumTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Chromium))]
    public sealed class InChromium(ChromiumFixture browser) : ExposedHeaderTests(browser);

    [Collection(FirefoxTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Firefox))]
    public sealed class InFirefox(FirefoxFixture browser) : ExposedHeaderTests(browser);
}
