namespace CorsKit.Testing;

/// <summary>The browser whose CORS behaviour and console messages the verdict engine models.</summary>
public enum BrowserEngine
{
    /// <summary>
    /// Chromium (Chrome, Edge, Opera...). Console texts are Chromium's own, observed in Chromium 156 and taken from
    /// its <c>cors_error_string.cc</c>; the preflight cache is capped at 7200 seconds.
    /// </summary>
    Chromium = 0,

    /// <summary>
    /// Firefox. The same checks as Chromium; the preflight cache is capped at 86400 seconds. Console texts are only
    /// the <c>(Reason: …)</c> fragments recorded so far (see <see cref="CorsVerdict.ConsoleMessage"/>).
    /// </summary>
    Firefox = 1,
}
