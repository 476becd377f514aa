namespace CorsKit.TestKit;

/// <summary>
/// Where the test suites find the browsers (Debian's packages; no suite ever downloads one) and whether a browser test
/// may be skipped: outside CI a missing browser skips its tests with the reason; with <c>CI=true</c> they always run, so
/// a missing browser fails the build instead of hiding the suite.
/// </summary>
public static class InstalledBrowsers
{
    /// <summary>Debian's chromium package.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Debian's firefox-esr package.</summary>
    public const string FirefoxPath = "/usr/bin/firefox-esr";

    /// <summary>The class trait that names the engine a browser test class runs in: <c>Chromium</c> or <c>Firefox</c>.</summary>
    public const string EngineTrait = "Browser";

    /// <summary>True when CI=true: the browser tests must then run, never skip.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why Chromium tests are skipped, or <see langword="null"/> when they run.</summary>
    public static string? ChromiumSkipReason =>
        File.Exists(ChromiumPath) || IsCi
            ? null
            : $"Chromium is not installed at {ChromiumPath} (run .ci/install, or apt-get install chromium). In CI (CI=true) these tests run and fail instead.";

    /// <summary>Why Firefox tests are skipped, or <see langword="null"/> when they run.</summary>
    public static string? FirefoxSkipReason =>
        File.Exists(FirefoxPath) || IsCi
            ? null
            : $"Firefox is not installed at {FirefoxPath} (run .ci/install, or apt-get install firefox-esr). In CI (CI=true) these tests run and fail instead.";
}
