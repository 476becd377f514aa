namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>Where the suite finds Firefox and how it configures it.</summary>
internal static class Firefox
{
    /// <summary>Debian's firefox-esr package, which speaks WebDriver BiDi; the suite never downloads a browser.</summary>
    public const string ExecutablePath = InstalledBrowsers.FirefoxPath;

    /// <summary>How long Firefox may take to open its WebDriver BiDi port before the suite gives up.</summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long one WebDriver BiDi command may take (a fetch that hangs must not hang the suite).</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The profile's <c>user.js</c>. The test host names resolve to loopback; nothing may upgrade the tests' plain-http
    /// origins to https; and Firefox reaches out to nothing on its own (telemetry, updates, safe browsing, captive-portal
    /// and connectivity checks, remote settings, prefetching). <c>MOZ_DISABLE_NONLOCAL_CONNECTIONS=1</c> is the
    /// backstop: whatever a preference misses cannot leave the machine.
    /// </summary>
    public static string UserPreferences()
    {
        var preferences = new Dictionary<string, object>
        {
            ["network.dns.localDomains"] = string.Join(",", TestHosts.All),
            ["network.proxy.type"] = 0,
            ["dom.security.https_first"] = false,
            ["dom.security.https_first_pbm"] = false,
            ["dom.security.https_first_schemeless"] = false,
            ["dom.security.https_only_mode"] = false,
            ["dom.security.https_only_mode_pbm"] = false,
            ["browser.shell.checkDefaultBrowser"] = false,
            ["browser.startup.page"] = 0,
            ["browser.startup.homepage"] = "about:blank",
            ["browser.startup.homepage_override.mstone"] = "ignore",
            ["datareporting.policy.dataSubmissionEnabled"] = false,
            ["datareporting.healthreport.uploadEnabled"] = false,
            ["toolkit.telemetry.enabled"] = false,
            ["toolkit.telemetry.unified"] = false,
            ["toolkit.telemetry.server"] = string.Empty,
            ["app.update.auto"] = false,
            ["app.update.enabled"] = false,
            ["app.normandy.enabled"] = false,
            ["extensions.update.enabled"] = false,
            ["extensions.getAddons.cache.enabled"] = false,
            ["browser.search.update"] = false,
            ["browser.safebrowsing.malware.enabled"] = false,
            ["browser.safebrowsing.phishing.enabled"] = false,
            ["browser.safebrowsing.downloads.enabled"] = false,
            ["browser.safebrowsing.downloads.remote.enabled"] = false,
            ["browser.safebrowsing.blockedURIs.enabled"] = false,
            ["network.captive-portal-service.enabled"] = false,
            ["network.connectivity-service.enabled"] = false,
            ["services.settings.server"] = "http://127.0.0.1:9/",
            ["network.prefetch-next"] = false,
            ["network.dns.disablePrefetch"] = true,
            ["network.http.speculative-parallel-limit"] = 0,
            ["browser.newtabpage.enabled"] = false,
            ["browser.ping-centre.telemetry"] = false,
        };
        return string.Concat(preferences.Select(p => $"user_pref(\"{p.Key}\", {Literal(p.Value)});\n"));
    }

    /// <summary>True when CI=true: the browser tests must then run, never skip.</summary>
    public static bool IsCi => Chromium.IsCi;

    /// <summary>Why the Firefox tests are skipped, or <see langword="null"/> when they run.</summary>
    public static string? SkipReason => InstalledBrowsers.FirefoxSkipReason;

    private static string Literal(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        int number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "\"" + value.ToString()!.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
    };
}
