using CorsKit.BrowserTests.Infrastructure;

namespace CorsKit.BrowserTests.Scenarios;

/// <summary>
/// Scenario 6: both engines cache a preflight answer for <c>Access-Control-Max-Age</c> seconds (Chromium per network
/// isolation key, so the fetches run from the same page), five seconds without the header, and not at all with
/// max-age 0. Their caps (Chromium 2 hours, Firefox 24 hours) take hours to observe: docs/troubleshooting.md states
/// them, no test waits for them.
/// </summary>
public abstract class PreflightCacheTests(IBrowserEngine browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task A_repeated_fetch_within_max_age_sends_no_second_preflight()
    {
        var (preflights, puts) = await PutTwiceAsync(TimeSpan.FromMinutes(10));

        preflights.Should().ContainSingle("the first answer is cached for ten minutes")
            .Which.ResponseHeader("Access-Control-Max-Age").Should().Be("600");
        puts.Should().HaveCount(2);
    }

    [BrowserFact]
    public async Task With_max_age_zero_every_fetch_is_preflighted()
    {
        var (preflights, puts) = await PutTwiceAsync(TimeSpan.Zero);

        preflights.Should().HaveCount(2, "max-age 0 forbids caching the answer");
        preflights.Should().AllSatisfy(p => p.ResponseHeader("Access-Control-Max-Age").Should().Be("0"));
        puts.Should().HaveCount(2);
    }

    [BrowserFact]
    public async Task Without_a_configured_max_age_the_browser_default_of_five_seconds_applies()
    {
        var (preflights, puts) = await PutTwiceAsync(maxAge: null);

        preflights.Should().ContainSingle("an absent max-age means five seconds, unlike an explicit 0")
            .Which.ResponseHeader("Access-Control-Max-Age").Should().BeNull();
        puts.Should().HaveCount(2);
    }

    private async Task<(IReadOnlyList<RecordedRequest> Preflights, IReadOnlyList<RecordedRequest> Puts)> PutTwiceAsync(TimeSpan? maxAge)
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await KestrelSite.StartApiAsync(ApiHost,
            cors => cors.AddDefaultPolicy(p =>
            {
                p.WithOrigins(page.Origin).WithMethods("PUT");
                if (maxAge is { } value)
                {
                    p.SetPreflightMaxAge(value);
                }
            }),
            app => app.MapPut("/items/1", () => "saved"));
        await using var session = await NewSessionAsync();
        await session.GoToAsync(page.Url("/"));

        for (var i = 0; i < 2; i++)
        {
            var outcome = await session.FetchAsync(api.Url("/items/1"), new FetchInit { Method = "PUT" });
            outcome.ShouldBeReadable();
            outcome.Body.Should().Be("saved");
        }

        return (api.Log.Preflights("/items/1"), api.Log.Actual("/items/1"));
    }

    [Collection(ChromiumTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Chromium))]
    public sealed class InChromium(ChromiumFixture browser) : PreflightCacheTests(browser);

    [Collection(FirefoxTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Firefox))]
    public sealed class InFirefox(FirefoxFixture browser) : PreflightCacheTests(browser);
}
