using Microsoft.Playwright;

namespace CorsKit.HardeningTests.WriteGuard;

/// <summary>
/// The write guard against a real browser: Chromium (driven by Playwright, never downloaded by it) loads the attacker's
/// page from <c>evil.example.test</c> and submits a form / sends a no-cors fetch to <c>api.example.test</c>. All
/// <c>*.example.test</c> and <c>*.attacker.test</c> names resolve to 127.0.0.1 inside the browser only. The HTTPS tests
/// check that <c>Sec-Fetch-Site</c> really arrived, so they cannot silently exercise only the <c>Origin</c> fallback.
/// </summary>
[Trait(InstalledBrowsers.EngineTrait, "Chromium")]
public sealed class WriteGuardBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private IBrowser Browser => chromium.Browser;

    private async Task<(int? Status, string Body)> SubmitFormAsync(GuardedApp app, string site)
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{site}/form?target={Uri.EscapeDataString(app.Api + "/transfer")}");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("#go"),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/transfer", StringComparison.Ordinal),
            new PageRunAndWaitForResponseOptions { Timeout = 30_000 });
        return (response.Status, await response.TextAsync());
    }

    private async Task<string> NoCorsFetchAsync(GuardedApp app, string site)
    {
        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{site}/blank");
        return await page.EvaluateAsync<string>(
            "url => fetch(url, { method: 'POST', mode: 'no-cors', body: 'amount=1000', headers: { 'Content-Type': 'text/plain' } })"
            + ".then(r => 'sent:' + r.type, e => 'error:' + e)",
            app.Api + "/transfer");
    }

    [BrowserFact]
    public async Task A_form_post_from_a_refused_origin_does_not_run_the_endpoint_with_the_guard()
    {
        await using var app = await GuardedApp.StartAsync(guard: true);

        var (status, _) = await SubmitFormAsync(app, app.EvilSite);

        status.Should().Be(403);
        app.Transfers.Should().Be(0, "the guard must stop the cross-site form post before the endpoint runs");
        app.Server.Logs.GetSnapshot().Should().Contain(e => e.Category == "CorsKit" && e.Id.Id == CorsKitEvents.CrossOriginWriteBlocked && e.Message.Contains("evil.example.test"));
    }

    [BrowserFact]
    public async Task A_form_post_from_a_refused_origin_runs_the_endpoint_without_the_guard()
    {
        // The control experiment: CORS alone does not stop a form post. If this ever stops incrementing, the guarded
        // test above proves nothing.
        await using var app = await GuardedApp.StartAsync(guard: false);

        var (status, body) = await SubmitFormAsync(app, app.EvilSite);

        status.Should().Be(200);
        body.Should().Contain("transferred 1");
        app.Transfers.Should().Be(1);
    }

    [BrowserFact]
    public async Task A_no_cors_fetch_from_a_refused_origin_is_blocked_only_with_the_guard()
    {
        await using var guarded = await GuardedApp.StartAsync(guard: true);
        await using var unguarded = await GuardedApp.StartAsync(guard: false);

        (await NoCorsFetchAsync(guarded, guarded.EvilSite)).Should().Be("sent:opaque");
        (await NoCorsFetchAsync(unguarded, unguarded.EvilSite)).Should().Be("sent:opaque");

        guarded.Transfers.Should().Be(0);
        unguarded.Transfers.Should().Be(1, "the browser sends a simple no-cors POST; only the guard stops it");
    }

    [BrowserFact]
    public async Task Over_HTTPS_a_cross_site_form_post_from_a_refused_origin_is_blocked_by_Sec_Fetch_Site()
    {
        await using var app = await GuardedApp.StartAsync(guard: true, https: true);

        var (status, _) = await SubmitFormAsync(app, app.CrossSite);

        status.Should().Be(403);
        app.Transfers.Should().Be(0, "the guard must stop the cross-site form post before the endpoint runs");
        var seen = app.Seen.Should().ContainSingle().Subject;
        seen.FetchSite.Should().Be("cross-site", "over HTTPS Chromium sends Fetch Metadata, so the header, not the Origin fallback, decided");
        seen.Origin.Should().Be(app.CrossSite);
        app.Server.Logs.GetSnapshot().Should().Contain(e => e.Category == "CorsKit" && e.Id.Id == CorsKitEvents.CrossOriginWriteBlocked
            && e.Message.Contains("decided by Sec-Fetch-Site \"cross-site\""));
    }

    [BrowserFact]
    public async Task Over_HTTPS_a_same_site_form_post_from_a_refused_origin_is_blocked_by_default()
    {
        // evil.example.test and api.example.test share the registrable domain example.test: Chromium says same-site.
        await using var app = await GuardedApp.StartAsync(guard: true, https: true);

        var (status, _) = await SubmitFormAsync(app, app.EvilSite);

        status.Should().Be(403);
        app.Transfers.Should().Be(0);
        app.Seen.Should().ContainSingle().Which.FetchSite.Should().Be("same-site");
    }

    [BrowserFact]
    public async Task Over_HTTPS_a_cross_site_form_post_from_a_refused_origin_runs_the_endpoint_without_the_guard()
    {
        // The control experiment for the HTTPS tests: the browser really sends the form post.
        await using var app = await GuardedApp.StartAsync(guard: false, https: true);

        var (status, _) = await SubmitFormAsync(app, app.CrossSite);

        status.Should().Be(200);
        app.Transfers.Should().Be(1);
        app.Seen.Should().ContainSingle().Which.FetchSite.Should().Be("cross-site");
    }

    [BrowserFact]
    public async Task Over_HTTPS_a_same_origin_form_post_from_a_no_referrer_page_goes_through()
    {
        // Issue 12's measured defect: the page's Referrer-Policy makes Chromium send "Origin: null" on its own form post;
        // Sec-Fetch-Site: same-origin says what Origin cannot.
        await using var app = await GuardedApp.StartAsync(guard: true, https: true);
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.Api}/no-referrer-form");

        var response = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("#go"),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/transfer", StringComparison.Ordinal),
            new PageRunAndWaitForResponseOptions { Timeout = 30_000 });

        response.Status.Should().Be(200);
        (await response.TextAsync()).Should().Be("transferred 1");
        app.Transfers.Should().Be(1);
        var seen = app.Seen.Should().ContainSingle().Subject;
        seen.Origin.Should().Be("null", "a no-referrer page's form post carries Origin: null (Fetch, 'append a request Origin header')");
        seen.FetchSite.Should().Be("same-origin");
    }

    [BrowserFact]
    public async Task Over_plain_HTTP_Chromium_sends_no_Sec_Fetch_Site_so_the_Origin_fallback_decides()
    {
        // The control for the HTTPS tests: *.example.test over http is not potentially trustworthy, so the older tests in
        // this class exercise only the fallback. If Chromium ever starts sending the header here, this says so.
        await using var app = await GuardedApp.StartAsync(guard: true);

        var (status, _) = await SubmitFormAsync(app, app.EvilSite);

        status.Should().Be(403);
        app.Seen.Should().ContainSingle().Which.FetchSite.Should().BeEmpty();
        app.Server.Logs.GetSnapshot().Should().Contain(e => e.Id.Id == CorsKitEvents.CrossOriginWriteBlocked && e.Message.Contains("the Origin fallback"));
    }

    [BrowserFact]
    public async Task The_allowed_origin_can_still_write_with_the_guard()
    {
        await using var app = await GuardedApp.StartAsync(guard: true);

        var (status, _) = await SubmitFormAsync(app, app.AllowedSite);
        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.AllowedSite}/blank");
        var read = await page.EvaluateAsync<string>("url => fetch(url, { method: 'PUT', body: 'x' }).then(r => r.text(), e => 'error:' + e)", app.Api + "/transfer");

        status.Should().Be(200);
        read.Should().Be("transferred 2", "the allowed origin's CORS PUT (preflighted) runs and its response is readable");
        app.Transfers.Should().Be(2);
    }
}

/// <summary>One headless Chromium for all browser tests of a class (launching it is the slow part).</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium was not started (it is missing and CI is not true).");

    public async Task InitializeAsync()
    {
        if (InstalledBrowsers.ChromiumSkipReason is not null)
        {
            return; // every browser test is skipped
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = InstalledBrowsers.ChromiumPath,
            Headless = true,
            Timeout = 60_000,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP *.example.test 127.0.0.1, MAP *.attacker.test 127.0.0.1",
                "--ignore-certificate-errors",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
