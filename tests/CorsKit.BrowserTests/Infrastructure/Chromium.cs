namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>Where the suite finds Chromium and how it launches it.</summary>
internal static class Chromium
{
    /// <summary>Debian's chromium package; the suite never downloads a browser.</summary>
    public const string ExecutablePath = InstalledBrowsers.ChromiumPath;

    /// <summary>
    /// Headless Chromium with everything that could reach the network switched off. Every <c>*.example.test</c> host
    /// resolves to 127.0.0.1, so the tests' origins are real host names served by Kestrel on loopback.
    /// </summary>
    public static readonly string[] Arguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--host-resolver-rules=MAP *.example.test 127.0.0.1",
    ];

    /// <summary>True when CI=true: the browser tests must then run, never skip.</summary>
    public static bool IsCi => InstalledBrowsers.IsCi;

    /// <summary>Why the browser tests are skipped, or <see langword="null"/> when they run.</summary>
    public static string? SkipReason => InstalledBrowsers.ChromiumSkipReason;
}
