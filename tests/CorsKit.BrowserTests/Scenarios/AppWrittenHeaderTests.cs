using CorsKit.BrowserTests.Infrastructure;
using CorsKit.Tests.Diagnostics.Guide;

namespace CorsKit.BrowserTests.Scenarios;

/// <summary>
/// An endpoint that writes <c>Access-Control-Allow-Origin</c> itself (legacy code, a second CORS layer): CorsKit
/// leaves that response alone rather than send a second value, and the browser refuses a value that is not the
/// page's origin, or two values, with the messages the troubleshooting guide quotes.
/// </summary>
public abstract class AppWrittenHeaderTests(IBrowserEngine browser) : BrowserTest(browser)
{
    private const string OldFrontEnd = "http://old-frontend.example.test";

    [BrowserFact]
    public async Task An_allow_origin_the_endpoint_wrote_for_another_origin_is_left_alone_and_refused()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await StartApiAsync(page.Origin);
        await using var session = await NewSessionAsync();
        await session.GoToAsync(page.Url("/"));

        var outcome = await session.FetchAsync(api.Url("/legacy"));

        outcome.ShouldBeBlocked();
        var request = api.Log.Actual("/legacy").Should().ContainSingle().Subject;
        request.ResponseHeader("Access-Control-Allow-Origin").Should().Be(OldFrontEnd, "CorsKit never adds a second value");
        await session.ShouldHaveLoggedAsync(RefusalCatalog.AllowOriginMismatch, api.Url("/legacy"), Expect(
            chromium: $"has a value '{OldFrontEnd}' that is not equal to the supplied origin",
            firefox: $"does not match ‘{OldFrontEnd}’"));
    }

    [BrowserFact]
    public async Task Two_allow_origin_values_are_refused()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await StartApiAsync(page.Origin);
        await using var session = await NewSessionAsync();
        await session.GoToAsync(page.Url("/"));

        var outcome = await session.FetchAsync(api.Url("/twice"));

        outcome.ShouldBeBlocked();
        api.Log.Actual("/twice").Should().ContainSingle().Which.ResponseHeader("Access-Control-Allow-Origin").Should().Contain(page.Origin).And.Contain(OldFrontEnd);
        await session.ShouldHaveLoggedAsync(RefusalCatalog.AllowOriginMismatch, api.Url("/twice"), Expect(
            chromium: $"contains multiple values '{page.Origin}, {OldFrontEnd}', but only one is allowed",
            firefox: "(Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed)."));
    }

    private static Task<KestrelSite> StartApiAsync(string allowedOrigin) =>
        KestrelSite.StartApiAsync(ApiHost,
            cors => cors.AddDefaultPolicy(p => p.WithOrigins(allowedOrigin)),
            app =>
            {
                app.MapGet("/legacy", (HttpResponse response) =>
                {
                    response.Headers.AccessControlAllowOrigin = OldFrontEnd;
                    return "legacy";
                });
                app.MapGet("/twice", (HttpResponse response) =>
                {
                    response.Headers.AccessControlAllowOrigin = new Microsoft.Extensions.Primitives.StringValues([allowedOrigin, OldFrontEnd]);
                    return "twice";
                });
            });

    [Collection(ChromiumTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Chromium))]
    public sealed class InChromium(ChromiumFixture browser) : AppWrittenHeaderTests(browser);

    [Collection(FirefoxTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Firefox))]
    public sealed class InFirefox(FirefoxFixture browser) : AppWrittenHeaderTests(browser);
}
