using CorsKit.BrowserTests.Infrastructure;

namespace CorsKit.BrowserTests.Scenarios;

/// <summary>Scenario 1: simple requests (no preflight) from an allowed and from a refused origin.</summary>
public abstract class SimpleRequestTests(IBrowserEngine browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task Simple_GET_from_an_allowed_origin_is_readable()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await StartApiAsync(page.Origin);
        await using var session = await NewSessionAsync();
        await session.GoToAsync(page.Url("/"));

        var outcome = await session.FetchAsync(api.Url("/data"));

        outcome.ShouldBeReadable();
        outcome.Body.Should().Be("hello from the api");
        outcome.Headers.Should().ContainKey("content-type");
        api.Log.Preflights("/data").Should().BeEmpty("a simple GET is never preflighted");
        var request = api.Log.Actual("/data").Should().ContainSingle().Subject;
        request.Origin.Should().Be(page.Origin);
        request.ResponseHeader("Access-Control-Allow-Origin").Should().Be(page.Origin);
        request.ResponseHeader("Vary").Should().Contain("Origin");
    }

    [BrowserFact]
    public async Task Simple_GET_from_a_refused_origin_is_blocked_although_the_server_ran_it()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await StartApiAsync(page.Origin);
        await using var session = await NewSessionAsync();

        await RefusedOriginScenario.AssertBlockedAsync(session, page, api, "/data");
    }

    private static Task<KestrelSite> StartApiAsync(string allowedOrigin) =>
        KestrelSite.StartApiAsync(ApiHost,
            cors => cors.AddDefaultPolicy(p => p.WithOrigins(allowedOrigin)),
            app => app.MapGet("/data", () => "hello from the api"));

    [Collection(ChromiumTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Chromium))]
    public sealed class InChromium(ChromiumFixture browser) : SimpleRequestTests(browser);

    [Collection(FirefoxTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Firefox))]
    public sealed class InFirefox(FirefoxFixture browser) : SimpleRequestTests(browser);
}
