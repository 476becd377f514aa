using CorsKit.BrowserTests.Infrastructure;
using CorsKit.Tests.Diagnostics.Guide;

namespace CorsKit.BrowserTests.Scenarios;

/// <summary>Scenario 4: <c>credentials: "include"</c> with a cookie works only with <c>AllowCredentials()</c>.</summary>
public abstract class CredentialTests(IBrowserEngine browser) : BrowserTest(browser)
{
    private static readonly FetchInit WithCookies = new() { Credentials = "include" };

    [BrowserFact]
    public async Task A_credentialed_fetch_is_readable_with_AllowCredentials_and_the_cookie_arrives()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await StartApiAsync(p => p.WithOrigins(page.Origin)
            // The tests run on plain http; CorsKit refuses credentials for non-loopback http origins unless told.
            .AllowCredentials().DangerouslyAllowInsecureOriginsWithCredentials());
        await using var session = await OpenWithCookieAsync(page, api);

        var outcome = await session.FetchAsync(api.Url("/me"), WithCookies);

        outcome.ShouldBeReadable();
        outcome.Body.Should().Be("session=s3cr3t");
        var request = api.Log.Actual("/me").Should().ContainSingle().Subject;
        request.Header("Cookie").Should().Be("session=s3cr3t");
        request.ResponseHeader("Access-Control-Allow-Origin").Should().Be(page.Origin, "credentials demand the exact origin, never '*'");
        request.ResponseHeader("Access-Control-Allow-Credentials").Should().Be("true");
    }

    [BrowserFact]
    public async Task A_credentialed_fetch_is_blocked_without_AllowCredentials_although_the_cookie_was_sent()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await StartApiAsync(p => p.WithOrigins(page.Origin));
        await using var session = await OpenWithCookieAsync(page, api);

        var outcome = await session.FetchAsync(api.Url("/me"), WithCookies);

        outcome.ShouldBeBlocked();
        var request = api.Log.Actual("/me").Should().ContainSingle().Subject;
        request.Header("Cookie").Should().Be("session=s3cr3t", "the browser sends the cookie; it is the response it withholds");
        request.ResponseHeader("Access-Control-Allow-Origin").Should().Be(page.Origin);
        request.ResponseHeader("Access-Control-Allow-Credentials").Should().BeNull();
        await session.ShouldHaveLoggedAsync(RefusalCatalog.CredentialsNotAllowed, api.Url("/me"));
    }

    [BrowserFact]
    public async Task A_fetch_without_credentials_sends_no_cookie_and_any_origin_answers_star()
    {
        await using var page = await KestrelSite.StartPageAsync();
        await using var api = await StartApiAsync(p => p.AllowAnyOrigin());
        await using var session = await OpenWithCookieAsync(page, api);

        var plain = await session.FetchAsync(api.Url("/me"));
        var credentialed = await session.FetchAsync(api.Url("/me"), WithCookies);

        plain.ShouldBeReadable();
        plain.Body.Should().Be("session=(none)");
        credentialed.ShouldBeBlocked();
        var requests = api.Log.Actual("/me");
        requests.Should().HaveCount(2);
        requests[0].Header("Cookie").Should().BeNull("cross-origin fetches omit cookies unless credentials are included");
        requests[0].ResponseHeader("Access-Control-Allow-Origin").Should().Be("*");
        requests[1].Header("Cookie").Should().Be("session=s3cr3t");
        requests[1].ResponseHeader("Access-Control-Allow-Origin").Should().Be("*", "'*' fails the browser's check for credentialed requests");
        await session.ShouldHaveLoggedAsync(RefusalCatalog.WildcardWithCredentials, api.Url("/me"));
    }

    private async Task<BrowserSession> OpenWithCookieAsync(KestrelSite page, KestrelSite api)
    {
        var session = await NewSessionAsync();
        await session.AddCookieAsync(api.Origin, "session", "s3cr3t");
        await session.GoToAsync(page.Url("/"));
        return session;
    }

    private static Task<KestrelSite> StartApiAsync(Action<CorsKitPolicyBuilder> configure) =>
        KestrelSite.StartApiAsync(ApiHost,
            cors => cors.AddDefaultPolicy(configure),
            app => app.MapGet("/me", (HttpRequest request) => $"session={request.Cookies["session"] ?? "(none)"}"));

    [Collection(ChromiumTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Chromium))]
    public sealed class InChromium(ChromiumFixture browser) : CredentialTests(browser);

    [Collection(FirefoxTests.Name)]
    [Trait(EngineTrait, nameof(BrowserEngine.Firefox))]
    public sealed class InFirefox(FirefoxFixture browser) : CredentialTests(browser);
}
