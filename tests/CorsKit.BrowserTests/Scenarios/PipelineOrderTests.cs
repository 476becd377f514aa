using CorsKit.BrowserTests.Infrastructure;
using CorsKit.Tests.Diagnostics.Guide;

namespace CorsKit.BrowserTests.Scenarios;

/// <summary>
/// A middleware ahead of <c>UseCorsKit()</c> that answers the preflight itself: here <c>UseHttpsRedirection()</c>,
/// which redirects it. Browsers never follow a preflight's redirect, CorsKit never sees the preflight, and the
/// console says so in each engine's words.
/// </summary>
public abstract class PipelineOrderTests(IBrowserEngine browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task A_preflight_redirected_before_CorsKit_is_refused_and_the_actual_request_never_sent()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await KestrelSite.StartAsync(ApiHost, builder =>
        {
            builder.Services.AddHttpsRedirection(o => o.HttpsPort = 443);
            builder.Services.AddCorsKit(cors => cors.AddDefaultPolicy(p => p.WithOrigins(page.Origin).WithMethods("PUT")));
        }, app =>
        {
            app.UseHttpsRedirection();
            app.UseCorsKit();
            app.MapPut("/items/1", () => "saved");
        });
        await using var session = await NewSessionAsync();
        await session.GoToAsync(page.Url("/"));

        var outcome = await session.FetchAsync(api.Url("/items/1"), new FetchInit { Method = "PUT" });

        outcome.ShouldBeBlocked();
        var preflight = api.Log.Preflights("/items/1").Should().ContainSingle().Subject;
        preflight.Status.Should().Be(307);
        preflight.ResponseHeader("Location").Should().StartWith("https://api.example.test/");
        preflight.CorsResponseHeaders.Should().BeEmpty("CorsKit never saw the preflight");
        api.Log.Actual("/items/1").Should().BeEmpty();
        await session.ShouldHaveLoggedAsync(RefusalCatalog.PreflightRedirected, api.Url("/items/1"));
    }

    [Collection(ChromiumTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Chromium))]
    public sealed class InChromium(ChromiumFixture browser) : PipelineOrderTests(browser);

    [Collection(FirefoxTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Firefox))]
    public sealed class InFirefox(FirefoxFixture browser) : PipelineOrderTests(browser);
}
